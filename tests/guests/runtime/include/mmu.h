/*
 * An identity stage-1 map for guests that must attack as a kernel with
 * its MMU on would: 1 GiB blocks, the first (devices) Device-nGnRnE and
 * never executable, the second (RAM at 0x40000000) Normal write-back, so
 * that unaligned accesses and page-table walks are possible. The runtime
 * otherwise runs with the MMU off.
 */
#ifndef GUEST_MMU_H
#define GUEST_MMU_H

#include <stdint.h>

#define MMU_BLOCK_SIZE	0x40000000UL	/* one level-1 entry */

void mmu_enable_identity(void);
/* Makes the 1 GiB at va (not the first two) walk through a level-2
 * table at table_ipa, which the stage-1 walk must then read. */
void mmu_point_block_at_table(uintptr_t va, uintptr_t table_ipa);

#endif
