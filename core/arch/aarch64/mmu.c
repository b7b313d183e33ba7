/*
 * The hypervisor's own address space (EL2 stage 1): an identity map in
 * which the image is W^X (text read-only executable, rodata read-only,
 * data and stacks writable and never executable), the rest of RAM is
 * writable data, and the low 1 GiB of MMIO is Device memory. SCTLR_EL2.WXN
 * makes the hardware refuse any writable-and-executable mapping.
 *
 * The primary builds the tables once with the MMU off; every CPU then
 * switches to them. Nothing here changes after boot.
 */
#include <arch.h>
#include <arch/pgtable.h>
#include <arch/sysregs.h>
#include <log.h>
#include <panic.h>
#include <platform.h>

#include <stdint.h>

extern char __image_start[], __text_end[], __rodata_end[], __image_end[];
extern char __boot_text_start[], __boot_text_end[];

typedef uint64_t page_table[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

/* The image (with its stacks and page-table pools) may span this many 2 MiB blocks. */
#define IMAGE_BLOCKS_MAX 4

static page_table level1;
static page_table level2_image_gib;			/* the 1 GiB that holds the image */
static page_table level3_image[IMAGE_BLOCKS_MAX];	/* the 2 MiB blocks that hold it */

#define DEVICE_RW	(PTE_ATTR_INDEX(MAIR_DEVICE_NGNRNE) | PTE_AP_RES1 | PTE_AF | PTE_XN)
#define NORMAL_RW	(PTE_ATTR_INDEX(MAIR_NORMAL_WB) | PTE_AP_RES1 | PTE_SH_INNER | PTE_AF | PTE_XN)
#define NORMAL_RO	(NORMAL_RW | PTE_AP_READ_ONLY)
#define NORMAL_RX	(NORMAL_RO & ~PTE_XN)

_Static_assert(PLATFORM_RAM_BASE % PT_BLOCK_SIZE(1) == 0, "RAM must start on a 1 GiB boundary");
_Static_assert(PLATFORM_MMIO_END <= PT_BLOCK_SIZE(1), "MMIO must fit in the first 1 GiB");
_Static_assert(PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE <= (1UL << HV_VA_BITS),
	       "RAM must fit in the hypervisor's address space");

static uint64_t table_entry(const page_table *next)
{
	return ((uint64_t)(uintptr_t)next & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE;
}

static uint64_t image_page_attributes(uintptr_t address)
{
	if (address >= (uintptr_t)__image_start && address < (uintptr_t)__text_end)
		return NORMAL_RX;
	if (address >= (uintptr_t)__text_end && address < (uintptr_t)__rodata_end)
		return NORMAL_RO;
	return NORMAL_RW;
}

void arch_mmu_build_tables(void)
{
	uintptr_t image = (uintptr_t)__image_start;
	uintptr_t image_gib = image & ~(PT_BLOCK_SIZE(1) - 1);
	uintptr_t image_2mib = image & ~(PT_BLOCK_SIZE(2) - 1);
	uintptr_t blocks = ((uintptr_t)__image_end - image_2mib + PT_BLOCK_SIZE(2) - 1) / PT_BLOCK_SIZE(2);

	if (blocks > IMAGE_BLOCKS_MAX || (uintptr_t)__image_end - image_gib > PT_BLOCK_SIZE(1))
		panic("hypervisor image %p-%p spans more than %u 2 MiB blocks of one 1 GiB",
		      (void *)__image_start, (void *)__image_end, IMAGE_BLOCKS_MAX);

	level1[0] = 0 | PTE_VALID | PTE_BLOCK | DEVICE_RW;
	for (uintptr_t gib = PLATFORM_RAM_BASE; gib < PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE;
	     gib += PT_BLOCK_SIZE(1))
		level1[gib >> PT_LEVEL_SHIFT(1)] = gib | PTE_VALID | PTE_BLOCK | NORMAL_RW;

	level1[image_gib >> PT_LEVEL_SHIFT(1)] = table_entry(&level2_image_gib);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		level2_image_gib[i] = (image_gib + i * PT_BLOCK_SIZE(2)) | PTE_VALID | PTE_BLOCK |
				      NORMAL_RW;

	for (uintptr_t b = 0; b < blocks; b++) {
		uintptr_t block = image_2mib + b * PT_BLOCK_SIZE(2);
		level2_image_gib[(block - image_gib) >> PT_LEVEL_SHIFT(2)] = table_entry(&level3_image[b]);
		for (unsigned int i = 0; i < PT_ENTRIES; i++) {
			uintptr_t page = block + i * PAGE_SIZE;
			level3_image[b][i] = page | PTE_VALID | PTE_TABLE | image_page_attributes(page);
		}
	}
	dsb_sy();
	log_debug("EL2 map: text %p-%p RX, rodata -%p R, data -%p RW", (void *)__image_start,
		  (void *)__text_end, (void *)__rodata_end, (void *)__image_end);
}

void arch_mmu_enable(void)
{
	sysreg_mair_el2_write(MAIR_EL2_VALUE);
	sysreg_tcr_el2_write(TCR_EL2_RES1 | TCR_T0SZ(HV_VA_BITS) | TCR_IRGN0_WBWA |
			     TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K | TCR_PS_40BIT);
	sysreg_ttbr0_el2_write((uint64_t)(uintptr_t)&level1);
	isb();
	__asm__ volatile("tlbi alle2\n\tdsb ish" ::: "memory");
	sysreg_sctlr_el2_write(sysreg_sctlr_el2_read() | SCTLR_EL2_M | SCTLR_EL2_C |
			       SCTLR_EL2_I | SCTLR_EL2_SA | SCTLR_EL2_WXN);
	isb();
}

/*
 * Whole 1 GiB blocks: what lies beside such a device on a board is MMIO
 * too, and the hypervisor touches only what it means to. The entries were
 * invalid, so no CPU can hold them in its TLB: making them valid needs no
 * invalidation, only the barrier before anyone uses them.
 */
bool arch_mmu_map_device(uint64_t base, uint64_t size)
{
	uint64_t first = base >> PT_LEVEL_SHIFT(1), last;

	if (size == 0 || base + size > (1UL << HV_VA_BITS) || base + size < base)
		return false;
	last = (base + size - 1) >> PT_LEVEL_SHIFT(1);
	for (uint64_t i = first; i <= last; i++) {
		uint64_t gib = i << PT_LEVEL_SHIFT(1);
		if (gib + PT_BLOCK_SIZE(1) > PLATFORM_RAM_BASE && gib < PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE)
			return false;
		if (level1[i] != 0 && level1[i] != (gib | PTE_VALID | PTE_BLOCK | DEVICE_RW))
			return false;
	}
	for (uint64_t i = first; i <= last; i++)
		level1[i] = (i << PT_LEVEL_SHIFT(1)) | PTE_VALID | PTE_BLOCK | DEVICE_RW;
	dsb_sy();
	isb();
	return true;
}

size_t arch_mmu_unmap_boot_code(void)
{
	uintptr_t image_2mib = (uintptr_t)__image_start & ~(PT_BLOCK_SIZE(2) - 1);

	for (uintptr_t page = (uintptr_t)__boot_text_start; page < (uintptr_t)__boot_text_end; page += PAGE_SIZE) {
		uintptr_t offset = page - image_2mib;
		level3_image[offset / PT_BLOCK_SIZE(2)][(offset % PT_BLOCK_SIZE(2)) / PAGE_SIZE] = 0;
	}
	dsb_sy();
	__asm__ volatile("tlbi alle2is\n\tdsb ish\n\tisb" ::: "memory");
	return (size_t)(__boot_text_end - __boot_text_start);
}
