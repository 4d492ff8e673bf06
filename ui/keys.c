/* The key maps: the action list's default keys, replaced per action by
 * the configuration's `keys` group. */
#include "config.h"
#include "actions.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "util.h"

#define UI_ACTION_INFO(id, name, ctx, keys, label, help) {name, ctx, keys, label, help},
const ui_action_info ui_actions[ACT_COUNT] = {UI_ACTIONS(UI_ACTION_INFO)};
#undef UI_ACTION_INFO

static int bound[ACT_COUNT][UK_MAXKEYS];
static int nbound[ACT_COUNT];

static const struct {
	const char *name;
	int key;
} named[] = {
	{"Enter", UK_ENTER}, {"Return", UK_ENTER}, {"Tab", UK_TAB}, {"Esc", UK_ESC},
	{"Escape", UK_ESC}, {"Space", ' '}, {"S-Tab", UK_FN(KEY_BTAB)},
	{"Shift-Tab", UK_FN(KEY_BTAB)}, {"BTab", UK_FN(KEY_BTAB)}, {"Up", UK_FN(KEY_UP)},
	{"Down", UK_FN(KEY_DOWN)}, {"Left", UK_FN(KEY_LEFT)}, {"Right", UK_FN(KEY_RIGHT)},
	{"PgUp", UK_FN(KEY_PPAGE)}, {"PageUp", UK_FN(KEY_PPAGE)}, {"PgDn", UK_FN(KEY_NPAGE)},
	{"PageDown", UK_FN(KEY_NPAGE)}, {"Home", UK_FN(KEY_HOME)}, {"End", UK_FN(KEY_END)},
	{"Backspace", UK_FN(KEY_BACKSPACE)}, {"Delete", UK_FN(KEY_DC)}, {"Del", UK_FN(KEY_DC)},
	{"Insert", UK_FN(KEY_IC)},
};

int
key_parse(const char *s)
{
	size_t n = strlen(s);
	uint32_t cp;
	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(named[i].name, s) == 0)
			return named[i].key;
	if ((s[0] == 'F' || s[0] == 'f') && n >= 2 && n <= 3 && strspn(s + 1, "0123456789") == n - 1) {
		int k = atoi(s + 1);
		if (k >= 1 && k <= 12)
			return UK_FN(KEY_F(k));
		return -1;
	}
	/* ^L, C-l, Ctrl-L */
	const char *c = NULL;
	if (n == 2 && s[0] == '^')
		c = s + 1;
	else if (n == 3 && (strncmp(s, "C-", 2) == 0 || strncmp(s, "c-", 2) == 0))
		c = s + 2;
	else if (n == 6 && strncasecmp(s, "Ctrl-", 5) == 0)
		c = s + 5;
	if (c) {
		char u = *c >= 'a' && *c <= 'z' ? (char)(*c - 32) : *c;
		if (u >= '@' && u <= '_')
			return UK_CTRL(u);
		return -1;
	}
	int l = utf8_decode((const unsigned char *)s, n, &cp);
	if (l > 0 && (size_t)l == n && cp > 0x20 && cp != 0x7f)
		return (int)cp;
	return -1;
}

char *
ui_key_name(int key, char *buf, size_t size)
{
	static const int prefer[] = {UK_ENTER, UK_TAB, UK_ESC, ' '};
	for (size_t i = 0; i < sizeof prefer / sizeof prefer[0]; i++)
		if (key == prefer[i])
			goto table;
	if (key >= 0 && key < 0x20) {
		snprintf(buf, size, "^%c", key + '@');
		return buf;
	}
	for (int k = 1; k <= 12; k++)
		if (key == UK_FN(KEY_F(k))) {
			snprintf(buf, size, "F%d", k);
			return buf;
		}
table:
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if (key > 0x20 && key < 0x200000) {
		/* the character itself, as UTF-8 */
		char u[5] = {0};
		uint32_t cp = (uint32_t)key;
		if (cp < 0x80) {
			u[0] = (char)cp;
		} else if (cp < 0x800) {
			u[0] = (char)(0xc0 | (cp >> 6));
			u[1] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			u[0] = (char)(0xe0 | (cp >> 12));
			u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			u[2] = (char)(0x80 | (cp & 0x3f));
		} else {
			u[0] = (char)(0xf0 | (cp >> 18));
			u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
			u[3] = (char)(0x80 | (cp & 0x3f));
		}
		snprintf(buf, size, "%s", u);
		return buf;
	}
	snprintf(buf, size, "#%d", key);
	return buf;
}

/* Splits a list of key names and binds them to an action; 0 or -1
 * (with the bad name in *bad). */
static int
bind_list(int action, const char *list, char *bad, size_t badsize)
{
	int keys[UK_MAXKEYS], n = 0;
	if (strcmp(list, " ") == 0) {
		keys[n++] = ' ';
	} else {
		char *copy = xstrdup(list), *save = NULL;
		for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
			int k = key_parse(t);
			if (k < 0) {
				snprintf(bad, badsize, "%s", t);
				free(copy);
				return -1;
			}
			if (n < UK_MAXKEYS)
				keys[n++] = k;
		}
		free(copy);
	}
	if (n == 0) {
		snprintf(bad, badsize, "%s", list);
		return -1;
	}
	memcpy(bound[action], keys, sizeof keys);
	nbound[action] = n;
	return 0;
}

/* A key given to one action in the configuration leaves every other
 * action of the same context. */
static void
unbind_others(int action)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		if (a == action || ui_actions[a].ctx != ui_actions[action].ctx)
			continue;
		for (int k = 0; k < nbound[action]; k++)
			for (int j = 0; j < nbound[a]; j++)
				if (bound[a][j] == bound[action][k]) {
					memmove(&bound[a][j], &bound[a][j + 1],
						(size_t)(nbound[a] - j - 1) * sizeof(int));
					nbound[a]--;
					j--;
				}
	}
}

void
keys_init(const vb_config *cfg)
{
	char bad[64];
	for (int a = 0; a < ACT_COUNT; a++)
		bind_list(a, ui_actions[a].defkeys, bad, sizeof bad);
	for (int i = 0; cfg && i < cfg->nkeys; i++) {
		const vb_binding *b = &cfg->keys[i];
		int a;
		for (a = 0; a < ACT_COUNT; a++)
			if (strcmp(ui_actions[a].name, b->name) == 0)
				break;
		if (a == ACT_COUNT) {
			report_warn(_("configuration: keys: unknown action '%s' ignored (see the help screen, ? or F1)"),
				    b->name);
			continue;
		}
		if (bind_list(a, b->value, bad, sizeof bad) < 0) {
			report_warn(_("configuration: keys: %s: \"%s\" is not a key (like q, ^L, F2, Enter, S-Tab, PgDn)"),
				    b->name, bad);
			continue;
		}
		unbind_others(a);
	}
}

int
keys_action(int ctx, int key)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		if (ui_actions[a].ctx != ctx)
			continue;
		for (int k = 0; k < nbound[a]; k++)
			if (bound[a][k] == key)
				return a;
	}
	return -1;
}

const int *
keys_of(int action, int *n)
{
	*n = nbound[action];
	return bound[action];
}

char *
keys_text(int action, char *buf, size_t size)
{
	char one[32];
	size_t used = 0;
	buf[0] = '\0';
	for (int k = 0; k < nbound[action]; k++) {
		int w = snprintf(buf + used, size - used, "%s%s", k ? " " : "",
				 ui_key_name(bound[action][k], one, sizeof one));
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
	}
	return buf;
}
