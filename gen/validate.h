/*
 * The rules a layout must satisfy for the hypervisor to honour it safely,
 * checked against the board and the build's limits. Every violation is
 * reported at the YAML node that causes it.
 */
#ifndef GEN_VALIDATE_H
#define GEN_VALIDATE_H

#include "model.h"

/* Resolves references (devices, partitions, images) and checks every rule. */
void validate_layout(struct layout_spec *layout, struct board *board, const struct limits *limits,
		     const char *const *image_dirs);

#endif
