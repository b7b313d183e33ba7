// tests: core/arch/aarch64/stage2_mirror.c
// defines: -idirafter core/arch/aarch64/include -DCONFIG_LOG_LEVEL=1
/*
 * The SMMU's stage-1 copy of a stage 2 (core/arch/aarch64/stage2_mirror.c)
 * from hand-made stage-2 tables: blocks and pages keep their output
 * address; read-write stays read-write, read-only stays read-only, a
 * write-only mapping is left out rather than widened; Device and Normal
 * memory get their MAIR slots; nothing is executable; tables keep their
 * shape, both concatenated level-1 halves included. Bit positions are
 * written here from the Arm ARM (VMSAv8-64 stage 1 and stage 2
 * descriptors), not taken from the code under test.
 */
#include "unit.h"

#include <arch/stage2_mirror.h>

#include <stdarg.h>
#include <stdint.h>

void log_message(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

#define VALID		(1ULL << 0)
#define TABLE		(1ULL << 1)	/* table at levels 1-2, page at level 3 */
#define S2_READ		(1ULL << 6)
#define S2_WRITE	(1ULL << 7)
#define S2_DEVICE	(0x1ULL << 2)	/* MemAttr Device-nGnRE */
#define S2_NORMAL	(0xfULL << 2)	/* MemAttr Normal write-back */
#define SH_INNER	(3ULL << 8)
#define AF		(1ULL << 10)
#define XN		(1ULL << 54)
#define S1_ATTR(i)	((uint64_t)(i) << 2)
#define S1_EL0		(1ULL << 6)	/* AP[1] */
#define S1_READ_ONLY	(1ULL << 7)	/* AP[2] */
#define S1_PXN		(1ULL << 53)
#define S1_UXN		(1ULL << 54)
#define ADDRESS		0x0000fffffffff000ULL

static uint64_t root[2][512] __attribute__((aligned(8192)));
static uint64_t level2[512] __attribute__((aligned(4096)));
static uint64_t level3[512] __attribute__((aligned(4096)));

static const uint64_t *next(uint64_t entry)
{
	return (const uint64_t *)(uintptr_t)(entry & ADDRESS);
}

int main(void)
{
	struct stage2 s2 = { .root = &root[0][0], .vmid = 1 };
	const uint64_t *l0, *l1, *l1_high, *l2, *l3;

	/* IPA 1 GiB: a 1 GiB block at PA 0x80000000, read-write Normal. */
	root[0][1] = 0x80000000ULL | VALID | S2_NORMAL | SH_INNER | AF | S2_READ | S2_WRITE | XN;
	/* IPA 2 GiB: a table down to 4 KiB pages. */
	root[0][2] = ((uint64_t)(uintptr_t)level2) | VALID | TABLE;
	level2[0] = 0x40200000ULL | VALID | S2_NORMAL | SH_INNER | AF | S2_READ;	/* 2 MiB, read-only */
	level2[1] = ((uint64_t)(uintptr_t)level3) | VALID | TABLE;
	level3[0] = 0x09000000ULL | VALID | TABLE | S2_DEVICE | AF | S2_READ | S2_WRITE | XN;	/* device page */
	level3[1] = 0x48001000ULL | VALID | TABLE | S2_NORMAL | SH_INNER | AF | S2_WRITE;	/* write-only */
	level3[2] = 0x48002000ULL | TABLE | S2_NORMAL | AF | S2_READ;	/* not valid */
	/* IPA 512 GiB, the second concatenated table: a 1 GiB read-write block. */
	root[1][0] = 0x8000000000ULL | VALID | S2_NORMAL | SH_INNER | AF | S2_READ | S2_WRITE;

	l0 = (const uint64_t *)(uintptr_t)stage2_mirror_build(&s2);
	CHECK(l0 != NULL);
	if (l0 == NULL)
		return unit_finish("stage2_mirror");
	CHECK((l0[0] & (VALID | TABLE)) == (VALID | TABLE));
	CHECK((l0[1] & (VALID | TABLE)) == (VALID | TABLE));
	for (unsigned int i = 2; i < 512; i++)
		CHECK(l0[i] == 0);
	l1 = next(l0[0]);
	l1_high = next(l0[1]);
	CHECK(l1 != &root[0][0] && l1_high != &root[1][0]);	/* copies, not the CPU's tables */

	CHECK(l1[0] == 0);
	CHECK(l1[1] == (0x80000000ULL | VALID | S1_ATTR(MIRROR_MAIR_NORMAL) | SH_INNER | AF | S1_EL0 | S1_PXN |
			S1_UXN));
	CHECK(l1_high[0] == (0x8000000000ULL | VALID | S1_ATTR(MIRROR_MAIR_NORMAL) | SH_INNER | AF | S1_EL0 |
			     S1_PXN | S1_UXN));

	CHECK((l1[2] & (VALID | TABLE)) == (VALID | TABLE));
	l2 = next(l1[2]);
	CHECK(l2 != level2);
	CHECK(l2[0] == (0x40200000ULL | VALID | S1_ATTR(MIRROR_MAIR_NORMAL) | SH_INNER | AF | S1_EL0 |
			S1_READ_ONLY | S1_PXN | S1_UXN));
	l3 = next(l2[1]);
	CHECK(l3 != level3);
	CHECK(l3[0] == (0x09000000ULL | VALID | TABLE | S1_ATTR(MIRROR_MAIR_DEVICE) | AF | S1_EL0 | S1_PXN | S1_UXN));
	CHECK(l3[1] == 0);	/* write-only: stage 1 cannot say it */
	CHECK(l3[2] == 0);
	CHECK(MIRROR_MAIR_VALUE == ((0x04ULL << (8 * MIRROR_MAIR_DEVICE)) | (0xffULL << (8 * MIRROR_MAIR_NORMAL))));
	return unit_finish("stage2_mirror");
}
