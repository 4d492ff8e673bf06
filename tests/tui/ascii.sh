#!/bin/sh
# The TUI in a locale without UTF-8 (LANG=C): nothing but printable
# ASCII reaches the screen — bars of '#', the markers '>' and '<',
# lines of '-' and '|', '?' for what the charset lacks (umlauts) — and
# the columns stay where they belong.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/tui/lib.sh"

vb --db g.db -q demo gifhorn || exit 1
# the terminal stays UTF-8 (tmux); only the program runs in the C locale
cat >"$T/c-locale" <<END
#!/bin/sh
LANG=C LC_ALL=C exec "$VERBUND" "\$@"
END
chmod +x "$T/c-locale"
VERBUND=$T/c-locale

ascii_only() {
	if screen | LC_ALL=C grep -q '[^ -~]'; then
		fail "$1: bytes beyond ASCII on the screen"
	fi
	# what curses makes of raw UTF-8 bytes in the C locale: ~V~H, M-b
	if screen | grep -q '~[@-_]~[@-_]\|M-[^ ]'; then
		fail "$1: raw bytes shown as curses escapes"
	fi
}

tui_start --db g.db
wait_for " 7 members"
wait_line 0 " IT-Verbund Landkreis Gifhorn - g.db                                    verbund"
wait_line 2 "code              name                       kind         status joined        >"
wait_for "sg-hankensbuettel Samtgemeinde Hankensb?ttel samtgemeinde member 2020-03-01"
ascii_only Members
keys 7 y C-u
typein 2024
keys Enter
wait_for " 2024, actual: 7 members, total 2766703.06 EUR"
wait_line 3 "gm-sassenburg      210274.31 #                 7.6 %     39706.88   18480.16"
wait_line 4 "lk-gifhorn        1239238.67 ######           44.8 %    268109.27  120847.78"
wait_line 14 "  arbeitsplatz  Endger?te Verwaltung    39706.88 366 days, key devices"
ascii_only Allocation
keys s
wait_for "code^"
ascii_only "Allocation sorted"
keys 5 Enter
wait_for "+- Edit transfer 1 ---"
wait_for "| person *"
ascii_only "transfer form"
keys Escape
for v in 2 3 4 6 8 9; do
	keys $v
	wait_for " $v " 2 || :
	ascii_only "view $v"
done
keys q
wait_exit 0
finish
