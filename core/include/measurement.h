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
#include <sha256.h>

#include <stddef.h>

/* Starts the log with every component of the verified image, in manifest order. */
void measurement_boot(const struct artifact_header *image);

/*
 * Records a partition's images again after its restart, with the digests of
 * what was loaded (its images in manifest order), in the room of the log
 * the partition has to itself. When that room is spent, a restart whose
 * digests are those of the verified manifest is counted instead (the
 * region's restarts_counted), and one whose digests differ is refused:
 * false, the partition must not run.
 */
bool measure_partition_restart(const struct partition *p, unsigned int restart,
			       const uint8_t (*digests)[SHA256_DIGEST_SIZE], unsigned int count);

/* The TCG log bytes (the region's header not included), and their size. */
const void *measurement_log(size_t *size);

#endif
