/*
 * Putting a vCPU on this CPU and taking it off: its EL1 system registers,
 * its stage-2 tables and VMID, the traps of HCR_EL2, and the first entry
 * with a clean register file.
 */
#include <arch.h>
#include <arch/cpu_reset.h>
#include <arch/cpu_stack.h>
#include <arch/serror.h>
#include <arch/sysregs.h>
#include <arch/vgic.h>
#include <cpu.h>
#include <partition.h>

extern char cpu_stacks[];
void vgic_load_fresh(struct vcpu *vcpu);
void arch_fpsimd_save(struct fpsimd_state *state);
void arch_fpsimd_restore(const struct fpsimd_state *state);
void arch_frame_enter(struct exception_frame *frame) __attribute__((noreturn));
void arch_fpsimd_zero(void);

/* What every partition's EL1 runs under: stage 2, interrupts and SErrors
 * routed here, SMC and IMPLEMENTATION DEFINED registers trapped. */
#define HCR_PARTITION	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | \
			 HCR_BSU_INNER | HCR_TSC | HCR_TIDCP | HCR_TACR | HCR_RW)

void arch_vcpu_reset(struct vcpu *vcpu)
{
	struct arch_vcpu *arch = &vcpu->arch;

	/* The virtual redistributor keeps its state, as a real one does across CPU_ON. */
	arch->frame = (struct exception_frame){ 0 };
	arch->el1 = (struct el1_context){ 0 };
	arch->frame.x[0] = vcpu->start_arg;
	arch->frame.elr = vcpu->start_pc;
	arch->frame.spsr = SPSR_EL1H | SPSR_DAIF;
	arch->el1.sctlr = SCTLR_EL1_RES1;
	/* Aff0 = the vCPU's index, as its device tree numbers it. */
	arch->vmpidr = MPIDR_RES1 | vcpu->index;
	/* WFI traps unless the layout keeps a pinned vCPU's native: on a shared
	 * CPU it gives the rest of the window back, on a pinned one the CPU
	 * waits in the hypervisor, and the time is counted as waiting. */
	arch->hcr = HCR_PARTITION | (vcpu->wfi_native ? 0 : HCR_TWI);
}

/* Registers only some CPUs have: TPIDR2_EL0 (SME; no trap hides it without
 * fine-grained traps) and VDISR_EL2 (RAS: an SError deferred by the vCPU's
 * ESB is the vCPU's). Switched on every CPU that has them. */
static void optional_restore(const struct el1_context *c, const struct cpu_implements *has)
{
	if (!has->switched_el1_extra)
		return;
	if (has->sme)
		sysreg_tpidr2_el0_write(c->tpidr2_el0);
	if (has->ras)
		sysreg_vdisr_el2_write(c->vdisr);
}

static void optional_save(struct el1_context *c, const struct cpu_implements *has)
{
	if (!has->switched_el1_extra)
		return;
	if (has->sme)
		c->tpidr2_el0 = sysreg_tpidr2_el0_read();
	if (has->ras)
		c->vdisr = sysreg_vdisr_el2_read();
}

static void el1_restore(const struct el1_context *c)
{
	sysreg_sctlr_el1_write(c->sctlr);
	sysreg_ttbr0_el1_write(c->ttbr0);
	sysreg_ttbr1_el1_write(c->ttbr1);
	sysreg_tcr_el1_write(c->tcr);
	sysreg_mair_el1_write(c->mair);
	sysreg_amair_el1_write(c->amair);
	sysreg_vbar_el1_write(c->vbar);
	sysreg_elr_el1_write(c->elr);
	sysreg_spsr_el1_write(c->spsr);
	sysreg_esr_el1_write(c->esr);
	sysreg_far_el1_write(c->far);
	sysreg_afsr0_el1_write(c->afsr0);
	sysreg_afsr1_el1_write(c->afsr1);
	sysreg_par_el1_write(c->par);
	sysreg_contextidr_el1_write(c->contextidr);
	sysreg_tpidr_el1_write(c->tpidr_el1);
	sysreg_tpidr_el0_write(c->tpidr_el0);
	sysreg_tpidrro_el0_write(c->tpidrro_el0);
	sysreg_sp_el0_write(c->sp_el0);
	sysreg_sp_el1_write(c->sp_el1);
	sysreg_cpacr_el1_write(c->cpacr);
	sysreg_csselr_el1_write(c->csselr);
	sysreg_cntkctl_el1_write(c->cntkctl);
	sysreg_cntv_cval_el0_write(c->cntv_cval);
	sysreg_cntv_ctl_el0_write(c->cntv_ctl);
}

void arch_vcpu_save(struct vcpu *vcpu)
{
	struct el1_context *c = &vcpu->arch.el1;

	c->sctlr = sysreg_sctlr_el1_read();
	c->ttbr0 = sysreg_ttbr0_el1_read();
	c->ttbr1 = sysreg_ttbr1_el1_read();
	c->tcr = sysreg_tcr_el1_read();
	c->mair = sysreg_mair_el1_read();
	c->amair = sysreg_amair_el1_read();
	c->vbar = sysreg_vbar_el1_read();
	c->elr = sysreg_elr_el1_read();
	c->spsr = sysreg_spsr_el1_read();
	c->esr = sysreg_esr_el1_read();
	c->far = sysreg_far_el1_read();
	c->afsr0 = sysreg_afsr0_el1_read();
	c->afsr1 = sysreg_afsr1_el1_read();
	c->par = sysreg_par_el1_read();
	c->contextidr = sysreg_contextidr_el1_read();
	c->tpidr_el1 = sysreg_tpidr_el1_read();
	c->tpidr_el0 = sysreg_tpidr_el0_read();
	c->tpidrro_el0 = sysreg_tpidrro_el0_read();
	c->sp_el0 = sysreg_sp_el0_read();
	c->sp_el1 = sysreg_sp_el1_read();
	c->cpacr = sysreg_cpacr_el1_read();
	c->csselr = sysreg_csselr_el1_read();
	c->cntkctl = sysreg_cntkctl_el1_read();
	c->cntv_ctl = sysreg_cntv_ctl_el0_read();
	c->cntv_cval = sysreg_cntv_cval_el0_read();
	optional_save(c, &vcpu->partition->arch.features.has);
	/* A descheduled vCPU's timer must not fire into the next one. */
	sysreg_cntv_ctl_el0_write(0);
}

void arch_vcpu_load(struct vcpu *vcpu)
{
	const struct feature_controls *features = &vcpu->partition->arch.features;

	sysreg_hcr_el2_write(vcpu->arch.hcr | features->hcr);
	features_load(features);
	sysreg_vmpidr_el2_write(vcpu->arch.vmpidr);
	sysreg_vpidr_el2_write(sysreg_midr_el1_read());
	sysreg_vtcr_el2_write(VTCR_EL2_VALUE);
	sysreg_vttbr_el2_write(stage2_vttbr(&vcpu->partition->arch.stage2));
	sysreg_cnthctl_el2_write(CNTHCTL_EL1PCTEN);
	sysreg_cntvoff_el2_write(0);
	el1_restore(&vcpu->arch.el1);
	optional_restore(&vcpu->arch.el1, &features->has);
	isb();
}

/*
 * Enters a vCPU from its reset state: nothing from before (another
 * partition, an earlier run of this one) survives in any register.
 */
_Noreturn void arch_vcpu_start(struct vcpu *vcpu)
{
	struct cpu *cpu = cpu_this();
	struct exception_frame *frame = (struct exception_frame *)(void *)
		(cpu_stacks + (cpu->index + 1) * CPU_STACK_SIZE - sizeof(struct exception_frame));

	arch_vcpu_reset(vcpu);
	cpu_state_reset(&vcpu->partition->arch.features);
	arch_vcpu_load(vcpu);
	vgic_load_fresh(vcpu);
	arch_fpsimd_zero();
	vcpu->saved = false;
	vgic_flush(vcpu);
	*frame = vcpu->arch.frame;
	arch_frame_enter(frame);
}

static struct exception_frame *stack_top_frame(void)
{
	return (struct exception_frame *)(void *)(cpu_stacks + (cpu_this()->index + 1) * CPU_STACK_SIZE -
						  sizeof(struct exception_frame));
}

void arch_vcpu_switch_out(struct vcpu *vcpu, void *trap_frame)
{
	/* Its errors are its own: taken before the next vCPU's context. */
	if (serror_maybe_pending(vcpu->partition->arch.features.has.ras))
		serror_sync_leaving(vcpu, trap_frame);
	vcpu->arch.frame = *(struct exception_frame *)trap_frame;
	arch_vcpu_save(vcpu);
	arch_fpsimd_save(&vcpu->arch.fpsimd);
	vgic_save(vcpu);
	vcpu->saved = true;
}

_Noreturn void arch_vcpu_resume(struct vcpu *vcpu)
{
	struct exception_frame *frame = stack_top_frame();

	arch_vcpu_load(vcpu);
	arch_fpsimd_restore(&vcpu->arch.fpsimd);
	vgic_restore(vcpu);
	vcpu->saved = false;
	vgic_flush(vcpu);
	*frame = vcpu->arch.frame;
	arch_frame_enter(frame);
}

#define CNTHP_CTL_ENABLE	(1UL << 0)

void arch_timer_set_deadline(uint64_t counter)
{
	sysreg_cnthp_cval_el2_write(counter);
	sysreg_cnthp_ctl_el2_write(CNTHP_CTL_ENABLE);
	isb();
}

void arch_timer_cancel(void)
{
	sysreg_cnthp_ctl_el2_write(0);
	isb();
}

void vgic_load_fresh(struct vcpu *vcpu);
void vgic_put(struct vcpu *vcpu);

void arch_partition_init(struct partition *p)
{
	features_compute(&p->arch.features, p->layout->hidden_features);
}

void arch_vcpu_put(struct vcpu *vcpu)
{
	serror_sync_stopped(vcpu);
	/* A stopped vCPU's timer must not keep interrupting this CPU. */
	sysreg_cntv_ctl_el0_write(0);
	vgic_put(vcpu);
	sysreg_hcr_el2_write(0);
	isb();
}

void arch_wait_masked(void)
{
	/* WFI wakes for a pending interrupt whatever PSTATE.I says. */
	wfi();
	irq_unmask();
	isb();
	irq_mask();
}

