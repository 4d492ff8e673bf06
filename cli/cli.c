/* The batch mode's front door: global options, finding a command in the
 * table, parsing its arguments, help texts and dispatch. */
#include "config.h"
#include "cli.h"
#include "cmds.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "suggest.h"
#include "workflow.h"

static const cli_opt common_opts[] = {
	{"format", 1, "FMT", N_("output format: table, csv, csv-de, json, md")},
	{"db", 1, "FILE", N_("the federation file")},
	{"config", 1, "FILE", N_("the configuration file")},
	{"quiet", 0, NULL, N_("no informational messages or warnings")},
	{"help", 0, NULL, N_("show this help")},
};
#define NCOMMON ((int)(sizeof common_opts / sizeof common_opts[0]))

/* ------------------------------------------------------------ utilities */

const char *
arg_get(const cli_args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			return a->val[i];
	return NULL;
}

int
arg_has(const cli_args *a, const char *name)
{
	return arg_get(a, name) != NULL;
}

int
cli_usage_error(const cli_args *a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (a && a->cmd)
		report_error(_("%s: %s (see 'verbund help %s')"), a->cmd->name, buf, a->cmd->name);
	else
		report_error(_("%s (see 'verbund --help')"), buf);
	return VB_EUSAGE;
}

int
cli_format(const vb_ctx *ctx)
{
	if (ctx->fmt >= 0)
		return ctx->fmt;
	if (ctx->cfg.default_format >= 0)
		return ctx->cfg.default_format;
	return isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_CSV;
}

int
cli_width(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || ws.ws_col == 0)
		return 0;
	return ws.ws_col;
}

out_table *
cli_stream(vb_ctx *ctx, int single)
{
	return out_stream_new(stdout, cli_format(ctx), single, cli_width());
}

int
cli_stream_end(out_table *t)
{
	int rc = out_end(t);
	out_free(t);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

int
cli_print(vb_ctx *ctx, const out_table *t, int single)
{
	sbuf b;
	sb_init(&b);
	out_render_width(t, cli_format(ctx), single, cli_width(), &b);
	int rc = out_write(stdout, &b);
	sb_free(&b);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}

static const char *
field_arg(const vb_field *f)
{
	switch (f->type) {
	case FT_DATE: return "DATE";
	case FT_CENTS: return "AMOUNT";
	case FT_DEC4: return "NUMBER";
	case FT_INT: return "N";
	case FT_REF: return "CODE";
	case FT_LIST: return "CODE,…";
	case FT_PARTS: return "CODE=N,…";
	case FT_CHOICE: return "CHOICE";
	case FT_CODE: return "CODE";
	default: return "TEXT";
	}
}

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && strncmp(p, name, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static const char *
field_opt(const vb_field *f)
{
	return f->opt ? f->opt : f->name;
}

/* The options a command takes: entity fields, extras, common ones. */
static void
build_opts(const vb_cmd *c, cli_args *a)
{
	a->nopt = 0;
	if (c->ent && !c->filters) {
		for (int i = 0; i < c->ent->nfields && a->nopt < CLI_MAXOPT; i++) {
			const vb_field *f = &c->ent->fields[i];
			if ((f->flags & FF_AUTO) || in_list(c->positional, f->name) || in_list(c->skip, f->name))
				continue;
			a->opts[a->nopt++] = (cli_opt){field_opt(f), !(f->flags & FF_FLAG), field_arg(f), f->help};
		}
	}
	if (c->ent && c->filters)
		for (int i = 0; i < c->ent->nfields && a->nopt < CLI_MAXOPT; i++) {
			const vb_field *f = &c->ent->fields[i];
			if (in_list(c->filters, f->name))
				a->opts[a->nopt++] = (cli_opt){f->name, 1, field_arg(f), N_("only records with this value")};
		}
	for (const cli_opt *o = c->extra; o && o->name && a->nopt < CLI_MAXOPT; o++)
		a->opts[a->nopt++] = *o;
	for (int i = 0; i < NCOMMON && a->nopt < CLI_MAXOPT; i++)
		a->opts[a->nopt++] = common_opts[i];
}

/* The document formats (out.h) that a command writes besides its
 * tables; no other command takes them. */
static const char *
doc_formats(const vb_cmd *c)
{
	static const struct {
		const char *cmd, *formats;
	} list[] = {
		{"deadlines", "ics"},
		{"statement", "txt,html"},
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (strcmp(list[i].cmd, c->name) == 0)
			return list[i].formats;
	return NULL;
}

static void
print_usage(const vb_cmd *c, FILE *f)
{
	cli_args a;
	memset(&a, 0, sizeof a);
	build_opts(c, &a);
	fprintf(f, _("usage: verbund %s%s%s\n\n%s\n\noptions:\n"), c->name,
		c->usage && *c->usage ? " " : "", c->usage ? c->usage : "", _(c->summary));
	for (int i = 0; i < a.nopt; i++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", a.opts[i].name, a.opts[i].has_arg ? " " : "",
			 a.opts[i].has_arg ? (a.opts[i].arg ? a.opts[i].arg : "VALUE") : "");
		/* pad by display width: placeholders like "CODE,…" hold multibyte characters */
		int pad = 24 - utf8_width(left);
		fprintf(f, "  %s%*s %s", left, pad > 0 ? pad : 0, "", a.opts[i].help ? _(a.opts[i].help) : "");
		if (strcmp(a.opts[i].name, "format") == 0 && doc_formats(c)) {
			char list[64];
			size_t k = 0;
			/* "txt,html" as "txt, html" */
			for (const char *p = doc_formats(c); *p && k + 3 < sizeof list; p++) {
				list[k++] = *p;
				if (*p == ',')
					list[k++] = ' ';
			}
			list[k] = '\0';
			fprintf(f, _("; also %s"), list);
		}
		/* list the choices of choice fields */
		if (c->ent)
			for (int k = 0; k < c->ent->nfields; k++) {
				const vb_field *fd = &c->ent->fields[k];
				if (fd->type == FT_CHOICE && strcmp(field_opt(fd), a.opts[i].name) == 0) {
					fputs(":", f);
					for (int j = 0; fd->choices[j]; j++)
						fprintf(f, "%s %s", j ? "," : "", fd->choices[j]);
					/* a list's filter has no default */
					if (fd->def && !c->filters)
						fprintf(f, _(" (default %s)"), fd->def);
				}
			}
		fputc('\n', f);
	}
}

static void
print_help(FILE *f)
{
	fputs(_("usage: verbund [GLOBAL OPTIONS]                  open the TUI\n"
		"       verbund [GLOBAL OPTIONS] COMMAND [ARGS]   batch mode\n\n"
		"Administers an inter-municipal IT federation in one SQLite file.\n\n"
		"global options:\n"
		"  --db FILE       the federation file (else $VERBUND_DB, the configuration's\n"
		"                  database, $XDG_DATA_HOME/verbund/verbund.db)\n"
		"  --config FILE   configuration (else $XDG_CONFIG_HOME/verbund/verbund.conf)\n"
		"  --format FMT    table, csv, csv-de, json or md\n"
		"  -q, --quiet     no informational messages or warnings\n"
		"  -h, --help      this help;  -V, --version  the version\n\n"
		"commands:\n"), f);
	for (const vb_cmd *c = vb_commands; c->name; c++)
		fprintf(f, "  %-22s %s\n", c->name, _(c->summary));
	fputs(_("\n'verbund help COMMAND' or 'verbund COMMAND --help' shows a command's usage.\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error,\n"
		"3 the database or configuration cannot be used.\n"), f);
}

/* Finds a command from one or two words; *used is how many it took. */
static const vb_cmd *
find_cmd(int argc, char **argv, int *used)
{
	for (const vb_cmd *c = vb_commands; c->name; c++) {
		const char *sp = strchr(c->name, ' ');
		if (!sp) {
			if (strcmp(c->name, argv[0]) == 0) {
				*used = 1;
				return c;
			}
			continue;
		}
		size_t l = (size_t)(sp - c->name);
		if (strlen(argv[0]) == l && strncmp(c->name, argv[0], l) == 0 && argc > 1 &&
		    strcmp(sp + 1, argv[1]) == 0) {
			*used = 2;
			return c;
		}
	}
	return NULL;
}

static int
is_group(const char *word)
{
	size_t l = strlen(word);
	for (const vb_cmd *c = vb_commands; c->name; c++)
		if (strncmp(c->name, word, l) == 0 && c->name[l] == ' ')
			return 1;
	return 0;
}

/* "; did you mean 'PREFIXx'?" after msg (size bytes) when a name is
 * near word. */
static void
append_near(char *msg, size_t size, const char *word, const char *const *names, size_t n,
	    const char *prefix)
{
	const char *best = suggest_best(word, names, n);
	if (best) {
		char both[96];
		size_t l = strlen(msg);
		snprintf(both, sizeof both, "%s%s", prefix, best);
		snprintf(msg + l, size - l, _("; did you mean '%s'?"), both);
	}
}

/* The words of the command table: the first words (group is NULL) or
 * the second words of a group, each once. */
static size_t
cmd_words(const char *group, const char **out, size_t max)
{
	size_t n = 0, gl = group ? strlen(group) : 0;
	for (const vb_cmd *c = vb_commands; c->name && n < max; c++) {
		const char *w = c->name;
		size_t wl;
		if (group) {
			if (strncmp(w, group, gl) != 0 || w[gl] != ' ')
				continue;
			w += gl + 1;
			wl = strlen(w);
		} else {
			const char *sp = strchr(w, ' ');
			wl = sp ? (size_t)(sp - w) : strlen(w);
		}
		int seen = 0;
		for (size_t i = 0; i < n && !seen; i++)
			seen = strlen(out[i]) == wl && strncmp(out[i], w, wl) == 0;
		if (!seen)
			out[n++] = xstrndup(w, wl);
	}
	return n;
}

static int
unknown_cmd(int argc, char **argv)
{
	const char *words[128];
	char msg[512];
	if (is_group(argv[0])) {
		size_t l = strlen(argv[0]), n = cmd_words(argv[0], words, 128);
		if (argc > 1) {
			snprintf(msg, sizeof msg, _("unknown command '%s %s'"), argv[0], argv[1]);
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%s ", argv[0]);
			append_near(msg, sizeof msg, argv[1], words, n, prefix);
		} else {
			snprintf(msg, sizeof msg, _("'%s' needs a subcommand"), argv[0]);
		}
		for (size_t i = 0; i < n; i++)
			free((char *)words[i]);
		/* through report_error: the words may hold control characters */
		report_error(msg[strlen(msg) - 1] == '?' ? _("%s %s takes:") : _("%s; %s takes:"), msg,
			     argv[0]);
		for (const vb_cmd *c = vb_commands; c->name; c++)
			if (strncmp(c->name, argv[0], l) == 0 && c->name[l] == ' ')
				fprintf(stderr, "  verbund %s%s%s\n", c->name, c->usage && *c->usage ? " " : "",
					c->usage ? c->usage : "");
		return VB_EUSAGE;
	}
	size_t n = cmd_words(NULL, words, 127);
	words[n++] = xstrdup("help");
	snprintf(msg, sizeof msg, _("unknown command '%s'"), argv[0]);
	append_near(msg, sizeof msg, argv[0], words, n, "");
	for (size_t i = 0; i < n; i++)
		free((char *)words[i]);
	report_error(_("%s (see 'verbund --help')"), msg);
	return VB_EUSAGE;
}

/* Parses a command's options and arguments. */
static int
parse_args(const vb_cmd *c, int argc, char **argv, cli_args *a, vb_ctx *ctx)
{
	int only_pos = 0;
	memset(a, 0, sizeof *a);
	a->cmd = c;
	build_opts(c, a);
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (only_pos || s[0] != '-' || s[1] == '\0' || (s[1] != '-' && s[1] != 'q' && s[1] != 'h')) {
			if (s[0] == '-' && s[1] && !only_pos && !(s[1] >= '0' && s[1] <= '9'))
				return cli_usage_error(a, _("unknown option '%s'"), s);
			if (a->npos >= CLI_MAXPOS)
				return cli_usage_error(a, _("too many arguments"));
			a->pos[a->npos++] = s;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(s, "-q") == 0)
			s = "--quiet";
		else if (strcmp(s, "-h") == 0)
			s = "--help";
		else if (s[1] != '-')
			return cli_usage_error(a, _("unknown option '%s'"), s);
		const char *name = s + 2, *eq = strchr(name, '=');
		size_t nl = eq ? (size_t)(eq - name) : strlen(name);
		int k;
		for (k = 0; k < a->nopt; k++)
			if (strlen(a->opts[k].name) == nl && strncmp(a->opts[k].name, name, nl) == 0)
				break;
		if (k == a->nopt) {
			const char *names[CLI_MAXOPT];
			char msg[512], *word = xstrndup(name, nl);
			for (int o = 0; o < a->nopt; o++)
				names[o] = a->opts[o].name;
			snprintf(msg, sizeof msg, _("unknown option '--%.*s'"), (int)nl, name);
			append_near(msg, sizeof msg, word, names, (size_t)a->nopt, "--");
			free(word);
			return cli_usage_error(a, "%s", msg);
		}
		if (a->opts[k].has_arg) {
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v)
				return cli_usage_error(a, _("option '--%s' needs a value"), a->opts[k].name);
			if (a->opts[k].has_arg == 2 && a->val[k] && a->nowned >= 64)
				return cli_usage_error(a, _("option '--%s' given too often"), a->opts[k].name);
			if (a->opts[k].has_arg == 2 && a->val[k]) {
				/* a repeatable option collects its values as a list */
				size_t n = strlen(a->val[k]) + strlen(v) + 2;
				char *joined = xmalloc(n);
				snprintf(joined, n, "%s,%s", a->val[k], v);
				a->owned[a->nowned++] = joined;
				v = joined;
			}
			a->val[k] = v;
		} else {
			a->val[k] = eq ? eq + 1 : "true";
		}
	}
	if (arg_has(a, "help"))
		return 0;
	if (a->npos < c->minpos)
		return cli_usage_error(a, _("missing argument; usage: verbund %s %s"), c->name,
				       c->usage ? c->usage : "");
	if (a->npos > c->maxpos)
		return cli_usage_error(a, _("unexpected argument '%s'"), a->pos[c->maxpos]);
	const char *v;
	if ((v = arg_get(a, "format"))) {
		ctx->fmt = out_fmt_parse_any(v);
		if (ctx->fmt < 0)
			return cli_usage_error(a, _("unknown format '%s' (table, csv, csv-de, json, md)"), v);
	}
	if (ctx->fmt >= FMT_COUNT && !in_list(doc_formats(c), out_fmt_name(ctx->fmt)))
		return cli_usage_error(a, _("this command does not write the format '%s'"),
				       out_fmt_name(ctx->fmt));
	if ((v = arg_get(a, "db")))
		ctx->db_opt = v;
	if ((v = arg_get(a, "config")))
		ctx->config_opt = v;
	if (arg_has(a, "quiet"))
		ctx->quiet = 1;
	return 0;
}

int
cli_fill_rec(const cli_args *a, vb_rec *rec, vb_err *err)
{
	const vb_entity *e = rec->ent;
	const char *pos = a->cmd->positional;
	int k = 0;
	for (const char *p = pos; p && *p && k < a->npos;) {
		const char *end = strchr(p, ',');
		size_t l = end ? (size_t)(end - p) : strlen(p);
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)l, p);
		int i = ent_field(e, name);
		if (i >= 0 && rec_parse(rec, i, a->pos[k], err) < 0)
			return err_prefix(err, "%s", name);
		k++;
		p = end ? end + 1 : NULL;
	}
	for (int o = 0; o < a->nopt; o++) {
		if (!a->val[o])
			continue;
		for (int i = 0; i < e->nfields; i++)
			if (strcmp(field_opt(&e->fields[i]), a->opts[o].name) == 0 &&
			    !in_list(a->cmd->skip, e->fields[i].name)) {
				if (rec_parse(rec, i, a->val[o], err) < 0) {
					/* a choice that does not exist is a usage error */
					if (e->fields[i].type == FT_CHOICE)
						err->status = VB_EUSAGE;
					return err_prefix(err, "--%s", a->opts[o].name);
				}
			}
	}
	return 0;
}

/* --db "" and an empty VERBUND_DB name no file: a usage error, never
 * the default file in their place. */
static int
empty_db_name(const vb_ctx *ctx, const cli_args *a)
{
	const char *env = getenv("VERBUND_DB");
	if (ctx->db_opt && !*ctx->db_opt) {
		cli_usage_error(a, _("--db: the file name is empty"));
		return 1;
	}
	if (!ctx->db_opt && env && !*env) {
		cli_usage_error(a, _("VERBUND_DB is set but empty; name a file or unset it"));
		return 1;
	}
	return 0;
}

static int
help_cmd(int argc, char **argv)
{
	int used;
	if (argc == 0) {
		print_help(stdout);
		return 0;
	}
	const vb_cmd *c = find_cmd(argc, argv, &used);
	if (!c)
		return unknown_cmd(argc, argv);
	print_usage(c, stdout);
	return 0;
}

int
cli_main(int argc, char **argv, int *tui, vb_ctx *ctx)
{
	int i = 1;
	vb_err err;
	err_clear(&err);
	*tui = 0;
	ctx->fmt = -1;
	config_defaults(&ctx->cfg);
	/* global options before the command */
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *s = argv[i], *eq = strchr(s, '=');
		size_t nl = eq ? (size_t)(eq - s) : strlen(s);
		const char **target = NULL;
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
			print_help(stdout);
			return 0;
		}
		if (strcmp(s, "-V") == 0 || strcmp(s, "--version") == 0) {
			printf("verbund %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (strcmp(s, "-q") == 0 || strcmp(s, "--quiet") == 0) {
			ctx->quiet = 1;
			continue;
		}
		if (nl == 4 && strncmp(s, "--db", 4) == 0)
			target = &ctx->db_opt;
		else if (nl == 8 && strncmp(s, "--config", 8) == 0)
			target = &ctx->config_opt;
		else if (nl == 8 && strncmp(s, "--format", 8) == 0) {
			const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				return cli_usage_error(NULL, _("option '--format' needs a value"));
			if ((ctx->fmt = out_fmt_parse_any(v)) < 0)
				return cli_usage_error(NULL, _("unknown format '%s' (table, csv, csv-de, json, md)"), v);
			continue;
		} else {
			static const char *const globals[] = {"db", "config", "format", "quiet", "help", "version"};
			char msg[512], *word = xstrndup(s + strspn(s, "-"), nl - strspn(s, "-"));
			snprintf(msg, sizeof msg, _("unknown option '%s'"), s);
			if (s[1] == '-')
				append_near(msg, sizeof msg, word, globals, 6, "--");
			free(word);
			return cli_usage_error(NULL, "%s", msg);
		}
		*target = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!*target)
			return cli_usage_error(NULL, _("option '%.*s' needs a value"), (int)nl, s);
	}
	report_quiet(ctx->quiet);
	if (i >= argc) {
		if (empty_db_name(ctx, NULL))
			return VB_EUSAGE;
		if (config_load(&ctx->cfg, ctx->config_opt, &err) < 0)
			return report_err(&err);
		*tui = 1;
		return 0;
	}
	if (strcmp(argv[i], "help") == 0)
		return help_cmd(argc - i - 1, argv + i + 1);
	int used;
	const vb_cmd *c = find_cmd(argc - i, argv + i, &used);
	if (!c)
		return unknown_cmd(argc - i, argv + i);
	cli_args a;
	int rc = parse_args(c, argc - i - used, argv + i + used, &a, ctx);
	if (rc) {
		for (int k = 0; k < a.nowned; k++)
			free(a.owned[k]);
		return rc;
	}
	if (arg_has(&a, "help")) {
		print_usage(c, stdout);
		for (int k = 0; k < a.nowned; k++)
			free(a.owned[k]);
		return 0;
	}
	report_quiet(ctx->quiet);
	if (empty_db_name(ctx, &a)) {
		for (int k = 0; k < a.nowned; k++)
			free(a.owned[k]);
		return VB_EUSAGE;
	}
	if (config_load(&ctx->cfg, ctx->config_opt, &err) < 0) {
		for (int k = 0; k < a.nowned; k++)
			free(a.owned[k]);
		return report_err(&err);
	}
	if (c->db == DB_NEED && session_open_db(ctx, &err) < 0)
		rc = report_err(&err);
	else
		rc = c->run(ctx, &a);
	for (int k = 0; k < a.nowned; k++)
		free(a.owned[k]);
	return rc;
}

/* The day that --on names, else today. */
int
arg_on_date(const cli_args *a, vb_date *on, vb_err *err)
{
	const char *v = arg_get(a, "on");
	*on = workflow_today();
	if (v && date_parse(v, on) < 0)
		return err_set(err, VB_EFAIL, _("--on: \"%s\" is not a valid date (YYYY-MM-DD or D.M.YYYY)"), v);
	return 0;
}

void
cli_spill(sbuf *out, FILE *f, int end, int *bad)
{
	if (!end && out->len < 65536)
		return;
	if (out->len && !*bad && fwrite(out->s, 1, out->len, f) != out->len)
		*bad = 1;
	sb_reset(out);
	if (end && !*bad && fflush(f) != 0)
		*bad = 1;
}

int
cli_emit(sbuf *b)
{
	int rc = out_write(stdout, b);
	sb_free(b);
	if (rc < 0) {
		report_error(_("cannot write the output"));
		return VB_EFAIL;
	}
	return 0;
}
