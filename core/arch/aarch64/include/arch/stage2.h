/*
 * Stage-2 translation (IPA -> PA) for one partition: 40-bit IPA, 4 KiB
 * granule, lookup from level 1 over two concatenated tables. Block
 * mappings (1 GiB, 2 MiB) are used wherever IPA, PA and size allow.
 */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

#define STAGE2_IPA_BITS		40

/* Stage-2 descriptor fields (VMSAv8-64, 4 KiB granule). */
#define S2_MEMATTR_DEVICE_NGNRE	(0x1UL << 2)
#define S2_MEMATTR_NORMAL_WB	(0xfUL << 2)
#define S2_AP_READ		(1UL << 6)
#define S2_AP_WRITE		(1UL << 7)
#define S2_SH_INNER		(3UL << 8)
#define S2_AF			(1UL << 10)
#define S2_XN			(1UL << 54)

/* VTCR_EL2: T0SZ 24 (40 bits), SL0 1 (start at level 1), inner-shareable
 * write-back walks, 4 KiB granule, 40-bit PA. */
#define VTCR_EL2_RES1		(1UL << 31)
#define VTCR_EL2_VALUE		(VTCR_EL2_RES1 | (64UL - STAGE2_IPA_BITS) | (1UL << 6) | \
				 (1UL << 8) | (1UL << 10) | (3UL << 12) | (0UL << 14) | (2UL << 16))

#define VTTBR_VMID_SHIFT	48

enum stage2_access {
	STAGE2_READ = 1 << 0,
	STAGE2_WRITE = 1 << 1,
	STAGE2_EXEC = 1 << 2,
};

enum stage2_memory {
	STAGE2_NORMAL,
	STAGE2_DEVICE,
};

struct stage2 {
	uint64_t *root;		/* two concatenated level-1 tables */
	uint16_t vmid;
};

/* Both return false when the build-time page-table pool is exhausted. */
bool stage2_init(struct stage2 *s2, uint16_t vmid);
bool stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
		unsigned int access, enum stage2_memory memory);

/* Invalidates this VMID's cached translations on every CPU. */
void stage2_flush_tlb(const struct stage2 *s2);

uint64_t stage2_vttbr(const struct stage2 *s2);

#endif
