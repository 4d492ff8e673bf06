/* Loads one year and basis of the federation file into the allocation
 * engine's input and runs it; the engine itself does no I/O. */
#include "config.h"
#include "allocdb.h"

#include <stdlib.h>
#include <string.h>

#include "dbvalid.h"
#include "entity.h"
#include "i18n.h"
#include "util.h"


/* A column's text when it is stored as text, else NULL (the type is
 * tested before the read: reading would convert a blob to text). */
static const char *
col_text_only(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_TEXT ? db_col_text(st, col) : NULL;
}

/* The record a message names: its code, "NULL", or "?" for a value
 * that is not a text. */
static const char *
record_name(sqlite3_stmt *st, int col, const char *text)
{
	return text ? text : sqlite3_column_type(st, col) == SQLITE_NULL ? "NULL" : "?";
}

/* A code that names no record: the file was changed behind the program's
 * back (foreign keys off). */
static int
dangling(const char *table, const char *record, const char *what, const char *code, vb_err *err)
{
	return err_set(err, VB_EDB,
		       _("the federation file holds a value that is not valid: table '%s', record '%s': %s '%s' does not exist; 'verbund check' lists every such value"),
		       table, record, what, code);
}

/* A damaged file can count a table's rows (by one of its indexes) as
 * fewer than a scan of it returns: the arrays sized by the count are
 * never written past. */
static int
uncounted(const char *table, vb_err *err)
{
	return err_set(err, VB_EDB,
		       _("the federation file is damaged: table '%s' has more rows than it counts (PRAGMA integrity_check names the damage)"),
		       table);
}

#define ROOM(n, cap, table)                            \
	if ((n) >= (cap)) {                            \
		rc = uncounted((table), err);          \
		break;                                 \
	}

/* Every column of a row validated as the entity's field it stores. */
static int
row_valid(const vb_entity *e, sqlite3_stmt *st, const int *fields, int n, vb_err *err)
{
	const char *rec = (const char *)sqlite3_column_text(st, 0);
	dbv_at at = {e->table, rec ? rec : "NULL"};
	for (int i = 0; i < n; i++)
		if (dbv_field(e, fields[i], st, i, &at, err) < 0)
			return -1;
	return 0;
}

static const char *
keep(alloc_data *d, const char *s)
{
	if (!s)
		return NULL;
	if (d->nstrings == d->capstrings) {
		d->capstrings = d->capstrings ? d->capstrings * 2 : 256;
		d->strings = xrealloc(d->strings, d->capstrings * sizeof *d->strings);
	}
	return d->strings[d->nstrings++] = xstrdup(s);
}

/* Metric names repeat: the figures share one copy per name. */
static const char *
intern(alloc_data *d, const char *s, const char **cache, size_t *ncache)
{
	for (size_t i = 0; i < *ncache; i++)
		if (strcmp(cache[i], s) == 0)
			return cache[i];
	const char *k = keep(d, s);
	if (*ncache < 64)
		cache[(*ncache)++] = k;
	return k;
}

/* A validated date column, or none for NULL. */
static vb_date
date_or(sqlite3_stmt *st, int col, vb_date none)
{
	vb_date d;
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s && date_parse(s, &d) == 0 ? d : none;
}

static int
cmp_code(const void *key, const void *elem)
{
	return strcmp((const char *)key, *(const char *const *)elem);
}

/* Index by code in an array of structs whose first member is the code. */
static long
find_code(const void *base, size_t n, size_t size, const char *code)
{
	const char *p = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_code(code, p + mid * size);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

long
alloc_member_index(const alloc_data *d, const char *code)
{
	return find_code(d->members, d->in.n_members, sizeof *d->members, code);
}

static long
key_index(const alloc_data *d, const char *code)
{
	return find_code(d->keys, d->in.n_keys, sizeof *d->keys, code);
}

static long
service_index(const alloc_data *d, const char *code)
{
	return find_code(d->services, d->in.n_services, sizeof *d->services, code);
}

#define STEP_ROWS(st, rc) while (((rc) = db_step(db, (st), err)) == SQLITE_ROW)

static int
load_members(vb_db *db, alloc_data *d, vb_err *err)
{
	static const char sql[] = "SELECT code, name, joined, \"left\" FROM member ORDER BY code";
	sqlite3_stmt *st = db_prep(db, sql, err);
	int rc;
	if (!st)
		return -1;
	static const int fields[] = {MB_CODE, MB_NAME, MB_JOINED, MB_LEFT};
	STEP_ROWS(st, rc) {
		if (row_valid(&ent_member, st, fields, 4, err) < 0) {
			rc = -1;
			break;
		}
		size_t i = d->in.n_members;
		if (i == d->cap_members) {
			d->cap_members = d->cap_members ? d->cap_members * 2 : 64;
			d->members = xrealloc(d->members, d->cap_members * sizeof *d->members);
			d->names = xrealloc(d->names, d->cap_members * sizeof *d->names);
		}
		d->members[i].code = keep(d, db_col_text(st, 0));
		d->names[i] = (char *)keep(d, db_col_text(st, 1));
		d->members[i].joined = date_or(st, 2, VB_ALLOC_NEVER);
		d->members[i].left = date_or(st, 3, VB_ALLOC_OPEN);
		d->in.n_members++;
	}
	db_end(st);
	d->in.members = d->members;
	return rc < 0 ? -1 : 0;
}

static size_t
count_rows(vb_db *db, const char *sql, vb_err *err)
{
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st || db_step(db, st, err) != SQLITE_ROW)
		return 0;
	size_t n = (size_t)sqlite3_column_int64(st, 0);
	db_end(st);
	return n;
}

/* A row of key_share, key_part or key_exclude: key, then a member
 * (what 'm') or a key ('k'), then a number up to max (max < 0: none). */
static int
sub_row(const alloc_data *d, sqlite3_stmt *st, const char *table, int what, int64_t max, vb_err *err)
{
	const char *key, *other;
	int64_t v;
	char id[80];
	const char *k0 = (const char *)sqlite3_column_text(st, 0), *k1 = (const char *)sqlite3_column_text(st, 1);
	snprintf(id, sizeof id, "%.32s/%.32s", k0 ? k0 : "NULL", k1 ? k1 : "NULL");
	dbv_at at = {table, id};
	if (dbv_code(st, 0, 0, &at, &key, err) < 0 || dbv_code(st, 1, 0, &at, &other, err) < 0 ||
	    (max >= 0 && dbv_int(st, 2, 0, 0, max, &at, &v, err) < 0))
		return -1;
	if (key_index(d, key) < 0)
		return dangling(table, id, _("key"), key, err);
	if (what == 'm' ? alloc_member_index(d, other) < 0 : key_index(d, other) < 0)
		return dangling(table, id, what == 'm' ? _("member") : _("key"), other, err);
	return 0;
}

static int
load_keys(vb_db *db, alloc_data *d, vb_err *err)
{
	static const char keys[] = "SELECT code, method, metric, \"offset\" FROM cost_key ORDER BY code";
	static const char nkeys[] = "SELECT count(*) FROM cost_key";
	static const char shares[] = "SELECT key, member, percent FROM key_share ORDER BY key, member";
	static const char nshares[] = "SELECT count(*) FROM key_share";
	static const char parts[] = "SELECT key, part, weight FROM key_part ORDER BY key, pos";
	static const char nparts[] = "SELECT count(*) FROM key_part";
	static const char excl[] = "SELECT key, member FROM key_exclude ORDER BY key, member";
	static const char nexcl[] = "SELECT count(*) FROM key_exclude";
	static const char *const methods[] = {"metric", "equal", "fixed", "composite"};
	size_t nk = count_rows(db, nkeys, err), cf = count_rows(db, nshares, err);
	size_t cp = count_rows(db, nparts, err), ce = count_rows(db, nexcl, err);
	d->keys = xcalloc(nk + 1, sizeof *d->keys);
	d->fixed = xcalloc(cf + 1, sizeof *d->fixed);
	d->parts = xcalloc(cp + 1, sizeof *d->parts);
	d->excludes = xcalloc(ce + 1, sizeof *d->excludes);
	sqlite3_stmt *st = db_prep(db, keys, err);
	int rc;
	if (!st)
		return -1;
	static const int key_fields[] = {KY_CODE, KY_METHOD, KY_METRIC, KY_OFFSET};
	STEP_ROWS(st, rc) {
		ROOM(d->in.n_keys, nk, "cost_key")
		if (row_valid(&ent_key, st, key_fields, 4, err) < 0) {
			rc = -1;
			break;
		}
		vb_alloc_key *k = &d->keys[d->in.n_keys++];
		k->code = keep(d, db_col_text(st, 0));
		for (int m = 0; m < 4; m++)
			if (strcmp(db_col_text(st, 1), methods[m]) == 0)
				k->method = (enum vb_key_method)m;
		k->metric = keep(d, db_col_text(st, 2));
		k->offset = sqlite3_column_int(st, 3);
	}
	db_end(st);
	if (rc < 0)
		return -1;
	d->in.keys = d->keys;
	/* the sub-tables come sorted by key, so each key's entries are contiguous */
	size_t nf = 0, np = 0, ne = 0;
	if (!(st = db_prep(db, shares, err)))
		return -1;
	STEP_ROWS(st, rc) {
		if (sub_row(d, st, "key_share", 'm', 1000000, err) < 0) {
			rc = -1;
			break;
		}
		ROOM(nf, cf, "key_share")
		long k = key_index(d, db_col_text(st, 0)), m = alloc_member_index(d, db_col_text(st, 1));
		if (!d->keys[k].fixed)
			d->keys[k].fixed = &d->fixed[nf];
		d->fixed[nf++] = (vb_alloc_fixed){(size_t)m, sqlite3_column_int64(st, 2)};
		d->keys[k].n_fixed++;
	}
	db_end(st);
	if (rc < 0)
		return -1;
	if (!(st = db_prep(db, parts, err)))
		return -1;
	STEP_ROWS(st, rc) {
		if (sub_row(d, st, "key_part", 'k', 1000000, err) < 0) {
			rc = -1;
			break;
		}
		ROOM(np, cp, "key_part")
		long k = key_index(d, db_col_text(st, 0)), p = key_index(d, db_col_text(st, 1));
		if (!d->keys[k].parts)
			d->keys[k].parts = &d->parts[np];
		d->parts[np++] = (vb_alloc_part_ref){(size_t)p, sqlite3_column_int64(st, 2)};
		d->keys[k].n_parts++;
	}
	db_end(st);
	if (rc < 0)
		return -1;
	if (!(st = db_prep(db, excl, err)))
		return -1;
	STEP_ROWS(st, rc) {
		if (sub_row(d, st, "key_exclude", 'm', -1, err) < 0) {
			rc = -1;
			break;
		}
		ROOM(ne, ce, "key_exclude")
		long k = key_index(d, db_col_text(st, 0)), m = alloc_member_index(d, db_col_text(st, 1));
		if (!d->keys[k].exclude)
			d->keys[k].exclude = &d->excludes[ne];
		d->excludes[ne++] = (size_t)m;
		d->keys[k].n_exclude++;
	}
	db_end(st);
	return rc < 0 ? -1 : 0;
}

static int
load_services(vb_db *db, alloc_data *d, int year, const char *basis, vb_err *err)
{
	static const char nserv[] = "SELECT count(*) FROM service";
	static const char serv[] =
		"SELECT code, name, key, subscription, standalone FROM service ORDER BY code";
	static const char costs[] = "SELECT service, amount FROM cost WHERE year = ?1 AND basis = ?2";
	size_t ns = count_rows(db, nserv, err);
	d->services = xcalloc(ns + 1, sizeof *d->services);
	d->service_names = xcalloc(ns + 1, sizeof *d->service_names);
	sqlite3_stmt *st = db_prep(db, serv, err);
	int rc;
	if (!st)
		return -1;
	static const int serv_fields[] = {SV_CODE, SV_NAME, SV_KEY, SV_SUBSCRIPTION, SV_STANDALONE};
	STEP_ROWS(st, rc) {
		ROOM(d->in.n_services, ns, "service")
		if (row_valid(&ent_service, st, serv_fields, 5, err) < 0) {
			rc = -1;
			break;
		}
		long k = key_index(d, db_col_text(st, 2));
		if (k < 0) {
			rc = dangling("service", db_col_text(st, 0), _("key"), db_col_text(st, 2), err);
			break;
		}
		size_t i = d->in.n_services++;
		vb_alloc_service *s = &d->services[i];
		s->code = keep(d, db_col_text(st, 0));
		d->service_names[i] = (char *)keep(d, db_col_text(st, 1));
		s->key = (size_t)k;
		s->subscription = sqlite3_column_int(st, 3);
		s->standalone = sqlite3_column_type(st, 4) == SQLITE_NULL ? VB_ALLOC_NO_STANDALONE
									   : sqlite3_column_int64(st, 4);
	}
	db_end(st);
	if (rc < 0)
		return -1;
	d->in.services = d->services;
	if (!(st = db_prep(db, costs, err)))
		return -1;
	db_bind_int(st, 1, year);
	db_bind_text(st, 2, basis);
	static const int cost_fields[] = {CO_SERVICE, CO_AMOUNT};
	STEP_ROWS(st, rc) {
		if (row_valid(&ent_cost, st, cost_fields, 2, err) < 0) {
			rc = -1;
			break;
		}
		long s = service_index(d, db_col_text(st, 0));
		if (s < 0) {
			rc = dangling("cost", db_col_text(st, 0), _("service"), db_col_text(st, 0), err);
			break;
		}
		d->services[s].cost = sqlite3_column_int64(st, 1);
	}
	db_end(st);
	return rc < 0 ? -1 : 0;
}

void
alloc_add_figure(alloc_data *d, size_t member, const char *metric, int year, int64_t value)
{
	if (d->in.n_figures == d->cap_figures) {
		d->cap_figures = d->cap_figures ? d->cap_figures * 2 : 1024;
		d->figures = xrealloc(d->figures, d->cap_figures * sizeof *d->figures);
	}
	d->figures[d->in.n_figures++] = (vb_alloc_figure){member, metric, year, value};
	d->in.figures = d->figures;
}

static int
load_figures(vb_db *db, alloc_data *d, int year, const vb_progress *p, vb_err *err)
{
	static const char sql[] = "SELECT member, metric, year, value FROM figure WHERE year <= ?1 ORDER BY member, metric, year";
	const char *cache[64];
	size_t ncache = 0;
	int maxoff = 0, rc;
	for (size_t k = 0; k < d->in.n_keys; k++)
		if (d->keys[k].offset > maxoff)
			maxoff = d->keys[k].offset;
	/* room for every figure at once: doubling would hold up to twice
	 * the figures' memory (20 MB at 650,000 figures) and copy it */
	size_t all = count_rows(db, "SELECT count(*) FROM figure", err);
	if (all > d->cap_figures) {
		d->figures = xrealloc(d->figures, all * sizeof *d->figures);
		d->cap_figures = all;
	}
	sqlite3_stmt *st = db_prep(db, sql, err);
	if (!st)
		return -1;
	db_bind_int(st, 1, year + maxoff);
	long m = -1;
	const char *member = NULL, *metric = NULL;	/* validated last */
	STEP_ROWS(st, rc) {
		/* a member's figures come together, a metric's years too: a
		 * text is validated when it differs from the one validated
		 * before (its type every row), the numbers every row
		 * (validating every text of 650,000 figures was 40 % of the run) */
		/* the types before any text is read: reading converts a
		 * blob, and its type would then be reported as text */
		const char *mc = col_text_only(st, 0), *mt = col_text_only(st, 1);
		int new_member = !member || !mc || strcmp(mc, member) != 0;
		int new_metric = !metric || !mt || strcmp(mt, metric) != 0;
		dbv_at at = {ent_figure.table, record_name(st, 0, mc)};
		int64_t fyear, value;
		if ((new_member && dbv_field(&ent_figure, FG_MEMBER, st, 0, &at, err) < 0) ||
		    (new_metric && dbv_field(&ent_figure, FG_METRIC, st, 1, &at, err) < 0) ||
		    dbv_num(&ent_figure, FG_YEAR, st, 2, &at, &fyear, err) < 0 ||
		    dbv_num(&ent_figure, FG_VALUE, st, 3, &at, &value, err) < 0) {
			rc = -1;
			break;
		}
		if (new_member) {
			m = alloc_member_index(d, mc);
			if (m < 0) {
				rc = dangling("figure", mc, _("member"), mc, err);
				break;
			}
			member = d->members[m].code;
		}
		if (new_metric)
			metric = intern(d, mt, cache, &ncache);
		alloc_add_figure(d, (size_t)m, metric, (int)fyear, value);
		if ((d->in.n_figures & 4095) == 0 && d->in.n_figures < all)
			vb_progress_report(p, "allocate", d->in.n_figures, all);
	}
	vb_progress_report(p, "allocate", all, all);
	db_end(st);
	return rc < 0 ? -1 : 0;
}

static int
load_rest(vb_db *db, alloc_data *d, vb_err *err)
{
	static const char subs[] = "SELECT member, service, \"from\", \"until\" FROM subscription";
	static const char nsubs[] = "SELECT count(*) FROM subscription";
	static const char grants[] = "SELECT code, amount, \"from\", \"until\", service FROM grant_fund ORDER BY code";
	static const char ngrants[] = "SELECT count(*) FROM grant_fund";
	static const char transfers[] = "SELECT id, \"from\", \"to\", date, credit, years FROM transfer ORDER BY id";
	static const char ntransfers[] = "SELECT count(*) FROM transfer";
	int rc;
	size_t nsu = count_rows(db, nsubs, err), ngr = count_rows(db, ngrants, err);
	d->subs = xcalloc(nsu + 1, sizeof *d->subs);
	d->grants = xcalloc(ngr + 1, sizeof *d->grants);
	size_t ntr = count_rows(db, ntransfers, err);
	d->transfers = xcalloc(ntr + 1, sizeof *d->transfers);
	d->transfer_ids = xcalloc(ntr + 1, sizeof *d->transfer_ids);
	sqlite3_stmt *st = db_prep(db, subs, err);
	if (!st)
		return -1;
	long m = -1, sv = -1;
	const char *member = NULL, *service = NULL;	/* validated and found last */
	STEP_ROWS(st, rc) {
		/* a member's subscriptions mostly come together: its code is
		 * validated and looked up when it differs from the row before
		 * (its type every row), the service's too, the dates every row
		 * (215,000 subscriptions at nation scale) */
		const char *mc = col_text_only(st, 0), *sc = col_text_only(st, 1);
		int new_m = !member || !mc || strcmp(mc, member) != 0;
		int new_s = !service || !sc || strcmp(sc, service) != 0;
		dbv_at at = {ent_subscription.table, record_name(st, 0, mc)};
		vb_date from = VB_ALLOC_OPEN, until = VB_ALLOC_OPEN;
		if ((new_m && dbv_field(&ent_subscription, SU_MEMBER, st, 0, &at, err) < 0) ||
		    (new_s && dbv_field(&ent_subscription, SU_SERVICE, st, 1, &at, err) < 0) ||
		    dbv_date(st, 2, 0, &at, &from, err) < 0 || dbv_date(st, 3, 1, &at, &until, err) < 0) {
			rc = -1;
			break;
		}
		if (new_m)
			m = alloc_member_index(d, mc);
		if (new_s)
			sv = service_index(d, sc);
		if (m < 0 || sv < 0) {
			rc = dangling("subscription", mc, m < 0 ? _("member") : _("service"), m < 0 ? mc : sc, err);
			break;
		}
		ROOM(d->in.n_subs, nsu, "subscription")
		member = d->members[m].code;
		service = d->services[sv].code;
		d->subs[d->in.n_subs++] = (vb_alloc_sub){(size_t)m, (size_t)sv, from, until};
	}
	db_end(st);
	if (rc < 0)
		return -1;
	d->in.subs = d->subs;
	if (!(st = db_prep(db, grants, err)))
		return -1;
	static const int grant_fields[] = {GR_CODE, GR_AMOUNT, GR_FROM, GR_UNTIL, GR_SERVICE};
	STEP_ROWS(st, rc) {
		if (row_valid(&ent_grant, st, grant_fields, 5, err) < 0) {
			rc = -1;
			break;
		}
		const char *svc = db_col_text(st, 4);
		long s = svc ? service_index(d, svc) : -1;
		if (svc && s < 0) {
			rc = dangling("grant_fund", db_col_text(st, 0), _("service"), svc, err);
			break;
		}
		ROOM(d->in.n_grants, ngr, "grant_fund")
		d->grants[d->in.n_grants++] = (vb_alloc_grant){keep(d, db_col_text(st, 0)),
			sqlite3_column_int64(st, 1), date_or(st, 2, 0),
			date_or(st, 3, 0), svc && s >= 0 ? (size_t)s : VB_ALLOC_ALL};
	}
	db_end(st);
	if (rc < 0)
		return -1;
	d->in.grants = d->grants;
	if (!(st = db_prep(db, transfers, err)))
		return -1;
	static const int tr_fields[] = {TR_ID, TR_FROM, TR_TO, TR_DATE, TR_CREDIT, TR_YEARS};
	STEP_ROWS(st, rc) {
		if (row_valid(&ent_transfer, st, tr_fields, 6, err) < 0) {
			rc = -1;
			break;
		}
		long f = alloc_member_index(d, db_col_text(st, 1)), t = alloc_member_index(d, db_col_text(st, 2));
		if (f < 0 || t < 0) {
			rc = dangling("transfer", db_col_text(st, 0), _("member"), db_col_text(st, f < 0 ? 1 : 2), err);
			break;
		}
		ROOM(d->in.n_transfers, ntr, "transfer")
		d->transfer_ids[d->in.n_transfers] = sqlite3_column_int64(st, 0);
		d->transfers[d->in.n_transfers++] = (vb_alloc_transfer){(size_t)f, (size_t)t,
			date_or(st, 3, 0), sqlite3_column_int64(st, 4),
			sqlite3_column_int(st, 5)};
	}
	db_end(st);
	d->in.transfers = d->transfers;
	return rc < 0 ? -1 : 0;
}

int
alloc_load(vb_db *db, int year, const char *basis, alloc_data *d, vb_err *err)
{
	return alloc_load_progress(db, year, basis, NULL, d, err);
}

int
alloc_load_progress(vb_db *db, int year, const char *basis, const vb_progress *p,
		    alloc_data *d, vb_err *err)
{
	memset(d, 0, sizeof *d);
	d->in.year = year;
	/* one read transaction: every table from the same snapshot */
	if (db_exec(db, "BEGIN", err) < 0)
		return -1;
	int rc = load_members(db, d, err) < 0 || load_keys(db, d, err) < 0 ||
		 load_services(db, d, year, basis, err) < 0 || load_figures(db, d, year, p, err) < 0 ||
		 load_rest(db, d, err) < 0 ? -1 : 0;
	db_exec(db, "COMMIT", NULL);
	if (rc < 0)
		alloc_data_free(d);	/* nothing half-loaded stays behind */
	/* the page cache (up to 16 MB) is not needed while the engine runs:
	 * the peak of an allocation is the engine's cells plus the figures */
	sqlite3_db_release_memory(db_handle(db));
	return rc;
}

size_t
alloc_add_member(alloc_data *d, const char *code, const char *name, vb_date joined)
{
	long at = 0;
	while ((size_t)at < d->in.n_members && strcmp(d->members[at].code, code) < 0)
		at++;
	if (d->in.n_members == d->cap_members) {
		d->cap_members = d->cap_members ? d->cap_members * 2 : 64;
		d->members = xrealloc(d->members, d->cap_members * sizeof *d->members);
		d->names = xrealloc(d->names, d->cap_members * sizeof *d->names);
	}
	size_t n = d->in.n_members, pos = (size_t)at;
	memmove(&d->members[pos + 1], &d->members[pos], (n - pos) * sizeof *d->members);
	memmove(&d->names[pos + 1], &d->names[pos], (n - pos) * sizeof *d->names);
	d->members[pos] = (vb_alloc_member){keep(d, code), joined, VB_ALLOC_OPEN};
	d->names[pos] = (char *)keep(d, name);
	d->in.n_members++;
	d->in.members = d->members;
	/* every member index at or after pos moves one up */
#define SHIFT(x) do { if ((x) >= pos) (x)++; } while (0)
	for (size_t i = 0; i < d->in.n_figures; i++)
		SHIFT(d->figures[i].member);
	for (size_t i = 0; i < d->in.n_subs; i++)
		SHIFT(d->subs[i].member);
	for (size_t i = 0; i < d->in.n_transfers; i++) {
		SHIFT(d->transfers[i].from);
		SHIFT(d->transfers[i].to);
	}
	for (size_t k = 0; k < d->in.n_keys; k++) {
		for (size_t i = 0; i < d->keys[k].n_fixed; i++)
			SHIFT(d->fixed[d->keys[k].fixed - d->fixed + (long)i].member);
		for (size_t i = 0; i < d->keys[k].n_exclude; i++)
			SHIFT(d->excludes[d->keys[k].exclude - d->excludes + (long)i]);
	}
#undef SHIFT
	return pos;
}

int
alloc_run(alloc_data *d, int explain, vb_alloc_result *res, vb_err *err)
{
	vb_alloc_error e;
	d->in.explain = explain;
	if (vb_allocate(&d->in, res, &e) < 0)
		return err_set(err, VB_EFAIL, "%s", e.msg);
	return 0;
}

void
alloc_data_free(alloc_data *d)
{
	for (size_t i = 0; i < d->nstrings; i++)
		free(d->strings[i]);
	free(d->strings);
	free(d->names);
	free(d->service_names);
	free(d->members);
	free(d->keys);
	free(d->fixed);
	free(d->parts);
	free(d->excludes);
	free(d->services);
	free(d->subs);
	free(d->figures);
	free(d->grants);
	free(d->transfers);
	free(d->transfer_ids);
	memset(d, 0, sizeof *d);
}
