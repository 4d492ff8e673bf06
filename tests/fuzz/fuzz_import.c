/* Fuzz harness: import_data (src/impexp.c) of CSV and JSON into a real
 * federation file.
 *
 * The input's first line names the kind (members, figures, services,
 * costs, keys, subscriptions, transfers, grants, agreements, all; any
 * other first line picks one by its bytes); the rest is the file.  One
 * federation file in a temporary directory holds a small federation
 * (below); every input is imported inside an outer transaction that is
 * rolled back afterwards, so each run starts from the same state.
 *
 * Properties: a failed import changes nothing (the export is the same
 * as before) and says why; after a successful one the foreign keys
 * hold, and the export imports back (import all) to the same export. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "entity.h"
#include "fuzz.h"
#include "impexp.h"
#include "util.h"

static const char *const base_lines[] = {
	"{\n",
	"  \"verbund\": 1,\n",
	"  \"federation\": {\n",
	"    \"name\": \"Fuzz\",\n",
	"    \"notes\": null\n",
	"  },\n",
	"  \"members\": [\n",
	"    {\"code\": \"gm-b\", \"name\": \"Gemeinde B\", \"kind\": \"gemeinde\", \"status\": \"member\", \"joined\": \"2021-07-01\", \"left\": null, \"host\": false, \"contact\": null, \"email\": null, \"phone\": null, \"notes\": \"zwei\\nZeilen\"},\n",
	"    {\"code\": \"lk\", \"name\": \"Landkreis\", \"kind\": \"landkreis\", \"status\": \"member\", \"joined\": \"2020-01-01\", \"left\": null, \"host\": true, \"contact\": null, \"email\": null, \"phone\": null, \"notes\": null},\n",
	"    {\"code\": \"new\", \"name\": \"Neu\", \"kind\": \"gemeinde\", \"status\": \"prospective\", \"joined\": null, \"left\": null, \"host\": false, \"contact\": null, \"email\": null, \"phone\": null, \"notes\": null},\n",
	"    {\"code\": \"st-a\", \"name\": \"Stadt A\", \"kind\": \"stadt\", \"status\": \"member\", \"joined\": \"2020-01-01\", \"left\": null, \"host\": false, \"contact\": null, \"email\": null, \"phone\": null, \"notes\": null}\n",
	"  ],\n",
	"  \"keys\": [\n",
	"    {\"code\": \"eq\", \"name\": \"Gleich\", \"method\": \"equal\", \"metric\": null, \"offset\": 0, \"parts\": [], \"exclude\": []},\n",
	"    {\"code\": \"fix\", \"name\": \"Fest\", \"method\": \"fixed\", \"metric\": null, \"offset\": 0, \"parts\": [{\"member\": \"gm-b\", \"percent\": 24.5}, {\"member\": \"lk\", \"percent\": 30}, {\"member\": \"st-a\", \"percent\": 45.5}], \"exclude\": []},\n",
	"    {\"code\": \"mix\", \"name\": \"Mix\", \"method\": \"composite\", \"metric\": null, \"offset\": 0, \"parts\": [{\"key\": \"eq\", \"weight\": 50}, {\"key\": \"pop\", \"weight\": 50}], \"exclude\": []},\n",
	"    {\"code\": \"pop\", \"name\": \"Einwohner\", \"method\": \"metric\", \"metric\": \"population\", \"offset\": -1, \"parts\": [], \"exclude\": [\"lk\"]},\n",
	"    {\"code\": \"users\", \"name\": \"Nutzer\", \"method\": \"metric\", \"metric\": \"users\", \"offset\": 0, \"parts\": [], \"exclude\": []}\n",
	"  ],\n",
	"  \"services\": [\n",
	"    {\"code\": \"helpdesk\", \"name\": \"Helpdesk\", \"key\": \"users\", \"unit\": null, \"hours\": null, \"subscription\": false, \"standalone_cents\": 2000000, \"description\": null},\n",
	"    {\"code\": \"home\", \"name\": \"Heimarbeit\", \"key\": \"eq\", \"unit\": null, \"hours\": null, \"subscription\": true, \"standalone_cents\": null, \"description\": null},\n",
	"    {\"code\": \"net\", \"name\": \"Netz\", \"key\": \"mix\", \"unit\": \"je Standort\", \"hours\": \"Mo–Fr 7–17\", \"subscription\": false, \"standalone_cents\": null, \"description\": null}\n",
	"  ],\n",
	"  \"figures\": [\n",
	"    {\"member\": \"gm-b\", \"metric\": \"population\", \"year\": 2020, \"value\": 8000},\n",
	"    {\"member\": \"gm-b\", \"metric\": \"users\", \"year\": 2021, \"value\": 25},\n",
	"    {\"member\": \"lk\", \"metric\": \"population\", \"year\": 2020, \"value\": 170000},\n",
	"    {\"member\": \"lk\", \"metric\": \"users\", \"year\": 2020, \"value\": 100},\n",
	"    {\"member\": \"st-a\", \"metric\": \"population\", \"year\": 2020, \"value\": 12000.25},\n",
	"    {\"member\": \"st-a\", \"metric\": \"users\", \"year\": 2020, \"value\": 50.5}\n",
	"  ],\n",
	"  \"costs\": [\n",
	"    {\"service\": \"helpdesk\", \"year\": 2024, \"basis\": \"actual\", \"amount_cents\": 1000000},\n",
	"    {\"service\": \"helpdesk\", \"year\": 2024, \"basis\": \"plan\", \"amount_cents\": 950050},\n",
	"    {\"service\": \"home\", \"year\": 2024, \"basis\": \"actual\", \"amount_cents\": 120000},\n",
	"    {\"service\": \"net\", \"year\": 2024, \"basis\": \"actual\", \"amount_cents\": 500000}\n",
	"  ],\n",
	"  \"subscriptions\": [\n",
	"    {\"member\": \"st-a\", \"service\": \"home\", \"from\": \"2024-01-01\", \"until\": \"2024-06-30\"}\n",
	"  ],\n",
	"  \"grants\": [\n",
	"    {\"code\": \"dp\", \"name\": \"DigitalPakt\", \"source\": \"Land\", \"amount_cents\": 100000, \"from\": \"2023-07-01\", \"until\": \"2025-06-30\", \"service\": \"net\"}\n",
	"  ],\n",
	"  \"transfers\": [\n",
	"    {\"person\": \"Erika Mustermann\", \"from\": \"st-a\", \"to\": \"lk\", \"date\": \"2024-03-01\", \"credit_cents\": 1200000, \"years\": 3, \"fte\": 0.5, \"grade\": \"EG 9b\", \"notes\": null}\n",
	"  ],\n",
	"  \"agreements\": [\n",
	"    {\"code\": \"zv\", \"title\": \"Zweckvereinbarung IT\", \"type\": \"zweckvereinbarung\", \"notes\": null, \"versions\": [{\"number\": 1, \"from\": \"2020-01-01\", \"until\": null, \"term_years\": 5, \"notice_months\": 6, \"text\": null, \"parties\": [\"lk\", \"st-a\"], \"signatures\": [{\"member\": \"lk\", \"signatory\": \"Landrat X\", \"role\": \"Landrat\", \"date\": \"2019-12-01\"}]}]}\n",
	"  ]\n",
	"}\n",
	NULL,
};

static const char *const kinds[] = {"members", "figures", "services", "costs", "keys",
				    "subscriptions", "transfers", "grants", "agreements", "all"};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static vb_db *db;
static char *dir, *path;
static sbuf baseline;		/* the export of the base federation */

static void
cleanup(void)
{
	db_close(db);
	db = NULL;
	if (path) {
		char extra[4096];
		unlink(path);
		snprintf(extra, sizeof extra, "%s-wal", path);
		unlink(extra);
		snprintf(extra, sizeof extra, "%s-shm", path);
		unlink(extra);
		rmdir(dir);
	}
	free(path);
	free(dir);
	sb_free(&baseline);
}

static void
setup(void)
{
	vb_err err;
	const char *tmp = getenv("TMPDIR");
	sbuf b;
	err_clear(&err);
	fuzz_quiet();
	sb_init(&b);
	sb_printf(&b, "%s/vbfuzz.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : tmp && *tmp ? tmp : "/tmp");
	dir = sb_take(&b);
	if (!mkdtemp(dir)) {
		perror(dir);
		abort();
	}
	sb_printf(&b, "%s/fed.db", dir);
	path = sb_take(&b);
	atexit(cleanup);
	if (db_open(&db, path, DB_OPEN_CREATE, 1000, &err) < 0 ||
	    db_exec(db, "INSERT INTO federation(id, name, notes, created) "
			"VALUES (1, 'Fuzz', NULL, '2026-01-15T10:00:00Z')", &err) < 0 ||
	    db_publish(db, &err) < 0) {
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
		abort();
	}
	for (int i = 0; base_lines[i]; i++)
		sb_adds(&b, base_lines[i]);
	size_t n;
	if (import_data(db, NULL, "base", b.s, b.len, &n, &err) < 0) {
		fprintf(stderr, "fuzz_import: base: %s\n", err.msg);
		abort();
	}
	sb_free(&b);
	sb_init(&baseline);
	if (export_json(db, &baseline, NULL, &err) < 0)
		abort();
}

static int
fk_violations(void)
{
	sqlite3_stmt *st;
	int n = 0;
	if (sqlite3_prepare_v2(db_handle(db), "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return n;
}

FUZZ_ENTRY(import)
{
	static int init;
	vb_err err;
	if (!init) {
		setup();
		init = 1;
	}
	err_clear(&err);
	/* the kind */
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hl = nl ? (size_t)(nl - data) : size, k;
	for (k = 0; k < NKINDS; k++)
		if (strlen(kinds[k]) == hl && memcmp(kinds[k], data, hl) == 0)
			break;
	if (k == NKINDS) {
		unsigned sum = 0;
		for (size_t i = 0; i < hl; i++)
			sum += data[i];
		k = sum % NKINDS;
	}
	size_t skip = nl ? hl + 1 : size;
	const vb_entity *e = strcmp(kinds[k], "all") == 0 ? NULL : ent_by_name(kinds[k]);
	/* exactly the file's bytes, so that ASan sees any overread */
	sbuf file;
	sb_init(&file);
	if (e == &ent_agreement) {
		/* as cmd_import: agreements travel inside an export */
		sb_adds(&file, "{\"verbund\": 1, \"agreements\": ");
		sb_addn(&file, (const char *)data + skip, size - skip);
		sb_adds(&file, "}");
		e = NULL;
	} else {
		sb_addn(&file, (const char *)data + skip, size - skip);
	}
	char *copy = xmalloc(file.len ? file.len : 1);
	memcpy(copy, file.s, file.len);

	if (db_begin(db, &err) < 0)
		abort();
	size_t n = 0;
	sbuf a, b;
	sb_init(&a), sb_init(&b);
	int rc = import_data(db, e, "fuzz.csv", copy, file.len, &n, &err);
	if (rc < 0) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		if (err.status != VB_EFAIL)
			fprintf(stderr, "import failed with status %d: %s\n", err.status, err.msg);
		FUZZ_ASSERT(err.status == VB_EFAIL);
		FUZZ_ASSERT(n == 0);
		FUZZ_ASSERT(export_json(db, &a, NULL, &err) == 0);
		FUZZ_ASSERT(a.len == baseline.len && memcmp(a.s, baseline.s, a.len) == 0);
	} else {
		FUZZ_ASSERT(fk_violations() == 0);
		FUZZ_ASSERT(export_json(db, &a, NULL, &err) == 0);
		size_t n2;
		rc = import_data(db, NULL, "again.json", a.s, a.len, &n2, &err);
		if (rc < 0)
			fprintf(stderr, "the export does not import back: %s\n", err.msg);
		FUZZ_ASSERT(rc == 0);
		FUZZ_ASSERT(export_json(db, &b, NULL, &err) == 0);
		if (a.len != b.len || memcmp(a.s, b.s, a.len) != 0)
			fprintf(stderr, "the export changed on import:\n%s\n----\n%s\n", a.s, b.s);
		FUZZ_ASSERT(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	}
	db_rollback(db);
	sb_free(&a), sb_free(&b), sb_free(&file);
	free(copy);
	return 0;
}
