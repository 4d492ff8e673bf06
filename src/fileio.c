/* Files written whole or not at all: a temporary file in the same
 * directory, synced and renamed into place (see fileio.h). */
#include "config.h"
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

int
afile_check_target(const char *path, vb_err *err)
{
	struct stat st;
	if (!path || !*path)
		return err_set(err, VB_EFAIL, _("no file name given"));
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : err_set(err, VB_EFAIL, _("%s: %s"), path, strerror(errno));
	if (S_ISLNK(st.st_mode))
		return err_set(err, VB_EFAIL,
			       _("%s: is a symbolic link; nothing is written through a link, give the name of a regular file"),
			       path);
	if (S_ISDIR(st.st_mode))
		return err_set(err, VB_EFAIL, _("%s: is a directory"), path);
	if (!S_ISREG(st.st_mode))
		return err_set(err, VB_EFAIL, _("%s: not a regular file; nothing was written"), path);
	return 0;
}

static int
exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The directory part of path ("." when there is none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
afile_sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	/* some file systems cannot sync a directory; the rename stands */
	if (rc < 0 && (errno == EINVAL || errno == EBADF || errno == ENOTSUP))
		rc = 0;
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
afile_rename(const char *from, const char *to, int how)
{
	if (how == AFILE_REPLACE)
		return rename(from, to);
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* a hard link never replaces an existing name */
	if (link(from, to) == 0) {
		unlink(from);
		return 0;
	}
	if (errno == EEXIST)
		return -1;
	/* a file system without links (FAT): check, then rename */
	if (exists(to)) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

static int
start(afile *af, const char *path, int how, vb_err *err)
{
	memset(af, 0, sizeof *af);
	if (afile_check_target(path, err) < 0)
		return -1;
	if (how == AFILE_NEW && exists(path)) {
		err_set(err, VB_EFAIL, _("%s: the file already exists"), path);
		return AFILE_EXISTS;
	}
	sbuf tmp;
	sb_init(&tmp);
	sb_printf(&tmp, "%s.tmp.XXXXXX", path);
	int fd = mkostemp(tmp.s, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		sb_free(&tmp);
		return err_set(err, VB_EFAIL, _("%s: cannot create: %s"), path, strerror(e));
	}
	/* mkstemp's mode is 0600 already; a umask cannot widen it */
	af->path = xstrdup(path);
	af->tmp = sb_take(&tmp);
	af->how = how;
	return fd;
}

static void
release(afile *af)
{
	free(af->path);
	free(af->tmp);
	memset(af, 0, sizeof *af);
}

int
afile_open(afile *af, const char *path, int how, vb_err *err)
{
	int fd = start(af, path, how, err);
	if (fd < 0)
		return fd;
	af->f = fdopen(fd, "wb");
	if (!af->f) {
		int e = errno;
		close(fd);
		unlink(af->tmp);
		release(af);
		return err_set(err, VB_EFAIL, _("%s: cannot create: %s"), path, strerror(e));
	}
	return 0;
}

int
afile_reserve(afile *af, const char *path, int how, vb_err *err)
{
	int fd = start(af, path, how, err);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* Syncs the temporary file: through the stream, or reopened by name
 * (without following a link someone may have put in its place). */
static int
sync_tmp(afile *af)
{
	if (af->f) {
		FILE *f = af->f;
		af->f = NULL;
		int e = 0;
		if (fflush(f) != 0 || ferror(f))
			e = errno ? errno : EIO;
		if (!e && fsync(fileno(f)) < 0 && errno != EINVAL)
			e = errno;
		if (fclose(f) != 0 && !e)
			e = errno;
		errno = e;
		return e ? -1 : 0;
	}
	int fd = open(af->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	if (rc < 0 && errno == EINVAL)
		rc = 0;
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
afile_commit(afile *af, vb_err *err)
{
	errno = 0;
	if (sync_tmp(af) < 0) {
		int e = errno ? errno : EIO;
		err_set(err, VB_EFAIL, _("%s: cannot write: %s"), af->path, strerror(e));
		unlink(af->tmp);
		release(af);
		return -1;
	}
	/* checked again: a link may have appeared since the start */
	if (afile_check_target(af->path, err) < 0) {
		unlink(af->tmp);
		release(af);
		return -1;
	}
	if (afile_rename(af->tmp, af->path, af->how) < 0) {
		int e = errno;
		if (e == EEXIST)
			err_set(err, VB_EFAIL, _("%s: the file already exists"), af->path);
		else
			err_set(err, VB_EFAIL, _("%s: cannot write: %s"), af->path, strerror(e));
		unlink(af->tmp);
		release(af);
		return -1;
	}
	int rc = 0;
	if (afile_sync_dir(af->path) < 0)
		rc = err_set(err, VB_EFAIL, _("%s: written, but the directory cannot be synced: %s"),
			     af->path, strerror(errno));
	release(af);
	return rc;
}

void
afile_abort(afile *af)
{
	if (af->f)
		fclose(af->f);
	if (af->tmp)
		unlink(af->tmp);
	release(af);
}

int
afile_write_all(const char *path, const void *p, size_t n, int how, vb_err *err)
{
	afile af;
	int rc = afile_open(&af, path, how, err);
	if (rc < 0)
		return rc;
	if (n > 0 && fwrite(p, 1, n, af.f) != n) {
		int e = errno;
		afile_abort(&af);
		return err_set(err, VB_EFAIL, _("%s: cannot write: %s"), path, strerror(e));
	}
	return afile_commit(&af, err);
}
