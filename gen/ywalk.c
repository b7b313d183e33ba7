/* Typed access to YAML nodes, with positioned errors. */
#include "ywalk.h"
#include "units.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool same_letter(char x, char y)
{
	return tolower((unsigned char)x) == tolower((unsigned char)y);
}

/* Edits between a and b, ignoring case: insertions, deletions, substitutions
 * and swaps of two neighbours (gpoi for gpio), each counting one. */
static unsigned int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned int rows[3][64], *before = rows[0], *above = rows[1], *row = rows[2];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		above[j] = (unsigned int)j;
	for (size_t i = 1; i <= la; i++) {
		row[0] = (unsigned int)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned int cost = same_letter(a[i - 1], b[j - 1]) ? 0 : 1;
			unsigned int best = above[j - 1] + cost;
			if (above[j] + 1 < best)
				best = above[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) && same_letter(a[i - 2], b[j - 1]) &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			row[j] = best;
		}
		unsigned int *oldest = before;
		before = above;
		above = row;
		row = oldest;
	}
	return above[lb];
}

const char *ywalk_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	unsigned int best_distance = 99;
	unsigned int limit = strlen(word) <= 4 ? 1 : strlen(word) <= 8 ? 2 : 3;

	for (const char *const *c = candidates; *c != NULL; c++) {
		unsigned int d = edit_distance(word, *c);
		if (d < best_distance) {
			best_distance = d;
			best = *c;
		}
	}
	return best_distance <= limit ? best : NULL;
}

static void list_choices(char *text, size_t size, const char *const *choices)
{
	size_t used = 0;

	text[0] = '\0';
	for (const char *const *c = choices; *c != NULL && used < size; c++)
		used += (size_t)snprintf(text + used, size - used, "%s%s", c == choices ? "" : ", ", *c);
}

void ywalk_check_keys(const struct ynode *map, const char *const *allowed, const char *context)
{
	for (size_t i = 0; i < map->count; i++) {
		const struct ynode *key = map->keys[i];
		bool known = false;
		const char *suggestion;
		char hint[256];

		if (key->kind != YNODE_SCALAR)
			continue;
		for (const char *const *a = allowed; *a != NULL && !known; a++)
			known = strcmp(*a, key->value) == 0;
		if (known)
			continue;
		suggestion = ywalk_suggest(key->value, allowed);
		if (suggestion != NULL) {
			diag_error(key->at, NULL, "unknown key '%s' in %s; did you mean '%s'?", key->value,
				   context, suggestion);
		} else {
			char choices[200];
			list_choices(choices, sizeof(choices), allowed);
			snprintf(hint, sizeof(hint), "%s takes: %s", context, choices);
			diag_error(key->at, hint, "unknown key '%s' in %s", key->value, context);
		}
	}
}

const struct ynode *ywalk_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++) {
		if (map->keys[i]->kind == YNODE_SCALAR && strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	}
	return NULL;
}

bool ywalk_is(const struct ynode *node, enum ynode_kind kind, const char *what)
{
	if (node->kind == kind)
		return true;
	diag_error(node->at, NULL, "%s must be %s, not %s", what, ynode_kind_name(kind),
		   ynode_kind_name(node->kind));
	return false;
}

bool ywalk_string(const struct ynode *node, const char *what, const char **value)
{
	if (!ywalk_is(node, YNODE_SCALAR, what))
		return false;
	*value = node->value;
	return true;
}

/* The bytes of the UTF-8 character at c: 1 for ASCII or a malformed sequence. */
static size_t character_length(const char *c)
{
	unsigned char lead = (unsigned char)*c;
	size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;

	for (size_t i = 1; i < length; i++)
		if (((unsigned char)c[i] & 0xc0) != 0x80)
			return 1;
	return length;
}

bool ywalk_name(const struct ynode *node, const char *what, const char **value)
{
	const char *s;

	if (!ywalk_string(node, what, &s))
		return false;
	if (s[0] == '\0' || strlen(s) > 31) {
		diag_error(node->at, NULL, "%s must be 1 to 31 characters long", what);
		return false;
	}
	for (const char *c = s; *c != '\0'; c++) {
		if ((unsigned char)*c >= 0x80 || (!isalnum((unsigned char)*c) && *c != '-' && *c != '_')) {
			diag_error(node->at, "names use ASCII letters, digits, '-' and '_'",
				   "%s '%s' contains '%.*s'", what, s, (int)character_length(c), c);
			return false;
		}
	}
	if (!isalpha((unsigned char)s[0])) {
		diag_error(node->at, NULL, "%s '%s' must start with a letter", what, s);
		return false;
	}
	*value = s;
	return true;
}

bool ywalk_bool(const struct ynode *node, const char *what, bool *value)
{
	if (!ywalk_is(node, YNODE_SCALAR, what))
		return false;
	if (node->plain && strcmp(node->value, "true") == 0) {
		*value = true;
		return true;
	}
	if (node->plain && strcmp(node->value, "false") == 0) {
		*value = false;
		return true;
	}
	diag_error(node->at, NULL, "%s must be true or false, not '%s'", what, node->value);
	return false;
}

static bool report_units(const struct ynode *node, const char *what, enum units_status status,
			 const char *form, const char *hint)
{
	switch (status) {
	case UNITS_OK:
		return true;
	case UNITS_OVERFLOW:
		diag_error(node->at, NULL, "%s '%s' does not fit in 64 bits", what, node->value);
		return false;
	case UNITS_NO_UNIT:
		diag_error(node->at, hint, "%s '%s' needs a unit", what, node->value);
		return false;
	default:
		diag_error(node->at, hint, "%s '%s' is not %s", what, node->value, form);
		return false;
	}
}

bool ywalk_integer(const struct ynode *node, const char *what, uint64_t *value)
{
	if (!ywalk_is(node, YNODE_SCALAR, what))
		return false;
	return report_units(node, what, units_parse_integer(node->value, value), "a number",
			    "write a decimal or 0x-prefixed number, '_' may separate digits");
}

bool ywalk_size(const struct ynode *node, const char *what, uint64_t *value)
{
	if (!ywalk_is(node, YNODE_SCALAR, what))
		return false;
	return report_units(node, what, units_parse_size(node->value, value), "a size",
			    "sizes look like 4096, 0x1000, 64K, 16M or 1G");
}

bool ywalk_time(const struct ynode *node, const char *what, uint64_t *nanoseconds)
{
	if (!ywalk_is(node, YNODE_SCALAR, what))
		return false;
	return report_units(node, what, units_parse_time(node->value, nanoseconds), "a time",
			    "times look like 100ns, 500us, 2ms or 1s");
}
