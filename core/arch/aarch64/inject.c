/*
 * Delivering a synchronous exception to a partition's EL1, as the
 * hardware would have: ESR_EL1, FAR_EL1, ELR_EL1 and SPSR_EL1 record it,
 * and the vCPU continues at the matching entry of its VBAR_EL1 in EL1h
 * with all exceptions masked.
 */
#include <arch/exception_frame.h>
#include <arch/inject.h>
#include <arch/sysregs.h>

/* Offsets into an EL1 vector table for a synchronous exception. */
#define VECTOR_FROM_EL1T	0x000
#define VECTOR_FROM_EL1H	0x200
#define VECTOR_FROM_EL0_64	0x400

static void inject_sync(struct exception_frame *frame, uint64_t esr, uint64_t far)
{
	uint64_t mode = frame->spsr & SPSR_MODE_MASK;
	uint64_t offset = mode == SPSR_EL1H ? VECTOR_FROM_EL1H :
			  mode == SPSR_EL1T ? VECTOR_FROM_EL1T : VECTOR_FROM_EL0_64;

	sysreg_esr_el1_write(esr);
	sysreg_far_el1_write(far);
	sysreg_elr_el1_write(frame->elr);
	sysreg_spsr_el1_write(frame->spsr);
	frame->elr = sysreg_vbar_el1_read() + offset;
	frame->spsr = SPSR_EL1H | SPSR_DAIF;
}

static bool from_el0(const struct exception_frame *frame)
{
	return (frame->spsr & SPSR_MODE_MASK) == SPSR_EL0T;
}

void inject_undefined(struct exception_frame *frame)
{
	/* EC 0 (unknown), with IL set for a 32-bit instruction. */
	inject_sync(frame, ESR_IL, 0);
}

void inject_data_abort(struct exception_frame *frame, uint64_t address, bool write)
{
	/* A synchronous external abort: the access went nowhere. */
	uint64_t ec = from_el0(frame) ? 0x24 : 0x25;
	uint64_t esr = (ec << ESR_EC_SHIFT) | ESR_IL | (write ? ESR_WNR : 0) | 0x10;

	inject_sync(frame, esr, address);
}

void inject_instruction_abort(struct exception_frame *frame, uint64_t address)
{
	uint64_t ec = from_el0(frame) ? 0x20 : 0x21;

	inject_sync(frame, (ec << ESR_EC_SHIFT) | ESR_IL | 0x10, address);
}
