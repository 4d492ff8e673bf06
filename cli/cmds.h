/* Command handlers of the batch mode. */
#ifndef VB_CMDS_H
#define VB_CMDS_H

#include "cli.h"
#include "date.h"

int cmd_ent_add(vb_ctx *ctx, cli_args *a);
int cmd_ent_set(vb_ctx *ctx, cli_args *a);
int cmd_ent_upsert(vb_ctx *ctx, cli_args *a);
int cmd_figure_set(vb_ctx *ctx, cli_args *a);
int cmd_ent_remove(vb_ctx *ctx, cli_args *a);
int cmd_ent_list(vb_ctx *ctx, cli_args *a);
int cmd_ent_show(vb_ctx *ctx, cli_args *a);
int cmd_key_write(vb_ctx *ctx, cli_args *a);

int cmd_init(vb_ctx *ctx, cli_args *a);
int cmd_demo(vb_ctx *ctx, cli_args *a);
int cmd_import(vb_ctx *ctx, cli_args *a);
int cmd_export(vb_ctx *ctx, cli_args *a);
int cmd_backup(vb_ctx *ctx, cli_args *a);
int cmd_unsubscribe(vb_ctx *ctx, cli_args *a);
int cmd_agreement_version(vb_ctx *ctx, cli_args *a);
int cmd_agreement_list(vb_ctx *ctx, cli_args *a);
int cmd_agreement_show(vb_ctx *ctx, cli_args *a);

int cmd_deadlines(vb_ctx *ctx, cli_args *a);
int cmd_check(vb_ctx *ctx, cli_args *a);
int cmd_log(vb_ctx *ctx, cli_args *a);
int cmd_allocate(vb_ctx *ctx, cli_args *a);
int cmd_advances(vb_ctx *ctx, cli_args *a);
int cmd_settle(vb_ctx *ctx, cli_args *a);
int cmd_simulate(vb_ctx *ctx, cli_args *a);
int cmd_savings(vb_ctx *ctx, cli_args *a);
int cmd_workbook(vb_ctx *ctx, cli_args *a);
int cmd_compare(vb_ctx *ctx, cli_args *a);
int cmd_statement(vb_ctx *ctx, cli_args *a);

/* --year (required) and a basis option (opt, default def), reported. */
int cmd_get_year(const cli_args *a, int *year);
int cmd_get_basis(const cli_args *a, const char *opt, const char *def, const char **basis);
/* Refuses a year and basis without costs (spec §3.4), reported. */
int cmd_need_costs(vb_ctx *ctx, const cli_args *a, int year, const char *basis);

/* The day that --on names, else today. */
int arg_on_date(const cli_args *a, vb_date *on, vb_err *err);

/* Reports err prefixed with the command's name; returns its status. */
int cmd_fail(const cli_args *a, vb_err *err);

#endif
