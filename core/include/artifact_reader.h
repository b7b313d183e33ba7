/*
 * Reading the boot artifact the hypervisor was loaded from. Every length
 * and offset is checked once, when the artifact is opened; after that its
 * components can be copied without further checks.
 */
#ifndef ARTIFACT_READER_H
#define ARTIFACT_READER_H

#include <artifact.h>

#include <stddef.h>

/* NULL, with *why set, if there is no valid artifact around the hypervisor. */
const struct artifact_header *artifact_open(const char **why);

/* The component of a partition with a given kind, or NULL. */
const struct artifact_component *artifact_find(const struct artifact_header *artifact,
					       unsigned int partition, enum artifact_component_kind kind);

const void *artifact_data(const struct artifact_header *artifact,
			  const struct artifact_component *component);

#endif
