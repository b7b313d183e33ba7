/*
 * The physical GICv3, owned by the hypervisor. Every interrupt is Group 1
 * and taken at EL2 (HCR_EL2.IMO). EOImode 1 splits priority drop from
 * deactivation, so an interrupt forwarded to a partition stays active
 * until the partition's own EOI deactivates it through a hardware-linked
 * list register, at no trap.
 */
#include <arch/gicv3.h>
#include <arch/sysregs.h>
#include <arch/vgic.h>
#include <cpu.h>
#include <irq.h>
#include <log.h>
#include <panic.h>
#include <platform.h>
#include <shared_register.h>
#include <smmu.h>

#include <stddef.h>

#define DEFAULT_PRIORITY	0xa0U
#define KICK_PRIORITY		0x80U

static uint32_t interrupt_ids;	/* implemented INTIDs (SPIs end here) */
/*
 * Every read-modify-write of a distributor register whose word holds
 * interrupts of several partitions (GICD_ICFGR; the others are written
 * whole, bit- or interrupt-wise). The callers hold only their own
 * partition's distributor lock.
 */
static struct spinlock distributor_update_lock;
static uint64_t maintenance_interrupts;

static volatile uint32_t *gicd_reg(uint32_t offset)
{
	return (volatile uint32_t *)(PLATFORM_GICD_BASE + offset);
}

static volatile uint64_t *gicd_reg64(uint32_t offset)
{
	return (volatile uint64_t *)(PLATFORM_GICD_BASE + offset);
}

static uintptr_t this_redistributor(void)
{
	uint64_t affinity = cpu_this()->hwid;
	/* GICR_TYPER holds Aff3.Aff2.Aff1.Aff0; MPIDR has Aff3 at bits 39:32. */
	uint64_t wanted = (affinity & 0xffffffUL) | ((affinity >> 8) & 0xff000000UL);

	for (uintptr_t frame = PLATFORM_GICR_BASE;; frame += GICR_FRAME_SIZE) {
		uint64_t typer = *(volatile uint64_t *)(frame + GICR_TYPER);
		if ((typer >> GICR_TYPER_AFFINITY_SHIFT) == wanted)
			return frame;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	panic("no GIC redistributor for CPU%u (affinity %#llx)", cpu_this()->index,
	      (unsigned long long)affinity);
}

static void wait_for_distributor(void)
{
	while (*gicd_reg(GICD_CTLR) & GICD_CTLR_RWP)
		;
}

unsigned int irq_count(void)
{
	return interrupt_ids;
}

void irq_init(void)
{
	uint32_t typer = *gicd_reg(GICD_TYPER);

	interrupt_ids = 32 * (GICD_TYPER_ITLINES(typer) + 1);
	if (interrupt_ids > GIC_MAX_INTID)
		interrupt_ids = GIC_MAX_INTID;
	*gicd_reg(GICD_CTLR) = 0;
	wait_for_distributor();
	for (uint32_t i = GIC_PRIVATE_COUNT; i < interrupt_ids; i += 32) {
		*gicd_reg(GICD_ICENABLER + i / 8) = 0xffffffffU;
		*gicd_reg(GICD_ICPENDR + i / 8) = 0xffffffffU;
		*gicd_reg(GICD_ICACTIVER + i / 8) = 0xffffffffU;
		*gicd_reg(GICD_IGROUPR + i / 8) = 0xffffffffU;
	}
	for (uint32_t i = GIC_PRIVATE_COUNT; i < interrupt_ids; i += 4)
		*gicd_reg(GICD_IPRIORITYR + i) = DEFAULT_PRIORITY * 0x01010101U;
	for (uint32_t i = GIC_PRIVATE_COUNT; i < interrupt_ids; i++)
		*gicd_reg64(GICD_IROUTER + 8 * i) = cpu_this()->hwid;
	*gicd_reg(GICD_CTLR) = GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1;
	wait_for_distributor();
	log_debug("GIC: %u interrupt ids", interrupt_ids);
}

void irq_cpu_init(void)
{
	uintptr_t rd = this_redistributor();
	volatile uint32_t *waker = (volatile uint32_t *)(rd + GICR_WAKER);
	uintptr_t sgi = rd + GICR_SGI_FRAME;

	*waker &= ~GICR_WAKER_PROCESSOR_SLEEP;
	while (*waker & GICR_WAKER_CHILDREN_ASLEEP)
		;
	*(volatile uint32_t *)(sgi + GICD_ICENABLER) = 0xffffffffU;
	*(volatile uint32_t *)(sgi + GICD_ICPENDR) = 0xffffffffU;
	*(volatile uint32_t *)(sgi + GICD_ICACTIVER) = 0xffffffffU;
	*(volatile uint32_t *)(sgi + GICD_IGROUPR) = 0xffffffffU;
	for (uint32_t i = 0; i < GIC_PRIVATE_COUNT; i += 4)
		*(volatile uint32_t *)(sgi + GICD_IPRIORITYR + i) = DEFAULT_PRIORITY * 0x01010101U;
	*(volatile uint8_t *)(sgi + GICD_IPRIORITYR + GIC_SGI_KICK) = KICK_PRIORITY;
	*(volatile uint32_t *)(sgi + GICD_ISENABLER) =
		(1U << GIC_SGI_KICK) | (1U << GIC_PPI_MAINTENANCE) | (1U << GIC_PPI_HYP_TIMER) |
		(1U << GIC_PPI_VIRT_TIMER);

	/* Enable = 0: a partition's ICC_SRE_EL1 traps (sysreg_trap.c), so it
	 * cannot turn the system register interface it runs on off. */
	sysreg_icc_sre_el2_write(ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB);
	isb();
	sysreg_icc_pmr_el1_write(0xff);
	sysreg_icc_bpr1_el1_write(0);
	sysreg_icc_ctlr_el1_write(ICC_CTLR_EOIMODE);
	sysreg_icc_igrpen1_el1_write(1);
	isb();
	vgic_cpu_init();
}

void irq_send_kick(unsigned int cpu)
{
	uint64_t hwid = platform_cpu_hwid(cpu);
	uint64_t sgi = (1UL << (hwid & 0xf)) | (((hwid >> 8) & 0xff) << ICC_SGI1R_AFF1_SHIFT) |
		       ((uint64_t)GIC_SGI_KICK << ICC_SGI1R_INTID_SHIFT);

	dsb_sy();
	sysreg_icc_sgi1r_el1_write(sgi);
	isb();
}

static uint32_t bit_register(uint32_t base, unsigned int intid)
{
	return base + (intid / 32) * 4;
}

void irq_set_enabled(unsigned int intid, bool enabled)
{
	if (intid < GIC_PRIVATE_COUNT || intid >= interrupt_ids)
		return;
	*gicd_reg(bit_register(enabled ? GICD_ISENABLER : GICD_ICENABLER, intid)) = 1U << (intid % 32);
}

void irq_set_edge(unsigned int intid, bool edge)
{
	uint32_t bit = 2U << ((intid % 16) * 2);

	if (intid < GIC_PRIVATE_COUNT || intid >= interrupt_ids)
		return;
	shared_register_update(&distributor_update_lock, gicd_reg(GICD_ICFGR + (intid / 16) * 4), bit,
			       edge ? bit : 0);
}

void irq_route(unsigned int intid, unsigned int cpu)
{
	if (intid < GIC_PRIVATE_COUNT || intid >= interrupt_ids)
		return;
	*gicd_reg64(GICD_IROUTER + 8 * intid) = platform_cpu_hwid(cpu);
}

void irq_deactivate(unsigned int intid)
{
	sysreg_icc_dir_el1_write(intid);
	isb();
}

void irq_clear(unsigned int intid)
{
	if (intid < GIC_PRIVATE_COUNT || intid >= interrupt_ids)
		return;
	*gicd_reg(bit_register(GICD_ICENABLER, intid)) = 1U << (intid % 32);
	*gicd_reg(bit_register(GICD_ICPENDR, intid)) = 1U << (intid % 32);
	*gicd_reg(bit_register(GICD_ICACTIVER, intid)) = 1U << (intid % 32);
}

uint64_t irq_maintenance_count(void)
{
	return __atomic_load_n(&maintenance_interrupts, __ATOMIC_RELAXED);
}

void irq_handle(void)
{
	for (;;) {
		uint32_t intid = (uint32_t)sysreg_icc_iar1_el1_read() & 0xffffffU;

		if (intid >= GIC_SPURIOUS)
			return;
		/* Priority drop now; deactivation by us or by the partition. */
		sysreg_icc_eoir1_el1_write(intid);
		switch (intid) {
		case GIC_SGI_KICK:
			irq_deactivate(intid);
			break;
		case GIC_PPI_HYP_TIMER:
			/* A window boundary: the exit path switches vCPUs. */
			sysreg_cnthp_ctl_el2_write(0);
			cpu_this()->preempt = true;
			irq_deactivate(intid);
			break;
		case GIC_PPI_MAINTENANCE:
			__atomic_fetch_add(&maintenance_interrupts, 1, __ATOMIC_RELAXED);
			vgic_maintenance();
			irq_deactivate(intid);
			break;
		default:
			/*
			 * The partition's EOI deactivates it; if nobody owns it, we do.
			 * The SMMU's are among those: the layout gives them to nobody,
			 * and a partition's interrupt pays nothing for their check.
			 */
			if (!vgic_forward_physical(intid)) {
				smmu_handle_interrupt(intid);
				irq_deactivate(intid);
			}
			break;
		}
	}
}

void handle_hypervisor_irq(void *frame, unsigned int vector);
void handle_hypervisor_irq(void *frame, unsigned int vector)
{
	(void)frame;
	(void)vector;
	irq_handle();
}
