/*
 * Channels (docs/control.md): shared memory between two partitions, mapped
 * by their layout regions, and a doorbell each way. A write to a channel's
 * doorbell page raises the other end's doorbell interrupt, a virtual SPI
 * no device backs.
 */
#ifndef CHANNELS_H
#define CHANNELS_H

#include <partition.h>

/* Boot: the doorbell pages and interrupts of the partition's channel ends. */
void channels_partition_init(struct partition *p);

/* Load and restart: the channels only the partition writes go back to zero. */
void channels_partition_reset(struct partition *p);

#endif
