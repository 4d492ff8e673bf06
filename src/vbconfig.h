/* The configuration file (libconfig), read through one table of
 * settings. */
#ifndef VB_VBCONFIG_H
#define VB_VBCONFIG_H

#include "err.h"

#define VB_MAX_DUE 12
#define VB_MAX_BINDINGS 64

typedef struct vb_binding {
	char *name, *value;
} vb_binding;

typedef struct vb_config {
	char *path;		/* the file read, or NULL */
	char *database;
	int default_format;	/* -1: table on a terminal, csv otherwise */
	int busy_ms;
	int ndue;
	char due[VB_MAX_DUE][6];	/* "MM-DD" */
	int alarm_days;		/* calendar alarms: days before a deadline */
	int export_german;	/* TUI: .csv exports as csv-de */
	char *scheme;		/* colour scheme name */
	vb_binding colors[VB_MAX_BINDINGS];
	int ncolors;
	vb_binding keys[VB_MAX_BINDINGS];
	int nkeys;
} vb_config;

void config_defaults(vb_config *c);
/* Reads path (or the default XDG file when path is NULL; a missing
 * default is fine). Errors have status VB_EDB (exit 3). */
int config_load(vb_config *c, const char *path, vb_err *err);
void config_free(vb_config *c);
/* The database path: --db, $VERBUND_DB, the configuration, XDG data. */
char *config_db_path(const vb_config *c, const char *opt_db);

#endif
