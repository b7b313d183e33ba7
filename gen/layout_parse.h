/* Reading a layout's YAML tree into the model; every problem is reported. */
#ifndef GEN_LAYOUT_PARSE_H
#define GEN_LAYOUT_PARSE_H

#include "model.h"
#include "yaml_tree.h"

/* Fills what it can even when it reports errors; the caller checks the count. */
void layout_parse(const struct ynode *root, const char *file, struct layout_spec *layout);
void layout_free(struct layout_spec *layout);

/* Feature names as layouts write them, indexed by enum feature. */
extern const char *const feature_names[];

#endif
