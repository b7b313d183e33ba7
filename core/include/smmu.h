/*
 * The board's SMMUv3, which the hypervisor keeps for itself: every stream
 * aborts except those the layout gives a partition, which see exactly
 * their owner's memory (docs/dma.md). Faults come back through the fault
 * log, named by partition and device.
 */
#ifndef SMMU_H
#define SMMU_H

#include <stdbool.h>

/* Once, on the primary, after every partition's stage 2 is built and
 * before any partition runs. Panics when the board says SMMU and the
 * machine has none fit for it: DMA would otherwise go unchecked. */
void smmu_init(void);

/* True when intid is one of the SMMU's interrupts; it has been handled. */
bool smmu_handle_interrupt(unsigned int intid);

#endif
