/* The curses front end. */
#ifndef VB_TUI_H
#define VB_TUI_H

#include "session.h"

/* Runs the TUI on the database of ctx; returns the exit status. */
int tui_run(vb_ctx *ctx);

#endif
