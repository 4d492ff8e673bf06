/* Colour schemes: one table per scheme, indexed by purpose.  The
 * "default" scheme keeps the terminal's own foreground and background,
 * so it reads on light and dark terminals alike; "dark" and "light"
 * paint their own background; "mono" uses attributes only.  Only the
 * eight basic colours are used, so 8- and 256-colour terminals look
 * the same. */
#include "config.h"
#include "colors.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "util.h"

typedef struct cdef {
	short fg, bg;
	attr_t attr;
} cdef;

#define D (-1)
#define BLK COLOR_BLACK
#define RED COLOR_RED
#define GRN COLOR_GREEN
#define YEL COLOR_YELLOW
#define BLU COLOR_BLUE
#define MAG COLOR_MAGENTA
#define CYN COLOR_CYAN
#define WHT COLOR_WHITE

static const cdef scheme_default[C_COUNT] = {
	[C_NORMAL] = {D, D, 0},
	[C_HEADER] = {WHT, BLU, A_BOLD},
	[C_TAB] = {D, D, 0},
	[C_TAB_ACTIVE] = {WHT, BLU, A_BOLD},
	[C_TITLE] = {D, D, A_BOLD | A_UNDERLINE},
	[C_SELECTED] = {BLK, CYN, 0},
	[C_SELECTED_INACTIVE] = {D, D, A_BOLD | A_UNDERLINE},
	[C_PANE_TITLE] = {WHT, BLU, 0},
	[C_SECTION] = {D, D, A_BOLD},
	[C_STATUS] = {BLK, WHT, 0},
	[C_KEY] = {BLU, WHT, A_BOLD},
	[C_MESSAGE] = {D, D, 0},
	[C_ERROR] = {WHT, RED, A_BOLD},
	[C_WARNING] = {BLK, YEL, 0},
	[C_MATCH] = {BLK, YEL, 0},
	[C_BAR] = {GRN, D, 0},
	[C_NEGATIVE] = {RED, D, 0},
	[C_TOTAL] = {D, D, A_BOLD},
	[C_LABEL] = {D, D, 0},
	[C_FIELD] = {D, D, A_UNDERLINE},
	[C_FIELD_ACTIVE] = {BLK, CYN, 0},
	[C_READONLY] = {D, D, A_DIM},
	[C_BORDER] = {D, D, A_BOLD},
};

static const cdef scheme_dark[C_COUNT] = {
	[C_NORMAL] = {WHT, BLK, 0},
	[C_HEADER] = {WHT, BLU, A_BOLD},
	[C_TAB] = {WHT, BLK, 0},
	[C_TAB_ACTIVE] = {BLK, CYN, A_BOLD},
	[C_TITLE] = {YEL, BLK, A_BOLD},
	[C_SELECTED] = {BLK, CYN, 0},
	[C_SELECTED_INACTIVE] = {WHT, BLU, 0},
	[C_PANE_TITLE] = {WHT, BLU, 0},
	[C_SECTION] = {CYN, BLK, A_BOLD},
	[C_STATUS] = {BLK, WHT, 0},
	[C_KEY] = {BLU, WHT, A_BOLD},
	[C_MESSAGE] = {WHT, BLK, A_BOLD},
	[C_ERROR] = {WHT, RED, A_BOLD},
	[C_WARNING] = {BLK, YEL, 0},
	[C_MATCH] = {BLK, YEL, 0},
	[C_BAR] = {CYN, BLK, 0},
	[C_NEGATIVE] = {RED, BLK, A_BOLD},
	[C_TOTAL] = {WHT, BLK, A_BOLD},
	[C_LABEL] = {WHT, BLK, 0},
	[C_FIELD] = {WHT, BLU, 0},
	[C_FIELD_ACTIVE] = {BLK, CYN, 0},
	[C_READONLY] = {CYN, BLK, 0},
	[C_BORDER] = {CYN, BLK, A_BOLD},
};

static const cdef scheme_light[C_COUNT] = {
	[C_NORMAL] = {BLK, WHT, 0},
	[C_HEADER] = {WHT, BLU, A_BOLD},
	[C_TAB] = {BLK, WHT, 0},
	[C_TAB_ACTIVE] = {WHT, BLU, A_BOLD},
	[C_TITLE] = {BLU, WHT, A_BOLD},
	[C_SELECTED] = {WHT, BLU, 0},
	[C_SELECTED_INACTIVE] = {BLK, CYN, 0},
	[C_PANE_TITLE] = {WHT, BLU, 0},
	[C_SECTION] = {BLU, WHT, A_BOLD},
	[C_STATUS] = {WHT, BLK, 0},
	[C_KEY] = {YEL, BLK, A_BOLD},
	[C_MESSAGE] = {BLK, WHT, 0},
	[C_ERROR] = {WHT, RED, A_BOLD},
	[C_WARNING] = {BLK, YEL, 0},
	[C_MATCH] = {BLK, YEL, 0},
	[C_BAR] = {BLU, WHT, 0},
	[C_NEGATIVE] = {RED, WHT, 0},
	[C_TOTAL] = {BLK, WHT, A_BOLD},
	[C_LABEL] = {BLK, WHT, 0},
	[C_FIELD] = {BLK, CYN, 0},
	[C_FIELD_ACTIVE] = {WHT, BLU, 0},
	[C_READONLY] = {BLU, WHT, 0},
	[C_BORDER] = {BLU, WHT, A_BOLD},
};

/* Attributes only: what every terminal can show. */
static const cdef scheme_mono[C_COUNT] = {
	[C_NORMAL] = {D, D, 0},
	[C_HEADER] = {D, D, A_REVERSE | A_BOLD},
	[C_TAB] = {D, D, 0},
	[C_TAB_ACTIVE] = {D, D, A_REVERSE},
	[C_TITLE] = {D, D, A_BOLD | A_UNDERLINE},
	[C_SELECTED] = {D, D, A_REVERSE},
	[C_SELECTED_INACTIVE] = {D, D, A_UNDERLINE},
	[C_PANE_TITLE] = {D, D, A_REVERSE},
	[C_SECTION] = {D, D, A_BOLD},
	[C_STATUS] = {D, D, A_REVERSE},
	[C_KEY] = {D, D, A_REVERSE | A_BOLD},
	[C_MESSAGE] = {D, D, 0},
	[C_ERROR] = {D, D, A_BOLD | A_REVERSE},
	[C_WARNING] = {D, D, A_BOLD},
	[C_MATCH] = {D, D, A_UNDERLINE | A_BOLD},
	[C_BAR] = {D, D, 0},
	[C_NEGATIVE] = {D, D, 0},
	[C_TOTAL] = {D, D, A_BOLD},
	[C_LABEL] = {D, D, 0},
	[C_FIELD] = {D, D, A_UNDERLINE},
	[C_FIELD_ACTIVE] = {D, D, A_REVERSE},
	[C_READONLY] = {D, D, A_DIM},
	[C_BORDER] = {D, D, 0},
};

static const struct {
	const char *name;
	const cdef *table;
} schemes[] = {
	{"default", scheme_default},
	{"dark", scheme_dark},
	{"light", scheme_light},
	{"mono", scheme_mono},
};

#define UI_COLOR_NAME(id, name, purpose) name,
static const char *const element_names[C_COUNT] = {UI_COLORS(UI_COLOR_NAME)};
#undef UI_COLOR_NAME

static attr_t attrs[C_COUNT];
static int use_color;

static const char *const color_names[] = {"black", "red", "green", "yellow", "blue",
					  "magenta", "cyan", "white"};

/* A colour name: default, a basic colour, bright<colour>, colorN or N. */
static int
parse_color(const char *s, short *out)
{
	if (strcasecmp(s, "default") == 0) {
		*out = D;
		return 0;
	}
	for (short i = 0; i < 8; i++) {
		if (strcasecmp(s, color_names[i]) == 0) {
			*out = i;
			return 0;
		}
		if (strncasecmp(s, "bright", 6) == 0 && strcasecmp(s + 6, color_names[i]) == 0) {
			*out = (short)(COLORS >= 16 ? i + 8 : i);
			return 0;
		}
	}
	const char *num = strncasecmp(s, "color", 5) == 0 ? s + 5 : s;
	if (*num && strspn(num, "0123456789") == strlen(num)) {
		long v = strtol(num, NULL, 10);
		if (v >= 0 && v < 256) {
			*out = (short)(v < COLORS ? v : v % 8);
			return 0;
		}
	}
	return -1;
}

static int
parse_attr(const char *s, attr_t *a)
{
	static const struct {
		const char *name;
		attr_t attr;
	} names[] = {
		{"bold", A_BOLD}, {"dim", A_DIM}, {"underline", A_UNDERLINE},
		{"reverse", A_REVERSE}, {"standout", A_STANDOUT}, {"italic", A_ITALIC},
		{"normal", 0},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(s, names[i].name) == 0) {
			*a |= names[i].attr;
			return 0;
		}
	return -1;
}

/* "bold white on blue": attributes and a foreground, then "on" and a
 * background. */
static int
parse_pair(const char *v, cdef *out, char *bad, size_t badsize)
{
	char *copy = xstrdup(v), *save = NULL;
	int after_on = 0, rc = 0;
	cdef c = {D, D, 0};
	for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		short col;
		if (strcasecmp(t, "on") == 0 && !after_on) {
			after_on = 1;
		} else if (parse_attr(t, &c.attr) == 0) {
			continue;
		} else if (parse_color(t, &col) == 0) {
			if (after_on)
				c.bg = col;
			else
				c.fg = col;
		} else {
			snprintf(bad, badsize, "%s", t);
			rc = -1;
			break;
		}
	}
	free(copy);
	if (rc == 0)
		*out = c;
	return rc;
}

static const cdef *
find_scheme(const char *name)
{
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strcmp(schemes[i].name, name) == 0)
			return schemes[i].table;
	return NULL;
}

void
colors_init(const vb_config *cfg)
{
	cdef table[C_COUNT];
	const cdef *scheme = scheme_default;
	const char *nc = getenv("NO_COLOR");
	if (cfg && cfg->scheme) {
		scheme = find_scheme(cfg->scheme);
		if (!scheme) {
			report_warn(_("configuration: colors: unknown scheme '%s' (default, dark, light, mono)"),
				    cfg->scheme);
			scheme = scheme_default;
		}
	}
	use_color = has_colors() && !(nc && *nc) && scheme != scheme_mono;
	if (use_color && start_color() == ERR)
		use_color = 0;
	if (!use_color)
		scheme = scheme_mono;
	memcpy(table, scheme, sizeof table);
	for (int i = 0; cfg && i < cfg->ncolors; i++) {
		const vb_binding *b = &cfg->colors[i];
		char bad[64];
		int e;
		cdef c;
		for (e = 0; e < C_COUNT; e++)
			if (strcmp(element_names[e], b->name) == 0)
				break;
		if (e == C_COUNT) {
			report_warn(_("configuration: colors: unknown element '%s' ignored"), b->name);
			continue;
		}
		if (parse_pair(b->value, &c, bad, sizeof bad) < 0) {
			report_warn(_("configuration: colors: %s: \"%s\" is not a colour or attribute"),
				    b->name, bad);
			continue;
		}
		if (use_color)
			table[e] = c;
		else if (c.attr)
			table[e].attr = c.attr;
	}
	int defaults = use_color && use_default_colors() == OK;
	for (int e = 0; e < C_COUNT; e++) {
		attrs[e] = table[e].attr;
		if (!use_color || (table[e].fg == D && table[e].bg == D))
			continue;
		short fg = table[e].fg, bg = table[e].bg;
		if (!defaults) {
			if (fg == D)
				fg = COLOR_WHITE;
			if (bg == D)
				bg = COLOR_BLACK;
		}
		if (e + 1 < COLOR_PAIRS && init_pair((short)(e + 1), fg, bg) == OK)
			attrs[e] |= COLOR_PAIR(e + 1);
	}
	if (use_color)
		bkgdset(' ' | attrs[C_NORMAL]);
}

attr_t
color_attr(int element)
{
	return attrs[element];
}

int
colors_on(void)
{
	return use_color;
}
