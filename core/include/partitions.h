/*
 * The partition and vCPU tables, created at boot from the layout: sized by
 * CONFIG_MAX_PARTITIONS and CONFIG_MAX_VCPUS, never allocated.
 */
#ifndef PARTITIONS_H
#define PARTITIONS_H

#include <partition.h>

extern struct partition partition_table[CONFIG_MAX_PARTITIONS];
extern unsigned int partition_table_count;
extern struct vcpu vcpu_table[CONFIG_MAX_VCPUS];
extern unsigned int vcpu_table_count;

/* Builds every partition: memory, devices, interrupts, consoles, images. */
void partitions_init(void);

/* Clears the partition's memory and copies its images in again. */
void partition_load(struct partition *p);

/* Makes vCPU 0 pending at the partition's entry (caller holds p->lock). */
void partition_boot_vcpu(struct partition *p);

#endif
