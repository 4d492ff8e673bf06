/* Errors of the core: a status (the program's exit status) and one
 * message; the caller decides how to show it (stderr or a TUI box). */
#ifndef VB_ERR_H
#define VB_ERR_H

enum vb_status {
	VB_OK = 0,
	VB_EFAIL = 1,	/* the operation failed: bad data, validation, not found */
	VB_EUSAGE = 2,	/* command-line syntax */
	VB_EDB = 3,	/* the database or configuration cannot be used */
	VB_ECONFLICT = 4	/* the record changed since it was read (TUI only) */
};

typedef struct vb_err {
	int status;
	int field;	/* index of the record field the error is about, -1 when none */
	char msg[1024];
} vb_err;

#if defined(__GNUC__)
#define VB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VB_PRINTF(a, b)
#endif

/* Sets err (if not NULL; about no field) and returns -1, so callers can
 * "return err_set(…)". */
int err_set(vb_err *err, int status, const char *fmt, ...) VB_PRINTF(3, 4);
/* Prefixes the message already in err with "what: ". */
int err_prefix(vb_err *err, const char *fmt, ...) VB_PRINTF(2, 3);
void err_clear(vb_err *err);
/* Sets err (if not NULL) like err_set, about the record field i. */
int err_set_field(vb_err *err, int field, int status, const char *fmt, ...) VB_PRINTF(4, 5);

/* Reporting: messages go to stderr as "verbund: …" unless a front end
 * installs its own reporter (the TUI shows them in the status line). */
typedef void (*vb_reporter)(int is_error, const char *msg);
void report_set(vb_reporter fn);
void report_quiet(int quiet);
void report_error(const char *fmt, ...) VB_PRINTF(1, 2);
void report_warn(const char *fmt, ...) VB_PRINTF(1, 2);
void report_info(const char *fmt, ...) VB_PRINTF(1, 2);
/* Reports err and returns its status. */
int report_err(const vb_err *err);

#endif
