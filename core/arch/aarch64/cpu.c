/* AArch64 side of the per-CPU interface in arch.h. */
#include <arch.h>
#include <arch/sysregs.h>
#include <cpu.h>

unsigned int arch_current_el(void)
{
	return (unsigned int)(sysreg_currentel_read() >> CURRENTEL_EL_SHIFT) & 3U;
}

uint64_t arch_cpu_hwid(void)
{
	return sysreg_mpidr_el1_read() & MPIDR_AFFINITY_MASK;
}

/* TPIDR_EL2 holds the running CPU's struct cpu: the only per-CPU pointer. */
void arch_set_this_cpu(struct cpu *cpu)
{
	sysreg_tpidr_el2_write((uint64_t)(uintptr_t)cpu);
}

struct cpu *arch_this_cpu(void)
{
	return (struct cpu *)(uintptr_t)sysreg_tpidr_el2_read();
}

uint64_t arch_counter_read(void)
{
	isb();
	return sysreg_cntpct_el0_read();
}

uint64_t arch_counter_frequency(void)
{
	return sysreg_cntfrq_el0_read();
}

void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

void arch_wait_for_event(void)
{
	wfe();
}

void arch_send_event(void)
{
	dsb_sy();
	sev();
}

/* Writable and executable at once is impossible under WXN, so the data
 * word below can never run. */
static uint32_t selftest_data_word = 0xd65f03c0;	/* "ret", were it executable */

extern char __boot_text_start[];

void arch_selftest_fault(enum arch_selftest_fault kind)
{
	/* Above the 39-bit address space: a translation fault at level 1. */
	uintptr_t unmapped = 0x00bad00000000000;
	uint64_t value = 0;

	switch (kind) {
	case ARCH_FAULT_UNMAPPED:
		__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(unmapped) : "memory");
		break;
	case ARCH_FAULT_WRITE_TEXT:
		__asm__ volatile("str %0, [%1]" : : "r"(value), "r"(&arch_selftest_fault) : "memory");
		break;
	case ARCH_FAULT_EXEC_DATA:
		__asm__ volatile("blr %0" : : "r"(&selftest_data_word) : "x30", "memory");
		break;
	case ARCH_FAULT_EXEC_BOOT_CODE:
		__asm__ volatile("blr %0" : : "r"(__boot_text_start) : "x30", "memory");
		break;
	}
	(void)value;
}
