/*
 * A YAML document as a tree of scalars, mappings and sequences, each node
 * remembering where it starts in the file. Built with libyaml; anchors and
 * aliases are refused, duplicate keys are errors.
 */
#ifndef GEN_YAML_TREE_H
#define GEN_YAML_TREE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ,
};

struct ynode {
	enum ynode_kind kind;
	struct source_position at;
	char *value;		/* scalars */
	bool plain;		/* an unquoted scalar (may be a number or boolean) */
	struct ynode **keys;	/* mappings: scalar keys, parallel to items */
	struct ynode **items;	/* mapping values, or sequence entries */
	size_t count;
};

/* NULL after reporting a syntax error. An empty document is an empty map. */
struct ynode *yaml_load(const char *file, const char *text, size_t length);
void ynode_free(struct ynode *node);

const char *ynode_kind_name(enum ynode_kind kind);

#endif
