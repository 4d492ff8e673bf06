/* Finding the message catalogues: VERBUND_LOCALEDIR when set, else the
 * build tree's when the program runs where it was built (make copies
 * po/LL.gmo to locale/LL/LC_MESSAGES/verbund.mo beside the program),
 * else the installed ones under LOCALEDIR.  Which language gettext then
 * takes follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG as usual. */
#include "config.h"
#include "i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* dir/name exists and is of the kind asked (1: directory). */
static int
exists_in(const char *dir, const char *name, int want_dir)
{
	char path[PATH_MAX + 32];
	struct stat st;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		return 0;
	if (stat(path, &st) != 0)
		return 0;
	return want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

int
vb_build_localedir(char *buf, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || (size_t)n >= sizeof exe - 1)
		return 0;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	/* a build tree: configure's config.status beside the program; an
	 * installed program never has one */
	if (!exists_in(exe, "config.status", 0) || !exists_in(exe, "locale", 1))
		return 0;
	return (size_t)snprintf(buf, size, "%s/locale", exe) < size;
}

const char *
vb_i18n_init(void)
{
#if ENABLE_NLS
	static char built[PATH_MAX + 8];
	const char *dir = getenv("VERBUND_LOCALEDIR");
	if (!dir || !*dir)
		dir = vb_build_localedir(built, sizeof built) ? built : LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	textdomain(PACKAGE);
	return dir;
#else
	return NULL;
#endif
}
