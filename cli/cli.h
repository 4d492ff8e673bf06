/* The batch mode: global options, the command table, argument parsing,
 * help texts and dispatch. */
#ifndef VB_CLI_H
#define VB_CLI_H

#include "db.h"
#include "entity.h"
#include "out.h"
#include "progress.h"
#include "session.h"
#include "vbconfig.h"

#define CLI_MAXOPT 40
#define CLI_MAXPOS 8

typedef struct cli_opt {
	const char *name;	/* without "--" */
	int has_arg;		/* 0 flag, 1 value, 2 repeatable value */
	const char *arg;	/* placeholder, e.g. "DATE" */
	const char *help;
} cli_opt;


struct vb_cmd;

typedef struct cli_args {
	const struct vb_cmd *cmd;
	int npos;
	const char *pos[CLI_MAXPOS];
	int nopt;
	cli_opt opts[CLI_MAXOPT];	/* the options this command takes */
	const char *val[CLI_MAXOPT];	/* value of each given option ("true" for flags) */
	char *owned[64];		/* joined values of repeated options */
	int nowned;
} cli_args;

typedef int (*cmd_fn)(vb_ctx *ctx, cli_args *a);

enum cmd_db { DB_NONE, DB_NEED };

typedef struct vb_cmd {
	const char *name;	/* "member add" */
	const char *usage;	/* arguments after the name */
	const char *summary;
	cmd_fn run;
	enum cmd_db db;
	const vb_entity *ent;	/* entity commands: fields become options */
	const char *positional;	/* entity fields given as arguments, "member,metric" */
	const char *filters;	/* list: fields usable as --FIELD filters */
	const cli_opt *extra;	/* further options */
	int minpos, maxpos;
	const char *skip;	/* entity fields that are not options */
} vb_cmd;

/* Runs the program's batch mode; returns the exit status. A NULL
 * command (no arguments left) is reported through *tui. */
int cli_main(int argc, char **argv, int *tui, vb_ctx *ctx);

/* For command implementations */
const char *arg_get(const cli_args *a, const char *name);
int arg_has(const cli_args *a, const char *name);
int cli_usage_error(const cli_args *a, const char *fmt, ...) VB_PRINTF(2, 3);
int cli_format(const vb_ctx *ctx);	/* chosen output format */
/* Columns of the terminal on stdout; 0 when stdout is not a terminal. */
int cli_width(void);
/* A table streamed onto stdout in the chosen format (out_stream_new);
 * cli_stream_end ends and frees it, reporting a failed write (VB_EFAIL). */
out_table *cli_stream(vb_ctx *ctx, int single);
int cli_stream_end(out_table *t);

/* Progress on stderr (cli/progress.c): pub is what the core is given. */
typedef struct cli_progress {
	vb_progress pub;
	int enabled, shown;
	double delay, start, last;
} cli_progress;
void cli_progress_init(cli_progress *p, const vb_ctx *ctx);
void cli_progress_show(void *arg, const char *what, uint64_t done, uint64_t total);
/* Renders t to stdout in the chosen format; returns the exit status. */
int cli_print(vb_ctx *ctx, const out_table *t, int single);
/* Writes b (a rendered document or table) to stdout and frees it;
 * returns the exit status (VB_EFAIL, with a message, when the write
 * fails). */
int cli_emit(sbuf *b);
/* Writes what out holds to f when it has grown past 64 KiB (or, with
 * end, all of it and a flush), so that a long answer is never held
 * whole; sets *bad when a write fails. */
void cli_spill(sbuf *out, FILE *f, int end, int *bad);
/* Fills rec fields from the command's positional arguments and options. */
int cli_fill_rec(const cli_args *a, vb_rec *rec, vb_err *err);

extern const vb_cmd vb_commands[];

#endif
