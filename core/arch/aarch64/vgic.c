/*
 * Virtual interrupts and list registers. A virtual interrupt is made
 * pending in software (by a device, a timer, an SGI or a doorbell); the
 * CPU that runs its target vCPU moves it into a free list register just
 * before returning to the partition (vgic_flush), and reads back what the
 * partition has completed right after the next exit (vgic_sync). Hardware
 * interrupts go in hardware-linked, so their deactivation needs no trap.
 */
#include <arch/sysregs.h>
#include <arch/vgic.h>
#include <cpu.h>
#include <irq.h>
#include <partition.h>
#include <partitions.h>

#include <stddef.h>

static unsigned int lr_count;
/* Active-priority registers per group: 1 for 5 preemption bits, 2 for 6, 4 for 7.
 * Like lr_count, written with the same value by every CPU at its start. */
static unsigned int apr_count;

/* Which partition owns each physical SPI; written at boot only. */
static struct partition *spi_owner[VGIC_MAX_INTID];

static uint64_t lr_read(unsigned int n)
{
	switch (n) {
	case 0: return sysreg_ich_lr0_el2_read();
	case 1: return sysreg_ich_lr1_el2_read();
	case 2: return sysreg_ich_lr2_el2_read();
	case 3: return sysreg_ich_lr3_el2_read();
	case 4: return sysreg_ich_lr4_el2_read();
	case 5: return sysreg_ich_lr5_el2_read();
	case 6: return sysreg_ich_lr6_el2_read();
	case 7: return sysreg_ich_lr7_el2_read();
	case 8: return sysreg_ich_lr8_el2_read();
	case 9: return sysreg_ich_lr9_el2_read();
	case 10: return sysreg_ich_lr10_el2_read();
	case 11: return sysreg_ich_lr11_el2_read();
	case 12: return sysreg_ich_lr12_el2_read();
	case 13: return sysreg_ich_lr13_el2_read();
	case 14: return sysreg_ich_lr14_el2_read();
	default: return sysreg_ich_lr15_el2_read();
	}
}

static void lr_write(unsigned int n, uint64_t value)
{
	switch (n) {
	case 0: sysreg_ich_lr0_el2_write(value); break;
	case 1: sysreg_ich_lr1_el2_write(value); break;
	case 2: sysreg_ich_lr2_el2_write(value); break;
	case 3: sysreg_ich_lr3_el2_write(value); break;
	case 4: sysreg_ich_lr4_el2_write(value); break;
	case 5: sysreg_ich_lr5_el2_write(value); break;
	case 6: sysreg_ich_lr6_el2_write(value); break;
	case 7: sysreg_ich_lr7_el2_write(value); break;
	case 8: sysreg_ich_lr8_el2_write(value); break;
	case 9: sysreg_ich_lr9_el2_write(value); break;
	case 10: sysreg_ich_lr10_el2_write(value); break;
	case 11: sysreg_ich_lr11_el2_write(value); break;
	case 12: sysreg_ich_lr12_el2_write(value); break;
	case 13: sysreg_ich_lr13_el2_write(value); break;
	case 14: sysreg_ich_lr14_el2_write(value); break;
	default: sysreg_ich_lr15_el2_write(value); break;
	}
}

void vgic_cpu_init(void)
{
	unsigned int prebits = ICH_VTR_PREBITS(sysreg_ich_vtr_el2_read());

	apr_count = prebits >= 7 ? 4 : prebits == 6 ? 2 : 1;
	lr_count = ICH_VTR_LISTREGS(sysreg_ich_vtr_el2_read());
	if (lr_count > ICH_LR_COUNT_MAX)
		lr_count = ICH_LR_COUNT_MAX;
	for (unsigned int i = 0; i < lr_count; i++)
		lr_write(i, 0);
	sysreg_ich_vmcr_el2_write(0);
	sysreg_ich_hcr_el2_write(ICH_HCR_EN);
	isb();
}

static struct vgic_dist *dist_of(struct partition *p)
{
	return &p->arch.vgic;
}

struct virq *vgic_virq(struct vcpu *vcpu, unsigned int intid)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);

	if (intid < GIC_PRIVATE_COUNT)
		return &vcpu->arch.vgic.private_irqs[intid];
	if (intid - GIC_PRIVATE_COUNT < dist->spi_count)
		return &dist->spis[intid - GIC_PRIVATE_COUNT];
	return NULL;
}

struct vcpu *vgic_virq_target(struct partition *p, unsigned int intid, struct vcpu *local)
{
	if (intid < GIC_PRIVATE_COUNT)
		return local;
	return partition_vcpu(p, dist_of(p)->spis[intid - GIC_PRIVATE_COUNT].target);
}

/* Caller holds the distributor lock. */
void vgic_virq_set_pending(struct vcpu *vcpu, unsigned int intid, bool pending)
{
	struct virq *virq = vgic_virq(vcpu, intid);
	struct vcpu *target = vgic_virq_target(vcpu->partition, intid, vcpu);

	if (virq == NULL || target == NULL || virq->pending == pending)
		return;
	virq->pending = pending;
	if (pending)
		target->arch.vgic.pending_count++;
	else
		target->arch.vgic.pending_count--;
	if (intid < GIC_PRIVATE_COUNT) {
		uint32_t bit = 1U << intid;

		vcpu->arch.vgic.pending_private = pending ? vcpu->arch.vgic.pending_private | bit
							  : vcpu->arch.vgic.pending_private & ~bit;
	} else {
		unsigned int spi = intid - GIC_PRIVATE_COUNT;
		uint64_t *word = &dist_of(vcpu->partition)->pending_spis[spi / 64], bit = 1UL << (spi % 64);

		*word = pending ? *word | bit : *word & ~bit;
	}
}

void vgic_virq_set_enabled(struct partition *p, struct virq *virq, unsigned int intid, bool enabled)
{
	(void)p;
	virq->enabled = enabled;
	if (virq->hw && intid >= GIC_PRIVATE_COUNT)
		irq_set_enabled(intid, enabled);
}

/*
 * Caller holds the lock. A pending SPI's charge moves with its route: left
 * on the old target it would make that vCPU look for an interrupt that is
 * no longer its own for ever, and the new target, never charged, would not
 * look for it (lost) and would count below zero once it cleared it.
 */
bool vgic_spi_set_target(struct partition *p, unsigned int intid, unsigned int index)
{
	struct virq *virq = &dist_of(p)->spis[intid - GIC_PRIVATE_COUNT];
	struct vcpu *from = partition_vcpu(p, virq->target), *to = partition_vcpu(p, index);

	if (to == NULL || from == to)
		return false;
	if (virq->pending) {
		from->arch.vgic.pending_count--;
		to->arch.vgic.pending_count++;
	}
	virq->target = (uint8_t)index;
	if (virq->hw)
		irq_route(intid, to->cpu);
	return vgic_virq_waiting(p, virq);
}

/*
 * Wakes the CPU that runs vcpu, unless that is this CPU (it flushes on its
 * way out) or a kick is already on its way there: the vCPU looks at every
 * interrupt waiting for it when it next flushes, so one kick serves all
 * that arrive before. Without that, an interrupt made pending over and over
 * for a vCPU that is not running (descheduled on a shared CPU) would cost
 * whoever runs there an exit each time. Callable with the lock held.
 */
void vgic_wake(struct vcpu *vcpu)
{
	if (vcpu->cpu == cpu_this()->index)
		return;
	/* The pending state this caller just stored is seen before kick_sent is
	 * read: vgic_flush reads them in the other order, without the lock. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!__atomic_exchange_n(&vcpu->arch.vgic.kick_sent, true, __ATOMIC_ACQ_REL))
		irq_send_kick(vcpu->cpu);
}

void vgic_inject(struct vcpu *vcpu, unsigned int intid)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	struct virq *virq;
	struct vcpu *target;
	bool wake;

	spin_lock(&dist->lock);
	virq = vgic_virq(vcpu, intid);
	target = vgic_virq_target(vcpu->partition, intid, vcpu);
	if (virq == NULL || target == NULL || (intid >= GIC_PRIVATE_COUNT && !virq->owned)) {
		spin_unlock(&dist->lock);
		return;
	}
	/*
	 * Still pending from an earlier edge: the kick that made it so is
	 * under way, and the two merge. Another kick would only cost the
	 * target an exit per edge: a peer ringing a doorbell in a loop must
	 * not be able to keep another partition's CPU in the hypervisor.
	 */
	if (virq->pending) {
		spin_unlock(&dist->lock);
		return;
	}
	vgic_virq_set_pending(vcpu, intid, true);
	/* Disabled, it waits in the distributor: the write that enables it wakes the target.
	 * In a list register not yet armed, it needs the exit that merges it there (vgic_flush). */
	wake = target->cpu != cpu_this()->index && vgic_virq_waiting(vcpu->partition, virq);
	spin_unlock(&dist->lock);
	__atomic_fetch_add(&target->injected, 1, __ATOMIC_RELAXED);
	if (wake)
		vgic_wake(target);
}

bool vgic_forward_physical(unsigned int intid)
{
	struct vcpu *current = cpu_this()->vcpu;

	if (intid == GIC_PPI_VIRT_TIMER) {
		if (current == NULL)
			return false;
		vgic_inject(current, intid);
		return true;
	}
	if (intid < GIC_PRIVATE_COUNT || intid >= VGIC_MAX_INTID || spi_owner[intid] == NULL)
		return false;
	vgic_inject(&spi_owner[intid]->vcpus[0], intid);
	return true;
}

static void lr_set(struct vgic_cpu *vc, unsigned int slot, unsigned int intid)
{
	vc->lr_intid[slot] = (uint16_t)intid;
	if (intid == VGIC_NO_INTID)
		vc->lr_used &= ~(1U << slot);
	else
		vc->lr_used |= 1U << slot;
}

/* What the partition did with the list registers in use; out of line, so
 * that an exit with none in use pays for no stack frame. */
static __attribute__((noinline)) void sync_list_registers(struct vcpu *vcpu)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	struct vgic_cpu *vc = &vcpu->arch.vgic;

	spin_lock(&dist->lock);
	for (uint32_t used = vc->lr_used; used != 0; used &= used - 1) {
		unsigned int slot = (unsigned int)__builtin_ctz(used);
		struct virq *virq;
		uint64_t lr, state;

		virq = vgic_virq(vcpu, vc->lr_intid[slot]);
		lr = lr_read(slot);
		state = (lr >> ICH_LR_STATE_SHIFT) & ICH_LR_STATE_MASK;
		if (state == 0) {
			unsigned int intid = vc->lr_intid[slot];

			lr_set(vc, slot, VGIC_NO_INTID);
			/* An empty list register that still asks for it would raise maintenance for ever. */
			if (lr & ICH_LR_EOI)
				lr_write(slot, 0);
			if (virq != NULL) {
				virq->in_lr = false;
				virq->eoi_armed = false;
				virq->active = false;
				/* Pending again and re-routed while it was here: its new target may take it now. */
				if (intid >= GIC_PRIVATE_COUNT && vgic_virq_waiting(vcpu->partition, virq) &&
				    virq->target != vcpu->index)
					vgic_wake(vgic_virq_target(vcpu->partition, intid, vcpu));
			}
		} else if (virq != NULL) {
			virq->active = (state & ICH_LR_ACTIVE) != 0;
		}
	}
	spin_unlock(&dist->lock);
}

void vgic_sync(struct vcpu *vcpu)
{
	if (vcpu->arch.vgic.lr_used != 0)
		sync_list_registers(vcpu);
}

static bool deliverable(const struct vcpu *vcpu, const struct virq *virq)
{
	(void)vcpu;
	return virq->pending && virq->enabled && !virq->in_lr;
}

/*
 * Into a free list register at its target's next flush, or merged into the
 * one that holds it. Not if that one is armed: the partition's own EOI of
 * it brings the exit that hands the new edge over, so an edge raised over
 * and over (a doorbell storm) at a vCPU that does not take it costs that
 * vCPU one exit, not one per edge.
 */
bool vgic_virq_waiting(struct partition *p, const struct virq *virq)
{
	return (dist_of(p)->ctlr & GICD_CTLR_ENABLE_G1) && virq->pending && virq->enabled &&
	       !(virq->in_lr && virq->eoi_armed);
}

/* The most urgent deliverable interrupt for vcpu, or VGIC_NO_INTID. */
static unsigned int best_candidate(struct vcpu *vcpu)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	unsigned int best = VGIC_NO_INTID;
	unsigned int best_priority = 0x100;

	/* Only pending interrupts can be deliverable: visit the pending bits,
	 * lowest INTID first, so that the lowest wins a tie as before. */
	for (uint32_t bits = vcpu->arch.vgic.pending_private; bits != 0; bits &= bits - 1) {
		unsigned int i = (unsigned int)__builtin_ctz(bits);
		struct virq *virq = &vcpu->arch.vgic.private_irqs[i];
		if (deliverable(vcpu, virq) && virq->priority < best_priority) {
			best = i;
			best_priority = virq->priority;
		}
	}
	for (unsigned int word = 0; word < VGIC_MAX_SPIS / 64; word++) {
		for (uint64_t bits = dist->pending_spis[word]; bits != 0; bits &= bits - 1) {
			unsigned int i = word * 64 + (unsigned int)__builtin_ctzll(bits);
			struct virq *virq = &dist->spis[i];
			if (i < dist->spi_count && virq->owned && virq->target == vcpu->index &&
			    deliverable(vcpu, virq) && virq->priority < best_priority) {
				best = GIC_PRIVATE_COUNT + i;
				best_priority = virq->priority;
			}
		}
	}
	return best;
}

/* Caller holds the lock: the distributor was just enabled. */
void vgic_wake_waiting(struct partition *p)
{
	for (unsigned int i = 0; i < p->vcpu_count; i++)
		if (p->vcpus[i].arch.vgic.pending_count > 0 && best_candidate(&p->vcpus[i]) != VGIC_NO_INTID)
			vgic_wake(&p->vcpus[i]);
}

static int free_lr(const struct vgic_cpu *vc)
{
	uint32_t free = ~vc->lr_used & ((1U << lr_count) - 1);

	return free != 0 ? __builtin_ctz(free) : -1;
}

/*
 * An interrupt that became pending again while its previous edge is still
 * in a list register joins it there: pending and active if the guest is
 * handling it, merged if the guest has not taken it yet. Left in the
 * distributor it would wait for the next exit, which a vCPU idling in WFI
 * may never make. Hardware interrupts cannot fire again while active.
 */
static void merge_into_list_registers(struct vcpu *vcpu)
{
	struct vgic_cpu *vc = &vcpu->arch.vgic;

	for (unsigned int slot = 0; slot < lr_count && vc->pending_count > 0; slot++) {
		unsigned int intid = vc->lr_intid[slot];
		struct virq *virq = intid == VGIC_NO_INTID ? NULL : vgic_virq(vcpu, intid);
		uint64_t lr;

		if (virq == NULL || !virq->pending || virq->hw)
			continue;
		lr = lr_read(slot);
		lr_write(slot, lr | ((uint64_t)ICH_LR_PENDING << ICH_LR_STATE_SHIFT) | ICH_LR_EOI);
		virq->eoi_armed = true;
		vgic_virq_set_pending(vcpu, intid, false);
	}
}

void vgic_flush(struct vcpu *vcpu)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	struct vgic_cpu *vc = &vcpu->arch.vgic;
	uint64_t hcr = ICH_HCR_EN;

	/*
	 * Cleared, then pending_count read, with a full barrier between: a
	 * CPU making an interrupt pending for this vCPU raises the count under
	 * the lock and then, its unlock ordered before its exchange, tests
	 * kick_sent. Either that CPU finds the flag clear and kicks, or this
	 * one sees the count, so with nothing pending (most exits) the lock
	 * need not be taken at all.
	 */
	__atomic_store_n(&vc->kick_sent, false, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&vc->pending_count, __ATOMIC_RELAXED) == 0) {
		sysreg_ich_hcr_el2_write(hcr);
		return;
	}
	spin_lock(&dist->lock);
	while (vc->pending_count > 0 && (dist->ctlr & GICD_CTLR_ENABLE_G1)) {
		unsigned int intid = best_candidate(vcpu);
		int slot;
		struct virq *virq;
		uint64_t lr;

		/* Pending but none deliverable: some may be waiting behind their own list register. */
		if (intid == VGIC_NO_INTID) {
			merge_into_list_registers(vcpu);
			break;
		}
		slot = free_lr(vc);
		if (slot < 0) {
			/* Ask for a maintenance interrupt when the list registers drain. */
			hcr |= ICH_HCR_UIE;
			break;
		}
		virq = vgic_virq(vcpu, intid);
		lr = intid | ICH_LR_GROUP1 | ((uint64_t)virq->priority << ICH_LR_PRIORITY_SHIFT) |
		     (ICH_LR_PENDING << ICH_LR_STATE_SHIFT);
		if (virq->hw)
			lr |= ICH_LR_HW | ((uint64_t)intid << ICH_LR_PINTID_SHIFT);
		lr_write((unsigned int)slot, lr);
		lr_set(vc, (unsigned int)slot, intid);
		virq->in_lr = true;
		vgic_virq_set_pending(vcpu, intid, false);
	}
	spin_unlock(&dist->lock);
	sysreg_ich_hcr_el2_write(hcr);
}

void vgic_maintenance(void)
{
	/* The exit path syncs and refills; stop asking until it overflows again. */
	sysreg_ich_hcr_el2_write(ICH_HCR_EN);
}

void vgic_send_sgi(struct vcpu *vcpu, uint64_t value)
{
	unsigned int intid = (unsigned int)((value >> ICC_SGI1R_INTID_SHIFT) & ICC_SGI1R_INTID_MASK);
	struct partition *p = vcpu->partition;
	uint64_t higher_affinity = (value >> ICC_SGI1R_AFF1_SHIFT & 0xff) |
				   (value >> ICC_SGI1R_AFF2_SHIFT & 0xff) |
				   (value >> ICC_SGI1R_AFF3_SHIFT & 0xff);

	for (unsigned int i = 0; i < p->vcpu_count; i++) {
		bool selected = (value & ICC_SGI1R_IRM) ? i != vcpu->index :
				higher_affinity == 0 && i < 16 && (value & (1UL << i));
		if (selected)
			vgic_inject(&p->vcpus[i], intid);
	}
}

/* Marks an SPI the partition's own; NULL if the INTID is not one of its SPIs. */
static struct virq *own_spi(struct partition *p, unsigned int intid)
{
	struct vgic_dist *dist = dist_of(p);

	if (intid < GIC_PRIVATE_COUNT || intid - GIC_PRIVATE_COUNT >= dist->spi_count)
		return NULL;
	dist->spis[intid - GIC_PRIVATE_COUNT].owned = true;
	return &dist->spis[intid - GIC_PRIVATE_COUNT];
}

void vgic_assign_spi(struct partition *p, unsigned int intid)
{
	struct virq *virq = own_spi(p, intid);

	if (virq == NULL)
		return;
	virq->hw = true;
	spi_owner[intid] = p;
	irq_route(intid, p->vcpus[0].cpu);
}

void vgic_assign_virtual_spi(struct partition *p, unsigned int intid)
{
	struct virq *virq = own_spi(p, intid);

	if (virq != NULL)
		virq->edge = true;
}

void vgic_vcpu_reset(struct vcpu *vcpu)
{
	struct vgic_cpu *vc = &vcpu->arch.vgic;

	for (unsigned int i = 0; i < ICH_LR_COUNT_MAX; i++)
		vc->saved_lrs[i] = 0;
	vc->saved_vmcr = 0;
	for (unsigned int i = 0; i < 4; i++)
		vc->saved_ap0r[i] = vc->saved_ap1r[i] = 0;

	for (unsigned int i = 0; i < GIC_PRIVATE_COUNT; i++) {
		vc->private_irqs[i] = (struct virq){ .edge = i < GIC_SGI_COUNT };
	}
	vc->private_irqs[GIC_PPI_VIRT_TIMER].hw = true;
	for (unsigned int i = 0; i < ICH_LR_COUNT_MAX; i++)
		vc->lr_intid[i] = VGIC_NO_INTID;
	vc->lr_used = 0;
	vc->asleep = true;
	vc->pending_count = 0;
	vc->pending_private = 0;
	vc->kick_sent = false;
}

/* ICH_AP0R<n>/AP1R<n>: the priorities a vCPU has active, which a vCPU after
 * it must not inherit (it could never take an interrupt of lower priority). */
static void apr_save(uint64_t ap0r[4], uint64_t ap1r[4])
{
	ap0r[0] = sysreg_ich_ap0r0_el2_read();
	ap1r[0] = sysreg_ich_ap1r0_el2_read();
	if (apr_count < 2)
		return;
	ap0r[1] = sysreg_ich_ap0r1_el2_read();
	ap1r[1] = sysreg_ich_ap1r1_el2_read();
	if (apr_count < 4)
		return;
	ap0r[2] = sysreg_ich_ap0r2_el2_read();
	ap1r[2] = sysreg_ich_ap1r2_el2_read();
	ap0r[3] = sysreg_ich_ap0r3_el2_read();
	ap1r[3] = sysreg_ich_ap1r3_el2_read();
}

static void apr_restore(const uint64_t ap0r[4], const uint64_t ap1r[4])
{
	sysreg_ich_ap0r0_el2_write(ap0r[0]);
	sysreg_ich_ap1r0_el2_write(ap1r[0]);
	if (apr_count < 2)
		return;
	sysreg_ich_ap0r1_el2_write(ap0r[1]);
	sysreg_ich_ap1r1_el2_write(ap1r[1]);
	if (apr_count < 4)
		return;
	sysreg_ich_ap0r2_el2_write(ap0r[2]);
	sysreg_ich_ap1r2_el2_write(ap1r[2]);
	sysreg_ich_ap0r3_el2_write(ap0r[3]);
	sysreg_ich_ap1r3_el2_write(ap1r[3]);
}

static const uint64_t no_active_priorities[4];

/*
 * A vCPU leaves a CPU it shares: its list registers and virtual CPU
 * interface go with it. The virtual timer's interrupt, the one hardware
 * interrupt private to a CPU, is deactivated and travels as a software
 * interrupt, or the next vCPU's timer could never fire.
 */
void vgic_save(struct vcpu *vcpu)
{
	struct vgic_cpu *vc = &vcpu->arch.vgic;

	for (unsigned int slot = 0; slot < lr_count; slot++) {
		uint64_t lr = lr_read(slot);
		uint64_t state = (lr >> ICH_LR_STATE_SHIFT) & ICH_LR_STATE_MASK;
		unsigned int pintid = (unsigned int)((lr >> ICH_LR_PINTID_SHIFT) & ICH_LR_PINTID_MASK);

		if ((lr & ICH_LR_HW) && state != 0 && pintid == GIC_PPI_VIRT_TIMER) {
			lr &= ~(ICH_LR_HW | (ICH_LR_PINTID_MASK << ICH_LR_PINTID_SHIFT));
			irq_deactivate(pintid);
		}
		vc->saved_lrs[slot] = lr;
		lr_write(slot, 0);
	}
	vc->saved_vmcr = sysreg_ich_vmcr_el2_read();
	apr_save(vc->saved_ap0r, vc->saved_ap1r);
}

void vgic_restore(struct vcpu *vcpu)
{
	const struct vgic_cpu *vc = &vcpu->arch.vgic;

	for (unsigned int slot = 0; slot < lr_count; slot++)
		lr_write(slot, vc->saved_lrs[slot]);
	sysreg_ich_vmcr_el2_write(vc->saved_vmcr);
	apr_restore(vc->saved_ap0r, vc->saved_ap1r);
	sysreg_ich_hcr_el2_write(ICH_HCR_EN);
}

/* Called on the CPU that will run vcpu, before it enters. */
void vgic_load_fresh(struct vcpu *vcpu);
void vgic_load_fresh(struct vcpu *vcpu)
{
	(void)vcpu;
	for (unsigned int i = 0; i < lr_count; i++)
		lr_write(i, 0);
	sysreg_ich_vmcr_el2_write(0);
	apr_restore(no_active_priorities, no_active_priorities);
	sysreg_ich_hcr_el2_write(ICH_HCR_EN);
}

/*
 * The vCPU leaves this CPU for good (stopped): hardware interrupts it
 * still holds in list registers are deactivated, or they would stay
 * active and never fire again; and what the list registers held is no
 * longer in one, or it would never be delivered again when the vCPU is
 * started anew (PSCI CPU_OFF, then CPU_ON). Under the lock: other CPUs
 * read in_lr as they make these interrupts pending.
 */
void vgic_put(struct vcpu *vcpu);
void vgic_put(struct vcpu *vcpu)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	struct vgic_cpu *vc = &vcpu->arch.vgic;

	spin_lock(&dist->lock);
	for (unsigned int slot = 0; slot < lr_count; slot++) {
		uint64_t lr = lr_read(slot);
		uint64_t state = (lr >> ICH_LR_STATE_SHIFT) & ICH_LR_STATE_MASK;
		struct virq *virq = vc->lr_intid[slot] == VGIC_NO_INTID ? NULL : vgic_virq(vcpu, vc->lr_intid[slot]);

		if ((lr & ICH_LR_HW) && state != 0)
			irq_deactivate((unsigned int)((lr >> ICH_LR_PINTID_SHIFT) & ICH_LR_PINTID_MASK));
		if (virq != NULL)
			virq->in_lr = virq->eoi_armed = virq->active = false;
		lr_write(slot, 0);
		lr_set(vc, slot, VGIC_NO_INTID);
	}
	spin_unlock(&dist->lock);
	sysreg_ich_hcr_el2_write(ICH_HCR_EN);
}

void vgic_partition_reset(struct partition *p)
{
	struct vgic_dist *dist = dist_of(p);

	spin_lock(&dist->lock);
	dist->ctlr = 0;
	for (unsigned int word = 0; word < VGIC_MAX_SPIS / 64; word++)
		dist->pending_spis[word] = 0;
	for (unsigned int i = 0; i < dist->spi_count; i++) {
		struct virq *virq = &dist->spis[i];
		bool owned = virq->owned, hw = virq->hw;

		/* Doorbells (owned, no device behind them) are edge-triggered from reset. */
		*virq = (struct virq){ .owned = owned, .hw = hw, .edge = owned && !hw };
		if (hw)
			irq_clear(GIC_PRIVATE_COUNT + i);
	}
	for (unsigned int i = 0; i < p->vcpu_count; i++)
		vgic_vcpu_reset(&p->vcpus[i]);
	spin_unlock(&dist->lock);
}

bool vgic_has_deliverable(struct vcpu *vcpu)
{
	struct vgic_dist *dist = dist_of(vcpu->partition);
	bool found;

	spin_lock(&dist->lock);
	found = vcpu->arch.vgic.pending_count > 0 && best_candidate(vcpu) != VGIC_NO_INTID;
	spin_unlock(&dist->lock);
	if (found)
		return true;
	/* Or one already in a list register and not yet taken. */
	for (unsigned int slot = 0; slot < lr_count; slot++) {
		uint64_t lr = vcpu->saved ? vcpu->arch.vgic.saved_lrs[slot] : lr_read(slot);
		if (vcpu->arch.vgic.lr_intid[slot] != VGIC_NO_INTID &&
		    ((lr >> ICH_LR_STATE_SHIFT) & ICH_LR_PENDING))
			return true;
	}
	return false;
}

#define ICH_VMCR_VENG1		(1U << 1)
#define ICH_VMCR_VBPR1(v)	(((v) >> 18) & 0x7U)
#define ICH_VMCR_VPMR_SHIFT	24
#define SPSR_IRQ_MASKED		(1UL << 7)

/* The highest priority (lowest value) pending for vcpu, from its saved list registers or the distributor. */
static unsigned int highest_pending_priority(struct vcpu *vcpu)
{
	const struct vgic_cpu *vc = &vcpu->arch.vgic;
	struct vgic_dist *dist = dist_of(vcpu->partition);
	unsigned int highest = 0x100, intid;

	for (unsigned int slot = 0; slot < lr_count; slot++) {
		uint64_t lr = vc->saved_lrs[slot];
		unsigned int priority = (unsigned int)(lr >> ICH_LR_PRIORITY_SHIFT) & 0xffU;

		if (vc->lr_intid[slot] != VGIC_NO_INTID && ((lr >> ICH_LR_STATE_SHIFT) & ICH_LR_PENDING) &&
		    priority < highest)
			highest = priority;
	}
	spin_lock(&dist->lock);
	intid = vc->pending_count > 0 && (dist->ctlr & GICD_CTLR_ENABLE_G1) ? best_candidate(vcpu) : VGIC_NO_INTID;
	if (intid != VGIC_NO_INTID && vgic_virq(vcpu, intid)->priority < highest)
		highest = vgic_virq(vcpu, intid)->priority;
	spin_unlock(&dist->lock);
	return highest;
}

bool vgic_saved_vcpu_takes_interrupt(struct vcpu *vcpu, bool in_wfi)
{
	const struct vgic_cpu *vc = &vcpu->arch.vgic;
	unsigned int preemption_shift = 8 - ICH_VTR_PREBITS(sysreg_ich_vtr_el2_read());
	unsigned int running = 0x100;
	unsigned int mask = (unsigned int)vc->saved_vmcr >> ICH_VMCR_VPMR_SHIFT & 0xffU, priority;
	/* Group 1's group priority is bits [7:VBPR1], never finer than the preemption levels. */
	unsigned int group_shift = ICH_VMCR_VBPR1(vc->saved_vmcr) > preemption_shift ?
				   ICH_VMCR_VBPR1(vc->saved_vmcr) : preemption_shift;

	if (!vcpu->saved || !(vc->saved_vmcr & ICH_VMCR_VENG1))
		return false;
	/* The running priority is the lowest active bit across the active-priority registers. */
	for (unsigned int i = 0; i < apr_count; i++) {
		uint64_t active = (vc->saved_ap0r[i] | vc->saved_ap1r[i]) & 0xffffffffU;

		if (active != 0) {
			running = (i * 32 + (unsigned int)__builtin_ctzll(active)) << preemption_shift;
			break;
		}
	}
	/* WFI ends on an interrupt whatever PSTATE masks; running code takes one only unmasked. */
	if (!in_wfi && (vcpu->arch.frame.spsr & SPSR_IRQ_MASKED))
		return false;
	priority = highest_pending_priority(vcpu);
	return priority < mask && (priority & (0xffU << group_shift) & 0xffU) < running;
}
