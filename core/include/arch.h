/*
 * What core/ needs from an architecture port. Each port implements these
 * in core/arch/<arch>/; nothing else in core/ names a register.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu;

enum arch_cpu_start_result {
	ARCH_CPU_STARTED,
	ARCH_CPU_ABSENT,	/* the firmware knows no such CPU */
	ARCH_CPU_ALREADY_ON,
	ARCH_CPU_START_FAILED,
};

/* Current exception level / privilege the hypervisor runs at. */
unsigned int arch_current_el(void);
uint64_t arch_cpu_hwid(void);
void arch_set_this_cpu(struct cpu *cpu);
struct cpu *arch_this_cpu(void);

/* Starts the CPU with the given hardware id at secondary_entry(index). */
enum arch_cpu_start_result arch_cpu_start(uint64_t hwid, unsigned int index);

/* Firmware interface version, as "major.minor" packed into 16+16 bits. */
uint32_t arch_firmware_version(void);
/* Per CPU, before partitions run: the EL2 controls every partition shares
 * (firmware mitigations kept on, vector lengths). */
void arch_cpu_controls_init(void);

uint64_t arch_counter_read(void);
uint64_t arch_counter_frequency(void);
void arch_cpu_relax(void);
void arch_wait_for_event(void);
void arch_send_event(void);

_Noreturn void arch_power_off(void);

/* Partition memory: zeroed or written by the hypervisor, then cleaned so a
 * partition that starts with caches off sees it, and fetchable as code. */
void arch_memory_zero(void *start, uint64_t size);
void arch_memory_clean(const void *start, uint64_t size);
void arch_memory_sync_for_execution(void);

struct vcpu;
struct partition;
/* Architecture state of a partition that follows from its layout (feature masks). */
void arch_partition_init(struct partition *p);
/* Takes the running vCPU off this CPU: nothing of it stays live in hardware. */
void arch_vcpu_put(struct vcpu *vcpu);
/* Called with interrupts masked: waits until one is pending (none is lost
 * between the caller's last check and the wait), then handles it. */
void arch_wait_masked(void);

/* The hypervisor's own timer: one deadline per CPU, on the generic counter. */
void arch_timer_set_deadline(uint64_t counter);
void arch_timer_cancel(void);

/* A vCPU leaving a shared CPU (its whole state saved, from the trap frame),
 * or coming back to one. */
void arch_vcpu_switch_out(struct vcpu *vcpu, void *trap_frame);
_Noreturn void arch_vcpu_resume(struct vcpu *vcpu);
/* Enters a vCPU from its reset state (first start, CPU_ON, restart). */
_Noreturn void arch_vcpu_start(struct vcpu *vcpu);

/* The hypervisor's own address space: built once by the primary, then
 * switched on by every CPU before it touches shared data. */
void arch_mmu_build_tables(void);
void arch_mmu_enable(void);
/* Maps device MMIO beyond the low map for the hypervisor alone (at boot,
 * e.g. the PCIe ECAM); false if it overlaps RAM or cannot be mapped. */
bool arch_mmu_map_device(uint64_t base, uint64_t size);
/* Unmaps the code only the boot needs (the signature check); returns its size. */
size_t arch_mmu_unmap_boot_code(void);

enum arch_selftest_fault {
	ARCH_FAULT_UNMAPPED,	/* load from an address nothing maps */
	ARCH_FAULT_WRITE_TEXT,	/* store into the hypervisor's code */
	ARCH_FAULT_EXEC_DATA,	/* branch into the hypervisor's data */
	ARCH_FAULT_EXEC_BOOT_CODE,	/* branch into code unmapped after boot */
};

/* Performs an access that must fault, to prove the panic path and W^X. */
void arch_selftest_fault(enum arch_selftest_fault kind);

#endif
