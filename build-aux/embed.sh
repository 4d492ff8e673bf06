#!/bin/sh
# embed.sh NAME FILE: print FILE as a NUL-terminated C byte array NAME.
# A byte list, not a string literal: ISO C limits literals to 4095 bytes.
name=$1
file=$2
test -r "$file" || { echo "embed.sh: cannot read $file" >&2; exit 1; }
printf '/* generated from %s; do not edit */\n' "$(basename "$file")"
printf 'extern const char %s[];\nconst char %s[] = {\n' "$name" "$name"
od -An -v -td1 "$file" | LC_ALL=C sed -e 's/^ *//' -e 's/  */,/g' -e 's/$/,/' -e '/^,$/d' || exit 1
printf '0 };\n'
