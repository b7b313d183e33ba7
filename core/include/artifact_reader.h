/*
 * Reading the boot image the hypervisor was loaded from, once
 * boot_image_verify() has checked every length and offset: after that
 * its components can be copied without further checks.
 */
#ifndef ARTIFACT_READER_H
#define ARTIFACT_READER_H

#include <artifact.h>

#include <stddef.h>

/* The component of a partition with a given kind, or NULL. */
const struct artifact_component *artifact_find(const struct artifact_header *artifact,
					       unsigned int partition, enum artifact_component_kind kind);

const void *artifact_data(const struct artifact_header *artifact,
			  const struct artifact_component *component);

#endif
