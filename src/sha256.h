/* SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104) of a byte string. */
#ifndef VB_SHA256_H
#define VB_SHA256_H

#include <stddef.h>

/* Writes the SHA-256 of the n bytes at s to out as 64 lowercase hex
 * digits and a terminating NUL. */
void sha256_hex(const char *s, size_t n, char out[65]);
/* HMAC-SHA-256 (RFC 2104) of the n bytes at s under key, as hex. */
void hmac_sha256_hex(const unsigned char *key, size_t klen, const char *s, size_t n, char out[65]);

#endif
