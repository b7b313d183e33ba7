/*
 * A stage-1 copy of a partition's stage 2, for an SMMU that translates in
 * stage 1 only (QEMU 7.2's): same IPA -> PA mappings, same permissions, as
 * far as stage 1 can say them. Built once from the stage-2 tables the CPU
 * uses, after they are complete; stage 2 never changes after boot.
 */
#ifndef ARCH_STAGE2_MIRROR_H
#define ARCH_STAGE2_MIRROR_H

#include <arch/stage2.h>

#include <stdint.h>

/* The CD's MAIR for the copy: slot 0 Device-nGnRE, slot 1 Normal write-back. */
#define MIRROR_MAIR_DEVICE	0
#define MIRROR_MAIR_NORMAL	1
#define MIRROR_MAIR_VALUE	((0x04UL << (8 * MIRROR_MAIR_DEVICE)) | (0xffUL << (8 * MIRROR_MAIR_NORMAL)))

/* The copy walks 40-bit inputs from level 0, 4 KiB granule (a CD's T0SZ 24, TG0 0). */
#define MIRROR_INPUT_BITS	STAGE2_IPA_BITS

/* The physical address of the copy's level-0 table, or 0 when the pool is
 * exhausted. The caller makes the writes visible (DSB) before the SMMU reads them. */
uint64_t stage2_mirror_build(const struct stage2 *s2);

#endif
