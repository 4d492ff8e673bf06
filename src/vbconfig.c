/* Reads the configuration file through one table of settings:
 * name, parser, target. */
#include "config.h"
#include "vbconfig.h"

#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "out.h"
#include "util.h"

void
config_defaults(vb_config *c)
{
	static const char *const due[] = {"02-15", "05-15", "08-15", "11-15"};
	memset(c, 0, sizeof *c);
	c->default_format = -1;
	c->busy_ms = 5000;
	c->alarm_days = 14;
	c->ndue = 4;
	for (int i = 0; i < 4; i++)
		memcpy(c->due[i], due[i], 6);
}

typedef int (*setting_fn)(vb_config *c, config_setting_t *s, vb_err *err);

static int
bad(vb_err *err, config_setting_t *s, const char *why)
{
	const char *file = config_setting_source_file(s);
	return err_set(err, VB_EDB, "%s:%d: %s: %s", file ? file : "?",
		       config_setting_source_line(s), config_setting_name(s), why);
}

static int
set_database(vb_config *c, config_setting_t *s, vb_err *err)
{
	const char *v = config_setting_get_string(s);
	if (!v || !*v)
		return bad(err, s, _("expected a file name in quotes"));
	free(c->database);
	c->database = xstrdup(v);
	return 0;
}

static int
set_format(vb_config *c, config_setting_t *s, vb_err *err)
{
	const char *v = config_setting_get_string(s);
	int f = v ? out_fmt_parse(v) : -1;
	if (f < 0)
		return bad(err, s, _("expected one of \"table\", \"csv\", \"csv-de\", \"json\", \"md\""));
	c->default_format = f;
	return 0;
}

static int
set_busy(vb_config *c, config_setting_t *s, vb_err *err)
{
	if (config_setting_type(s) != CONFIG_TYPE_INT && config_setting_type(s) != CONFIG_TYPE_INT64)
		return bad(err, s, _("expected a whole number of milliseconds"));
	long long v = config_setting_get_int64(s);
	if (config_setting_type(s) == CONFIG_TYPE_INT)
		v = config_setting_get_int(s);
	if (v < 0 || v > 3600000)
		return bad(err, s, _("expected 0 to 3600000 milliseconds"));
	c->busy_ms = (int)v;
	return 0;
}

static int
valid_mmdd(const char *v)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!v || strlen(v) != 5 || v[2] != '-')
		return 0;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (v[i] < '0' || v[i] > '9'))
			return 0;
	int m = (v[0] - '0') * 10 + v[1] - '0', d = (v[3] - '0') * 10 + v[4] - '0';
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] && !(m == 2 && d == 29);
}

static int
set_advances(vb_config *c, config_setting_t *s, vb_err *err)
{
	if (!config_setting_is_group(s))
		return bad(err, s, _("expected a group { due = [ … ]; }"));
	for (int i = 0; i < config_setting_length(s); i++) {
		config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		if (strcmp(config_setting_name(e), "due") != 0) {
			const char *file = config_setting_source_file(e);
			report_warn(_("%s:%d: unknown setting 'advances.%s' ignored"), file ? file : "?",
				    config_setting_source_line(e), config_setting_name(e));
			continue;
		}
		int n = config_setting_length(e);
		if (!config_setting_is_array(e) && !config_setting_is_list(e))
			return bad(err, e, _("expected a list of dates \"MM-DD\""));
		if (n < 1 || n > VB_MAX_DUE || 12 % n != 0)
			return bad(err, e, _("expected 1, 2, 3, 4, 6 or 12 due dates"));
		for (int k = 0; k < n; k++) {
			const char *v = config_setting_get_string_elem(e, (unsigned)k);
			if (!valid_mmdd(v))
				return bad(err, e, _("due dates are \"MM-DD\" strings in the year (not 02-29)"));
			if (k > 0 && strcmp(v, c->due[k - 1]) <= 0)
				return bad(err, e, _("due dates must be in order"));
			memcpy(c->due[k], v, 6);
		}
		c->ndue = n;
	}
	return 0;
}

static int
set_deadlines(vb_config *c, config_setting_t *s, vb_err *err)
{
	if (!config_setting_is_group(s))
		return bad(err, s, _("expected a group { alarm_days = 14; }"));
	for (int i = 0; i < config_setting_length(s); i++) {
		config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		if (strcmp(config_setting_name(e), "alarm_days") != 0) {
			const char *file = config_setting_source_file(e);
			report_warn(_("%s:%d: unknown setting 'deadlines.%s' ignored"), file ? file : "?",
				    config_setting_source_line(e), config_setting_name(e));
			continue;
		}
		if (config_setting_type(e) != CONFIG_TYPE_INT && config_setting_type(e) != CONFIG_TYPE_INT64)
			return bad(err, e, _("expected a whole number of days"));
		long long v = config_setting_type(e) == CONFIG_TYPE_INT ? config_setting_get_int(e)
									: config_setting_get_int64(e);
		if (v < 0 || v > 365)
			return bad(err, e, _("expected 0 to 365 days"));
		c->alarm_days = (int)v;
	}
	return 0;
}

static int
set_bindings(config_setting_t *s, vb_binding *list, int *n, vb_err *err)
{
	if (!config_setting_is_group(s))
		return bad(err, s, _("expected a group of name = \"value\" settings"));
	for (int i = 0; i < config_setting_length(s); i++) {
		config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		const char *v = config_setting_get_string(e);
		if (!v)
			return bad(err, e, _("expected a value in quotes"));
		if (*n >= VB_MAX_BINDINGS)
			return bad(err, e, _("too many entries"));
		list[*n].name = xstrdup(config_setting_name(e));
		list[*n].value = xstrdup(v);
		(*n)++;
	}
	return 0;
}

static int
set_colors(vb_config *c, config_setting_t *s, vb_err *err)
{
	if (config_setting_is_group(s)) {
		config_setting_t *scheme = config_setting_get_member(s, "scheme");
		if (scheme) {
			const char *v = config_setting_get_string(scheme);
			if (!v)
				return bad(err, scheme, _("expected a scheme name in quotes"));
			free(c->scheme);
			c->scheme = xstrdup(v);
		}
		for (int i = 0; i < config_setting_length(s); i++) {
			config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
			if (e == scheme)
				continue;
			const char *v = config_setting_get_string(e);
			if (!v)
				return bad(err, e, _("expected a colour pair like \"white on blue\" in quotes"));
			if (c->ncolors >= VB_MAX_BINDINGS)
				return bad(err, e, _("too many entries"));
			c->colors[c->ncolors].name = xstrdup(config_setting_name(e));
			c->colors[c->ncolors].value = xstrdup(v);
			c->ncolors++;
		}
		return 0;
	}
	return bad(err, s, _("expected a group { scheme = \"…\"; element = \"fg on bg\"; }"));
}

static int
set_keys(vb_config *c, config_setting_t *s, vb_err *err)
{
	return set_bindings(s, c->keys, &c->nkeys, err);
}

static int
set_export(vb_config *c, config_setting_t *s, vb_err *err)
{
	const char *v = config_setting_get_string(s);
	if (!v || (strcmp(v, "csv") != 0 && strcmp(v, "csv-de") != 0))
		return bad(err, s, _("expected \"csv\" or \"csv-de\""));
	c->export_german = strcmp(v, "csv-de") == 0;
	return 0;
}

static const struct {
	const char *name;
	setting_fn fn;
} settings[] = {
	{"database", set_database},
	{"default_format", set_format},
	{"busy_timeout_ms", set_busy},
	{"advances", set_advances},
	{"deadlines", set_deadlines},
	{"colors", set_colors},
	{"keys", set_keys},
	{"export_csv", set_export},
};

static char *
xdg_path(const char *env, const char *fallback, const char *tail)
{
	const char *base = getenv(env);
	sbuf b;
	sb_init(&b);
	if (base && *base == '/') {
		sb_printf(&b, "%s/%s", base, tail);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return NULL;
		sb_printf(&b, "%s/%s/%s", home, fallback, tail);
	}
	return sb_take(&b);
}

#define CONFIG_MAX (1024 * 1024)
/* Far more settings than any configuration needs; libconfig's time
 * grows with the square of a group's size (70,000 entries: minutes). */
#define CONFIG_SETTINGS_MAX 2048

/* The number of settings (each has a '=' or ':' outside strings and
 * comments), counted before libconfig parses the text. */
static size_t
count_settings(const char *buf, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '"') {
			for (i++; i < len && buf[i] != '"'; i++)
				if (buf[i] == '\\')
					i++;
		} else if (c == '#' || (c == '/' && i + 1 < len && buf[i + 1] == '/')) {
			while (i < len && buf[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && buf[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(buf[i] == '*' && buf[i + 1] == '/'); i++)
				;
			i++;
		} else if (c == '=' || c == ':') {
			n++;
		}
	}
	return n;
}

/* Checks the file before libconfig reads it: a regular file (opened
 * without blocking, so a FIFO cannot hang the program) of at most 1 MB,
 * without @include lines (an included file would escape both rules). */
static int
check_file(const char *path, vb_err *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, VB_EDB, _("%s: cannot read the configuration: %s"), path,
			       strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(err, VB_EDB, _("%s: the configuration is not a regular file"), path);
	}
	if (st.st_size > CONFIG_MAX) {
		close(fd);
		return err_set(err, VB_EDB, _("%s: the configuration is larger than 1 MB"), path);
	}
	char *buf = xmalloc(CONFIG_MAX + 1);
	size_t len = 0;
	ssize_t n;
	while (len <= CONFIG_MAX &&
	       (n = read(fd, buf + len, CONFIG_MAX + 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			free(buf);
			return err_set(err, VB_EDB, _("%s: cannot read the configuration: %s"), path,
				       strerror(e));
		}
		len += (size_t)n;
	}
	close(fd);
	int rc = 0;
	if (len > CONFIG_MAX) {
		rc = err_set(err, VB_EDB, _("%s: the configuration is larger than 1 MB"), path);
	} else if (count_settings(buf, len) > CONFIG_SETTINGS_MAX) {
		rc = err_set(err, VB_EDB, _("%s: the configuration has more than %d settings"), path,
			     CONFIG_SETTINGS_MAX);
	} else {
		int line = 1;
		for (size_t i = 0; i < len && rc == 0; i++) {
			if (i > 0 && buf[i - 1] != '\n')
				continue;
			size_t k = i;
			while (k < len && (buf[k] == ' ' || buf[k] == '\t'))
				k++;
			if (len - k >= 8 && memcmp(buf + k, "@include", 8) == 0)
				rc = err_set(err, VB_EDB,
					     _("%s:%d: @include is not supported: the configuration is one file"),
					     path, line);
			line++;
		}
	}
	free(buf);
	return rc;
}

int
config_load(vb_config *c, const char *path, vb_err *err)
{
	char *def = NULL;
	struct stat st;
	if (!path) {
		def = xdg_path("XDG_CONFIG_HOME", ".config", "verbund/verbund.conf");
		if (!def || stat(def, &st) < 0) {
			free(def);
			return 0;
		}
		path = def;
	} else if (stat(path, &st) < 0) {
		return err_set(err, VB_EDB, _("%s: cannot read the configuration: %s"), path,
			       strerror(errno));
	}
	if (check_file(path, err) < 0) {
		free(def);
		return -1;
	}
	config_t cf;
	config_init(&cf);
	int rc = 0;
	if (config_read_file(&cf, path) != CONFIG_TRUE) {
		const char *file = config_error_file(&cf);
		const char *text = config_error_text(&cf);
		if (config_error_type(&cf) == CONFIG_ERR_FILE_IO)
			rc = err_set(err, VB_EDB, _("%s: cannot read the configuration"), path);
		else
			rc = err_set(err, VB_EDB, "%s:%d: %s", file ? file : path,
				     config_error_line(&cf), text ? text : _("syntax error"));
		goto out;
	}
	c->path = xstrdup(path);
	config_setting_t *root = config_root_setting(&cf);
	for (int i = 0; i < config_setting_length(root) && rc == 0; i++) {
		config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		const char *name = config_setting_name(s);
		size_t k;
		for (k = 0; k < sizeof settings / sizeof settings[0]; k++)
			if (strcmp(settings[k].name, name) == 0)
				break;
		if (k == sizeof settings / sizeof settings[0]) {
			report_warn(_("%s:%d: unknown setting '%s' ignored"), path,
				    config_setting_source_line(s), name);
			continue;
		}
		rc = settings[k].fn(c, s, err);
	}
out:
	config_destroy(&cf);
	free(def);
	return rc;
}

void
config_free(vb_config *c)
{
	free(c->path);
	free(c->database);
	free(c->scheme);
	for (int i = 0; i < c->ncolors; i++)
		free(c->colors[i].name), free(c->colors[i].value);
	for (int i = 0; i < c->nkeys; i++)
		free(c->keys[i].name), free(c->keys[i].value);
	memset(c, 0, sizeof *c);
}

char *
config_db_path(const vb_config *c, const char *opt_db)
{
	const char *env = getenv("VERBUND_DB");
	if (opt_db && *opt_db)
		return xstrdup(opt_db);
	if (env && *env)
		return xstrdup(env);
	if (c->database)
		return xstrdup(c->database);
	return xdg_path("XDG_DATA_HOME", ".local/share", "verbund/verbund.db");
}
