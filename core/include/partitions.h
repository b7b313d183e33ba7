/*
 * The partition and vCPU tables, created at boot from the layout: sized by
 * CONFIG_MAX_PARTITIONS and CONFIG_MAX_VCPUS, never allocated.
 */
#ifndef PARTITIONS_H
#define PARTITIONS_H

#include <partition.h>

#include <stdint.h>

extern struct partition partition_table[CONFIG_MAX_PARTITIONS];
extern unsigned int partition_table_count;
extern struct vcpu vcpu_table[CONFIG_MAX_VCPUS];
extern unsigned int vcpu_table_count;

/* The partition with that layout id, or NULL. */
struct partition *partition_by_id(uint64_t id);

/* Builds every partition: memory, devices, interrupts, consoles, images. */
void partitions_init(void);

/* Clears the partition's memory and copies its images in again. */
void partition_load(struct partition *p);

/* Where len bytes at ipa of the partition's RAM are in hypervisor memory, or NULL. */
void *partition_load_address(const struct partition *p, uint64_t ipa, uint64_t len);

/* Makes vCPU 0 pending at the partition's entry (caller holds p->lock). */
void partition_boot_vcpu(struct partition *p);

#endif
