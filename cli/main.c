/* verbund: batch mode when a command is given, else the TUI. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sqlite3.h>

#include "cli.h"
#include "i18n.h"
#include "tui.h"

int
main(int argc, char **argv)
{
	vb_ctx ctx = {0};
	int tui = 0;
	setlocale(LC_ALL, "");
	/* no count of SQLite's memory is read: its mutex and bookkeeping
	 * were 3 % of an import's instructions */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	vb_i18n_init();
	int rc = cli_main(argc, argv, &tui, &ctx);
	if (rc == 0 && tui)
		rc = tui_run(&ctx);
	session_free(&ctx);
	return rc;
}
