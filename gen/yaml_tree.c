/* Building the node tree from libyaml's event stream. */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Nesting deeper than this is no layout: refuse it instead of recursing. */
#define MAX_DEPTH 32

struct builder {
	yaml_parser_t parser;
	const char *file;
	bool failed;
};

static struct source_position position(const struct builder *b, yaml_mark_t mark)
{
	return (struct source_position){ b->file, (unsigned int)mark.line + 1,
					 (unsigned int)mark.column + 1 };
}

static struct ynode *new_node(enum ynode_kind kind, struct source_position at)
{
	struct ynode *n = calloc(1, sizeof(*n));

	if (n != NULL) {
		n->kind = kind;
		n->at = at;
	}
	return n;
}

static bool append(struct ynode *parent, struct ynode *key, struct ynode *item)
{
	struct ynode **items = realloc(parent->items, (parent->count + 1) * sizeof(*items));
	struct ynode **keys;

	if (items == NULL)
		return false;
	parent->items = items;
	if (parent->kind == YNODE_MAP) {
		keys = realloc(parent->keys, (parent->count + 1) * sizeof(*keys));
		if (keys == NULL)
			return false;
		parent->keys = keys;
		parent->keys[parent->count] = key;
	}
	parent->items[parent->count++] = item;
	return true;
}

static bool next_event(struct builder *b, yaml_event_t *event)
{
	if (yaml_parser_parse(&b->parser, event))
		return true;
	diag_error((struct source_position){ b->file, (unsigned int)b->parser.problem_mark.line + 1,
					     (unsigned int)b->parser.problem_mark.column + 1 },
		   NULL, "YAML syntax: %s%s%s", b->parser.problem ? b->parser.problem : "invalid YAML",
		   b->parser.context ? " " : "", b->parser.context ? b->parser.context : "");
	b->failed = true;
	return false;
}

static struct ynode *build_node(struct builder *b, yaml_event_t *event, unsigned int depth);

static struct ynode *build_collection(struct builder *b, yaml_event_t *start, unsigned int depth)
{
	bool is_map = start->type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct ynode *node = new_node(is_map ? YNODE_MAP : YNODE_SEQ, position(b, start->start_mark));

	if (node == NULL)
		return NULL;
	for (;;) {
		yaml_event_t event;
		struct ynode *key = NULL, *item;

		if (!next_event(b, &event))
			break;
		if (event.type == end) {
			yaml_event_delete(&event);
			return node;
		}
		if (is_map) {
			key = build_node(b, &event, depth + 1);
			yaml_event_delete(&event);
			if (key == NULL)
				break;
			if (key->kind != YNODE_SCALAR) {
				diag_error(key->at, NULL, "a mapping key must be a plain name");
				b->failed = true;
			}
			for (size_t i = 0; i < node->count && key->kind == YNODE_SCALAR; i++) {
				if (node->keys[i]->kind == YNODE_SCALAR &&
				    strcmp(node->keys[i]->value, key->value) == 0) {
					diag_error(key->at, NULL, "duplicate key '%s' (first at line %u)",
						   key->value, node->keys[i]->at.line);
					b->failed = true;
				}
			}
			if (!next_event(b, &event)) {
				ynode_free(key);
				break;
			}
		}
		item = build_node(b, &event, depth + 1);
		yaml_event_delete(&event);
		if (item == NULL || !append(node, key, item)) {
			ynode_free(key);
			ynode_free(item);
			break;
		}
	}
	ynode_free(node);
	return NULL;
}

static struct ynode *build_node(struct builder *b, yaml_event_t *event, unsigned int depth)
{
	struct ynode *node;

	if (depth > MAX_DEPTH) {
		diag_error(position(b, event->start_mark), NULL, "nesting deeper than %d levels", MAX_DEPTH);
		b->failed = true;
		return NULL;
	}
	switch (event->type) {
	case YAML_SCALAR_EVENT:
		node = new_node(YNODE_SCALAR, position(b, event->start_mark));
		if (node == NULL)
			return NULL;
		node->value = strndup((const char *)event->data.scalar.value, event->data.scalar.length);
		node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (node->value == NULL || strlen(node->value) != event->data.scalar.length) {
			diag_error(node->at, NULL, "a scalar may not contain NUL characters");
			b->failed = true;
			ynode_free(node);
			return NULL;
		}
		return node;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return build_collection(b, event, depth);
	case YAML_ALIAS_EVENT:
		diag_error(position(b, event->start_mark), "write the value out in full",
			   "YAML aliases are not supported in layouts");
		b->failed = true;
		return NULL;
	default:
		diag_error(position(b, event->start_mark), NULL, "unexpected YAML structure");
		b->failed = true;
		return NULL;
	}
}

struct ynode *yaml_load(const char *file, const char *text, size_t length)
{
	struct builder b = { .file = file };
	struct ynode *root = NULL;
	yaml_event_t event;

	if (!yaml_parser_initialize(&b.parser))
		return NULL;
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)text, length);
	while (!b.failed && next_event(&b, &event)) {
		yaml_event_type_t type = event.type;

		if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT) {
			if (root != NULL) {
				diag_error(position(&b, event.start_mark), NULL,
					   "only one YAML document per layout file");
				b.failed = true;
			} else {
				root = build_node(&b, &event, 0);
			}
		}
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&b.parser);
	if (b.failed) {
		ynode_free(root);
		return NULL;
	}
	if (root == NULL)
		root = new_node(YNODE_MAP, (struct source_position){ file, 1, 1 });
	return root;
}

void ynode_free(struct ynode *node)
{
	if (node == NULL)
		return;
	for (size_t i = 0; i < node->count; i++) {
		if (node->keys != NULL)
			ynode_free(node->keys[i]);
		ynode_free(node->items[i]);
	}
	free(node->keys);
	free(node->items);
	free(node->value);
	free(node);
}

const char *ynode_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR: return "a value";
	case YNODE_MAP: return "a mapping";
	default: return "a list";
	}
}
