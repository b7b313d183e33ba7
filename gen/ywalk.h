/*
 * Reading typed values out of the YAML tree, each failure reported at the
 * node that caused it with what was expected: unknown keys (with "did you
 * mean"), wrong types, malformed sizes, times and numbers.
 */
#ifndef GEN_YWALK_H
#define GEN_YWALK_H

#include "yaml_tree.h"

#include <stdbool.h>
#include <stdint.h>

/* Reports every key of map not in allowed (a NULL-terminated list). */
void ywalk_check_keys(const struct ynode *map, const char *const *allowed, const char *context);

/* The value of key in map, or NULL. */
const struct ynode *ywalk_get(const struct ynode *map, const char *key);

/* Each returns false after reporting why node is not what was asked for. */
bool ywalk_is(const struct ynode *node, enum ynode_kind kind, const char *what);
bool ywalk_string(const struct ynode *node, const char *what, const char **value);
bool ywalk_name(const struct ynode *node, const char *what, const char **value);
bool ywalk_bool(const struct ynode *node, const char *what, bool *value);
bool ywalk_integer(const struct ynode *node, const char *what, uint64_t *value);
bool ywalk_size(const struct ynode *node, const char *what, uint64_t *value);
bool ywalk_time(const struct ynode *node, const char *what, uint64_t *nanoseconds);

/* The closest of candidates to word, if it is close enough to be a likely typo. */
const char *ywalk_suggest(const char *word, const char *const *candidates);

#endif
