/*
 * Exits from a partition, dispatched through one table indexed by the
 * exception class. Each handler works on the saved frame and says whether
 * the vCPU continues; a vCPU that does not continue leaves this CPU to its
 * idle loop.
 */
#include <arch.h>
#include <arch/exception_frame.h>
#include <arch/inject.h>
#include <arch/serror.h>
#include <arch/sysreg_trap.h>
#include <arch/sysregs.h>
#include <arch/vgic.h>
#include <arch/vsmccc.h>
#include <console.h>
#include <cpu.h>
#include <fault.h>
#include <irq.h>
#include <mmio.h>
#include <partition.h>
#include <sched.h>
#include <vcpu_run.h>

#include <stddef.h>

typedef bool (*exit_handler)(struct vcpu *vcpu, struct exception_frame *frame);

static void skip_instruction(struct exception_frame *frame)
{
	frame->elr += (frame->esr & ESR_IL) ? 4 : 2;
}

static bool handle_hvc(struct vcpu *vcpu, struct exception_frame *frame)
{
	/* ELR already points past the HVC. */
	return smccc_dispatch(vcpu, frame, SMCCC_CONDUIT_HVC);
}

static bool handle_smc(struct vcpu *vcpu, struct exception_frame *frame)
{
	/* A trapped SMC returns to itself: step over it. */
	skip_instruction(frame);
	return smccc_dispatch(vcpu, frame, SMCCC_CONDUIT_SMC);
}

static bool handle_undefined(struct vcpu *vcpu, struct exception_frame *frame)
{
	(void)vcpu;
	inject_undefined(frame);
	return true;
}

static uint64_t faulting_ipa(const struct exception_frame *frame)
{
	return ((frame->hpfar & HPFAR_FIPA_MASK) << (12 - HPFAR_FIPA_SHIFT)) | (frame->far & 0xfff);
}

/* Writes a value read by an emulated load into its target register. */
static void complete_load(struct exception_frame *frame, uint32_t iss, uint64_t value,
			  unsigned int width)
{
	unsigned int reg = (iss >> DABT_SRT_SHIFT) & DABT_SRT_MASK;

	if ((iss & DABT_SSE) && width < 8) {
		unsigned int shift = 64 - 8 * width;
		value = (uint64_t)((int64_t)(value << shift) >> shift);
	}
	if (!(iss & DABT_SF))
		value &= 0xffffffffU;
	if (reg != 31)	/* XZR */
		frame->x[reg] = value;
}

static bool handle_data_abort(struct vcpu *vcpu, struct exception_frame *frame)
{
	uint32_t iss = (uint32_t)(frame->esr & ESR_ISS_MASK);
	bool write = (iss & ESR_WNR) != 0;
	uint64_t ipa = faulting_ipa(frame);
	const struct mmio_region *region = mmio_find(&vcpu->partition->mmio, ipa);
	struct fault fault = { .kind = write ? FAULT_WRITE : FAULT_READ, .address = ipa,
			       .syndrome = frame->esr, .reason = "no mapping" };

	/* Without ISV the access (e.g. a load pair) cannot be emulated. */
	if (region != NULL && (iss & DABT_ISV) && !(iss & DABT_S1PTW)) {
		unsigned int width = 1U << ((iss >> DABT_SAS_SHIFT) & DABT_SAS_MASK);
		unsigned int reg = (iss >> DABT_SRT_SHIFT) & DABT_SRT_MASK;
		struct mmio_access access = {
			.address = ipa, .offset = ipa - region->base, .width = width, .write = write,
			.value = write && reg != 31 ? frame->x[reg] : 0,
		};

		if (region->handle(vcpu, region->device, &access) == MMIO_HANDLED) {
			if (!write)
				complete_load(frame, iss, access.value, width);
			skip_instruction(frame);
			return true;
		}
		fault.reason = "emulated device refused the access";
	} else if (region != NULL) {
		fault.reason = "access to an emulated device that cannot be decoded";
	} else if (ESR_FSC_PERMISSION(iss & ESR_FSC_MASK)) {
		fault.reason = write ? "write to a read-only mapping" : "read of a mapping it may not read";
		fault.permission = true;
	}
	fault.escalate = vcpu->injected_at != 0 && frame->elr == vcpu->injected_at;
	if (!fault_handle(vcpu, &fault))
		return false;
	inject_data_abort(frame, frame->far, write);
	vcpu->injected_at = frame->elr;
	return true;
}

static bool handle_instruction_abort(struct vcpu *vcpu, struct exception_frame *frame)
{
	uint32_t iss = (uint32_t)(frame->esr & ESR_ISS_MASK);
	struct fault fault = { .kind = FAULT_EXECUTE, .address = faulting_ipa(frame),
			       .syndrome = frame->esr, .reason = "not executable or not mapped" };

	/* Its own memory, mapped without execute: say so, not what lies there. */
	if (ESR_FSC_PERMISSION(iss & ESR_FSC_MASK)) {
		fault.reason = "execution of a mapping it may not execute";
		fault.permission = true;
	}

	/* Faulting on the very vector we sent it to: it has no usable handler. */
	fault.escalate = vcpu->injected_at != 0 && frame->elr == vcpu->injected_at;
	if (!fault_handle(vcpu, &fault))
		return false;
	inject_instruction_abort(frame, frame->far);
	vcpu->injected_at = frame->elr;
	return true;
}

#define WFX_ISS_WFE 1U

/* A scheduled vCPU's WFI gives the rest of its window back; a pinned one's waits here. */
static bool handle_wfx(struct vcpu *vcpu, struct exception_frame *frame)
{
	skip_instruction(frame);
	if ((frame->esr & WFX_ISS_WFE) || vgic_has_deliverable(vcpu))
		return true;
	if (vcpu->scheduled)
		sched_switch_out(vcpu, frame, true);	/* its hypervisor time stops with the switch */
	vcpu_wait(vcpu);
	return true;
}

static const exit_handler exit_handlers[EC_COUNT] = {
	[EC_WFX] = handle_wfx,
	[EC_HVC64] = handle_hvc,
	[EC_SMC64] = handle_smc,
	[EC_SYSREG] = sysreg_trap,
	[EC_IABT_LOWER] = handle_instruction_abort,
	[EC_DABT_LOWER] = handle_data_abort,
};

static bool handle_sync(struct vcpu *vcpu, struct exception_frame *frame)
{
	exit_handler handler = exit_handlers[ESR_EC(frame->esr)];

	return (handler != NULL ? handler : handle_undefined)(vcpu, frame);
}

static bool handle_serror(struct vcpu *vcpu, struct exception_frame *frame)
{
	return serror_account(vcpu, frame, frame->esr, "asynchronous external abort");
}

static unsigned int exit_reason(const struct exception_frame *frame, unsigned int vector)
{
	if (vector != VECTOR_LOWER64_SYNC && vector != VECTOR_LOWER32_SYNC)
		return BH_EXIT_INTERRUPT;
	switch (ESR_EC(frame->esr)) {
	case EC_HVC64: return BH_EXIT_HYPERCALL;
	case EC_SMC64: return BH_EXIT_FIRMWARE;
	case EC_SYSREG: return BH_EXIT_SYSREG;
	case EC_DABT_LOWER: case EC_IABT_LOWER: return BH_EXIT_MEMORY;
	case EC_WFX: return BH_EXIT_WFI;
	default: return BH_EXIT_OTHER;
	}
}

/* Time in the hypervisor is the vCPU's cost: counted until it runs again. */
static void account_exit(struct cpu *cpu, struct vcpu *vcpu)
{
	vcpu->hyp_ticks += arch_counter_read() - cpu->exit_at;
}

void handle_guest_exit(struct exception_frame *frame, unsigned int vector);
void handle_guest_exit(struct exception_frame *frame, unsigned int vector)
{
	struct cpu *cpu = cpu_this();
	struct vcpu *vcpu = cpu->vcpu;
	bool resume;

	/* Per CPU: a wait in a trapped WFI moves it on (vcpu_wait). */
	cpu->exit_at = arch_counter_read();

	vcpu->exits++;
	vcpu->exits_by_reason[exit_reason(frame, vector)]++;
	vgic_sync(vcpu);
	/* Any exit other than the one that follows an injection clears it. */
	if (vector != VECTOR_LOWER64_SYNC ||
	    (ESR_EC(frame->esr) != EC_IABT_LOWER && ESR_EC(frame->esr) != EC_DABT_LOWER))
		vcpu->injected_at = 0;
	switch (vector) {
	case VECTOR_LOWER64_SYNC:
	case VECTOR_LOWER32_SYNC:
		resume = handle_sync(vcpu, frame);
		break;
	case VECTOR_LOWER64_IRQ:
	case VECTOR_LOWER32_IRQ:
	case VECTOR_LOWER64_FIQ:
	case VECTOR_LOWER32_FIQ:
		irq_handle();
		resume = vcpu->state == VCPU_RUNNING && vcpu->partition->state == PARTITION_RUNNING;
		break;
	default:
		resume = handle_serror(vcpu, frame);
		break;
	}
	if (!resume || vcpu->state != VCPU_RUNNING) {
		account_exit(cpu, vcpu);
		cpu_idle();
	}
	if (vcpu->scheduled && (cpu->preempt || sched_urgent_pending(vcpu))) {
		account_exit(cpu, vcpu);
		sched_switch_out(vcpu, frame, false);
	}
	vgic_flush(vcpu);
	/*
	 * A time-sliced CPU keeps its windows' deadlines: a line drained here
	 * would start the next window late (interrupts are masked), so its
	 * backlog waits for a pinned vCPU's exit or an idle CPU.
	 */
	if (!vcpu->scheduled)
		console_drain_on_exit();
	account_exit(cpu, vcpu);
}
