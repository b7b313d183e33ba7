/*
 * Measured boot: every component of the boot image is recorded, with its
 * SHA-256, in a TCG event log before any partition starts, and again
 * whenever a partition's images are reloaded. The log lives in the
 * hypervisor's memory (the layout's event-log region), mapped read-only
 * into the root partition.
 */
#ifndef MEASUREMENT_H
#define MEASUREMENT_H

#include <artifact.h>
#include <partition.h>

#include <stddef.h>

/* Starts the log with every component of the verified image, in manifest order. */
void measurement_boot(const struct artifact_header *image);

/* Records a partition's images again after its restart, hashing what was loaded. */
void measure_partition_restart(const struct partition *p);

/* The TCG log bytes (the region's header not included), and their size. */
const void *measurement_log(size_t *size);

#endif
