#!/bin/sh
# The repository holds sources only: no tracked file is ignored by
# .gitignore (the build products and fuzzing work files are listed
# there), and no tracked file is an executable, object file or archive.
# Skipped (77) outside a git checkout, e.g. in a release tarball.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

if ! command -v git >/dev/null 2>&1 || ! git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "SKIP: $top_srcdir is not a git checkout" >&2
	exit 77
fi
cd "$top_srcdir" || exit 1

ignored=$(git ls-files -ci --exclude-standard)
[ -z "$ignored" ] || fail "tracked files that .gitignore lists as build products:
$ignored"

# ELF (7f 45 4c 46) and ar archives ("!<arch>"), by their first bytes
products=$(git ls-files -z | xargs -0 -r sh -c '
	for f; do
		[ -f "$f" ] || continue
		magic=$(head -c 8 "$f" | od -An -c | tr -d " \n")
		case $magic in
		177ELF*|"!<arch>\\n"*) echo "$f" ;;
		esac
	done' sh)
[ -z "$products" ] || fail "tracked executables, objects or archives:
$products"
[ -n "$ignored$products" ] || echo "ok: $(git ls-files | wc -l) tracked files, none a build product"
finish
