/*
 * The emulated GICv3 distributor and redistributors of a partition. Only
 * the partition's own interrupts are visible: registers of SPIs it does
 * not own read as zero and ignore writes. Enabling, disabling and
 * configuring an SPI that is backed by hardware acts on the hardware too.
 */
#include <arch/gicv3.h>
#include <arch/vgic.h>
#include <irq.h>
#include <mmio.h>
#include <partition.h>

#include <stddef.h>

#define GICD_IROUTER_SPI_START	(GICD_IROUTER + 8 * GIC_PRIVATE_COUNT)
#define GIC_IIDR_ARM		0x0000043bU	/* implementer: Arm */
#define GIC_IROUTER_IRM		(1UL << 31)

/* Registers with one bit per interrupt, shared by distributor and SGI frame. */
enum bit_register { BITS_NONE, BITS_SET_ENABLE, BITS_CLEAR_ENABLE, BITS_SET_PENDING,
		    BITS_CLEAR_PENDING, BITS_SET_ACTIVE, BITS_CLEAR_ACTIVE };

static enum bit_register bit_register_at(uint64_t offset, uint64_t *index_base)
{
	static const struct { uint32_t base; enum bit_register kind; } ranges[] = {
		{ GICD_ISENABLER, BITS_SET_ENABLE }, { GICD_ICENABLER, BITS_CLEAR_ENABLE },
		{ GICD_ISPENDR, BITS_SET_PENDING }, { GICD_ICPENDR, BITS_CLEAR_PENDING },
		{ GICD_ISACTIVER, BITS_SET_ACTIVE }, { GICD_ICACTIVER, BITS_CLEAR_ACTIVE },
	};

	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (offset >= ranges[i].base && offset < ranges[i].base + 0x80) {
			*index_base = (offset - ranges[i].base) * 8;
			return ranges[i].kind;
		}
	}
	return BITS_NONE;
}

static bool visible(unsigned int intid, const struct virq *virq)
{
	return virq != NULL && (intid < GIC_PRIVATE_COUNT || virq->owned);
}

static uint32_t read_bit_register(struct vcpu *vcpu, enum bit_register kind, unsigned int first)
{
	uint32_t value = 0;

	for (unsigned int i = 0; i < 32; i++) {
		struct virq *virq = vgic_virq(vcpu, first + i);
		bool set = false;

		if (!visible(first + i, virq))
			continue;
		switch (kind) {
		case BITS_SET_ENABLE: case BITS_CLEAR_ENABLE: set = virq->enabled; break;
		case BITS_SET_PENDING: case BITS_CLEAR_PENDING: set = virq->pending; break;
		default: set = virq->active; break;
		}
		value |= (uint32_t)set << i;
	}
	return value;
}

/* Caller holds the distributor lock, as for every register below. */
static void write_bit_register(struct vcpu *vcpu, enum bit_register kind, unsigned int first,
			       uint32_t value)
{
	struct partition *p = vcpu->partition;

	for (unsigned int i = 0; i < 32; i++) {
		unsigned int intid = first + i;
		struct virq *virq = vgic_virq(vcpu, intid);
		bool was_waiting;

		if (!(value & (1U << i)) || !visible(intid, virq))
			continue;
		was_waiting = vgic_virq_waiting(p, virq);
		switch (kind) {
		case BITS_SET_ENABLE: vgic_virq_set_enabled(p, virq, intid, true); break;
		case BITS_CLEAR_ENABLE: vgic_virq_set_enabled(p, virq, intid, false); break;
		case BITS_SET_PENDING: vgic_virq_set_pending(vcpu, intid, true); break;
		case BITS_CLEAR_PENDING: vgic_virq_set_pending(vcpu, intid, false); break;
		/* Active state belongs to the list registers; software may only clear it. */
		case BITS_CLEAR_ACTIVE:
			virq->active = false;
			if (virq->hw && intid >= GIC_PRIVATE_COUNT) {
				irq_clear(intid);
				irq_set_enabled(intid, virq->enabled);
			}
			break;
		default: break;
		}
		/* Enabled or made pending: its target may have something to take now. */
		if (!was_waiting && vgic_virq_waiting(p, virq))
			vgic_wake(vgic_virq_target(p, intid, vcpu));
	}
}

/* IPRIORITYR (a byte per interrupt) and ICFGR (two bits per interrupt). */
static bool byte_and_config_registers(struct vcpu *vcpu, uint64_t offset,
				      struct mmio_access *access, unsigned int base)
{
	if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x400) {
		unsigned int first = base + (unsigned int)(offset - GICD_IPRIORITYR);
		for (unsigned int i = 0; i < access->width; i++) {
			struct virq *virq = vgic_virq(vcpu, first + i);
			if (!visible(first + i, virq))
				continue;
			if (access->write)
				virq->priority = (uint8_t)(access->value >> (8 * i));
			else
				access->value |= (uint64_t)virq->priority << (8 * i);
		}
		return true;
	}
	if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100 && access->width == 4) {
		unsigned int first = base + (unsigned int)(offset - GICD_ICFGR) * 4;
		for (unsigned int i = 0; i < 16; i++) {
			unsigned int intid = first + i;
			struct virq *virq = vgic_virq(vcpu, intid);
			if (!visible(intid, virq))
				continue;
			if (!access->write) {
				access->value |= (uint64_t)virq->edge << (2 * i + 1);
			} else if (intid >= GIC_SGI_COUNT) {	/* SGIs are always edge */
				virq->edge = (access->value >> (2 * i + 1)) & 1;
				if (virq->hw && intid >= GIC_PRIVATE_COUNT)
					irq_set_edge(intid, virq->edge);
			}
		}
		return true;
	}
	return false;
}

static enum mmio_result distributor_access(struct vcpu *vcpu, struct mmio_access *access)
{
	struct partition *p = vcpu->partition;
	struct vgic_dist *dist = &p->arch.vgic;
	uint64_t offset = access->offset, first;
	enum bit_register kind = bit_register_at(offset, &first);

	if (!access->write)
		access->value = 0;
	if (offset >= GICD_IROUTER_SPI_START && offset < GICD_IROUTER + 8 * VGIC_MAX_INTID) {
		unsigned int intid = (unsigned int)(offset - GICD_IROUTER) / 8;
		struct virq *virq = vgic_virq(vcpu, intid);
		if (access->width != 8 || !visible(intid, virq))
			return MMIO_HANDLED;
		if (!access->write) {
			access->value = virq->route;
		} else {
			/* Aff0 picks the vCPU; 1-of-N and unknown vCPUs mean vCPU 0. */
			uint64_t aff0 = access->value & 0xff;
			virq->route = access->value & (0xff00ffffffUL | GIC_IROUTER_IRM);
			if (vgic_spi_set_target(p, intid, (access->value & GIC_IROUTER_IRM) ||
						   aff0 >= p->vcpu_count ? 0 : (unsigned int)aff0))
				vgic_wake(vgic_virq_target(p, intid, vcpu));
		}
		return MMIO_HANDLED;
	}
	if (access->width != 4 && !(offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 0x400))
		return MMIO_HANDLED;

	switch (offset) {
	case GICD_CTLR:
		if (access->write) {
			uint32_t was = dist->ctlr;

			dist->ctlr = (uint32_t)access->value & GICD_CTLR_ENABLE_G1;
			if (!(was & GICD_CTLR_ENABLE_G1) && (dist->ctlr & GICD_CTLR_ENABLE_G1))
				vgic_wake_waiting(p);
		} else {
			access->value = dist->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
		}
		return MMIO_HANDLED;
	case GICD_TYPER:
		/* ITLinesNumber and IDbits as the hardware has them, no LPIs. */
		access->value = ((dist->spi_count + GIC_PRIVATE_COUNT) / 32 - 1) |
				((p->vcpu_count - 1U) << 5) | (9U << GICD_TYPER_IDBITS_SHIFT);
		return MMIO_HANDLED;
	case GICD_IIDR: access->value = GIC_IIDR_ARM; return MMIO_HANDLED;
	case GICD_PIDR2: access->value = GIC_PIDR2_ARCH_V3; return MMIO_HANDLED;
	default: break;
	}
	if (offset >= GICD_IGROUPR && offset < GICD_IGROUPR + 0x80) {
		/* Everything is Group 1; private interrupts live in the redistributor. */
		if (!access->write && offset > GICD_IGROUPR)
			access->value = 0xffffffffU;
		return MMIO_HANDLED;
	}
	if (kind != BITS_NONE) {
		if (first < GIC_PRIVATE_COUNT)	/* banked in the redistributor with ARE */
			return MMIO_HANDLED;
		if (access->write)
			write_bit_register(vcpu, kind, (unsigned int)first, (uint32_t)access->value);
		else
			access->value = read_bit_register(vcpu, kind, (unsigned int)first);
		return MMIO_HANDLED;
	}
	if ((offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + GIC_PRIVATE_COUNT) ||
	    (offset >= GICD_ICFGR && offset < GICD_ICFGR + 8))
		return MMIO_HANDLED;	/* private ones: redistributor */
	byte_and_config_registers(vcpu, offset, access, 0);
	return MMIO_HANDLED;
}

static enum mmio_result gicd_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct vgic_dist *dist = device;
	enum mmio_result result;

	/* The partition's other vCPUs write the same registers at the same moment. */
	spin_lock(&dist->lock);
	result = distributor_access(vcpu, access);
	spin_unlock(&dist->lock);
	return result;
}

static void redistributor_rd_frame(struct vcpu *target, struct mmio_access *access)
{
	struct partition *p = target->partition;

	switch (access->offset % GICR_FRAME_SIZE) {
	case GICR_IIDR: access->value = GIC_IIDR_ARM; break;
	case GICR_TYPER:
		access->value = ((uint64_t)target->index << GICR_TYPER_AFFINITY_SHIFT) |
				((uint64_t)target->index << GICR_TYPER_PROCESSOR_SHIFT) |
				(target->index == p->vcpu_count - 1 ? GICR_TYPER_LAST : 0);
		break;
	case GICR_WAKER:
		if (access->write)
			target->arch.vgic.asleep = (access->value & GICR_WAKER_PROCESSOR_SLEEP) != 0;
		else
			access->value = target->arch.vgic.asleep ?
				GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP : 0;
		break;
	case GICR_PIDR2: access->value = GIC_PIDR2_ARCH_V3; break;
	default: break;	/* CTLR and the LPI registers: no LPIs */
	}
}

static void redistributor_sgi_frame(struct vcpu *target, struct mmio_access *access)
{
	uint64_t offset = access->offset % GICR_FRAME_SIZE - GICR_SGI_FRAME, first;
	enum bit_register kind = bit_register_at(offset, &first);

	if (offset == GICD_IGROUPR) {
		if (!access->write)
			access->value = 0xffffffffU;
		return;
	}
	if (kind != BITS_NONE && first == 0 && access->width == 4) {
		if (access->write)
			write_bit_register(target, kind, 0, (uint32_t)access->value);
		else
			access->value = read_bit_register(target, kind, 0);
		return;
	}
	if ((offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + GIC_PRIVATE_COUNT) ||
	    (offset >= GICD_ICFGR && offset < GICD_ICFGR + 8))
		byte_and_config_registers(target, offset, access, 0);
}

static enum mmio_result gicr_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct partition *p = vcpu->partition;
	struct vcpu *target = partition_vcpu(p, (unsigned int)(access->offset / GICR_FRAME_SIZE));

	(void)device;
	if (!access->write)
		access->value = 0;
	if (target == NULL)
		return MMIO_HANDLED;
	spin_lock(&p->arch.vgic.lock);
	if (access->offset % GICR_FRAME_SIZE < GICR_SGI_FRAME) {
		if (access->width >= 4)
			redistributor_rd_frame(target, access);
	} else {
		redistributor_sgi_frame(target, access);
	}
	spin_unlock(&p->arch.vgic.lock);
	return MMIO_HANDLED;
}

bool vgic_partition_init(struct partition *p, uint64_t gicd_ipa, uint64_t gicr_ipa)
{
	struct vgic_dist *dist = &p->arch.vgic;
	struct mmio_region gicd = { .base = gicd_ipa, .size = GICD_SIZE, .handle = gicd_mmio,
				    .device = dist, .name = "GIC distributor" };
	struct mmio_region gicr = { .base = gicr_ipa, .size = GICR_FRAME_SIZE * p->vcpu_count,
				    .handle = gicr_mmio, .device = dist,
				    .name = "GIC redistributors" };
	unsigned int spis = irq_count() - GIC_PRIVATE_COUNT;

	dist->spi_count = spis < VGIC_MAX_SPIS ? spis : VGIC_MAX_SPIS;
	return mmio_register(&p->mmio, &gicd) && mmio_register(&p->mmio, &gicr);
}
