/*
 * Carving the machine: every partition of the layout gets its stage-2
 * tables (its memory and devices, nothing else), its virtual GIC and
 * forwarded interrupts, its console and its images, and its vCPUs on the
 * CPUs the layout pins them to. All of it happens once, at boot.
 */
#include <arch.h>
#include <arch/stage2.h>
#include <arch/vgic.h>
#include <artifact_reader.h>
#include <boot_image.h>
#include <channels.h>
#include <control.h>
#include <log.h>
#include <panic.h>
#include <partitions.h>
#include <reload.h>
#include <string.h>

struct partition partition_table[CONFIG_MAX_PARTITIONS];
unsigned int partition_table_count;
struct vcpu vcpu_table[CONFIG_MAX_VCPUS];
unsigned int vcpu_table_count;

static const struct artifact_header *boot_artifact;

struct vcpu *partition_vcpu(struct partition *p, unsigned int index)
{
	return index < p->vcpu_count ? &p->vcpus[index] : NULL;
}

static bool region_holds_data(const struct layout_region *r)
{
	return r->kind == LAYOUT_REGION_RAM || r->kind == LAYOUT_REGION_CHANNEL;
}

void *partition_guest_buffer(const struct partition *p, uint64_t ipa, uint64_t len, bool write)
{
	unsigned int needed = LAYOUT_READ | (write ? LAYOUT_WRITE : 0);

	for (unsigned int i = 0; i < p->layout->region_count; i++) {
		const struct layout_region *r = &p->layout->regions[i];
		if (!region_holds_data(r) || (r->access & needed) != needed)
			continue;
		/* Written so that no sum can wrap. */
		if (ipa >= r->ipa && len <= r->size && ipa - r->ipa <= r->size - len)
			return (void *)(uintptr_t)(r->pa + (ipa - r->ipa));
	}
	return NULL;
}

/* Like partition_guest_buffer, but for the hypervisor loading an image:
 * the region must be RAM, whatever the partition may do with it. */
void *partition_load_address(const struct partition *p, uint64_t ipa, uint64_t len)
{
	for (unsigned int i = 0; i < p->layout->region_count; i++) {
		const struct layout_region *r = &p->layout->regions[i];
		if (r->kind == LAYOUT_REGION_RAM && ipa >= r->ipa && len <= r->size &&
		    ipa - r->ipa <= r->size - len)
			return (void *)(uintptr_t)(r->pa + (ipa - r->ipa));
	}
	return NULL;
}

static void map_regions(struct partition *p)
{
	for (unsigned int i = 0; i < p->layout->region_count; i++) {
		const struct layout_region *r = &p->layout->regions[i];
		unsigned int access = 0;

		if (r->access & LAYOUT_READ)
			access |= STAGE2_READ;
		if (r->access & LAYOUT_WRITE)
			access |= STAGE2_WRITE;
		if (r->access & LAYOUT_EXEC)
			access |= STAGE2_EXEC;
		if (!stage2_map(&p->arch.stage2, r->ipa, r->pa, r->size, access,
				r->kind == LAYOUT_REGION_DEVICE ? STAGE2_DEVICE : STAGE2_NORMAL))
			panic("partition %s: out of stage-2 table memory", p->name);
	}
}

void partition_load(struct partition *p)
{
	reload_load_now(p);
}

void partition_boot_vcpu(struct partition *p)
{
	struct vcpu *boot = &p->vcpus[0];

	boot->start_pc = p->layout->entry_ipa;
	boot->start_arg = p->layout->dtb_ipa;
	boot->state = VCPU_PENDING;
}

static bool has_entry_image(const struct partition *p)
{
	return boot_artifact != NULL && artifact_find(boot_artifact, p->id, ARTIFACT_KERNEL) != NULL;
}

static void partition_create(struct partition *p, const struct layout_partition *lp)
{
	*p = (struct partition){
		.id = lp->id, .name = lp->name, .is_root = lp->root, .layout = lp,
		.on_fault = (enum fault_policy)lp->fault_policy,
		.vcpus = &vcpu_table[vcpu_table_count], .vcpu_count = lp->vcpu_count,
	};
	if (vcpu_table_count + lp->vcpu_count > CONFIG_MAX_VCPUS)
		panic("layout has more vCPUs than CONFIG_MAX_VCPUS (%u)", CONFIG_MAX_VCPUS);
	for (unsigned int i = 0; i < lp->vcpu_count; i++) {
		p->vcpus[i] = (struct vcpu){ .partition = p, .index = i, .cpu = lp->vcpus[i].cpu,
					     .scheduled = lp->vcpus[i].scheduled,
					     .urgent = lp->vcpus[i].urgent,
					     /* A shared CPU needs its window back: the compiler refuses native there. */
					     .wfi_native = lp->wfi_native && !lp->vcpus[i].scheduled };
		if (lp->vcpus[i].cpu >= CONFIG_NR_CPUS)
			panic("partition %s: vCPU%u pinned to CPU%u, beyond CONFIG_NR_CPUS", lp->name, i,
			      lp->vcpus[i].cpu);
	}
	vcpu_table_count += lp->vcpu_count;

	arch_partition_init(p);
	if (!stage2_init(&p->arch.stage2, (uint16_t)(lp->id + 1)))
		panic("partition %s: out of stage-2 table memory", p->name);
	map_regions(p);
	vuart_init(&p->uart, p->name, lp->console == LAYOUT_CONSOLE_EMULATED);
	if (lp->console == LAYOUT_CONSOLE_EMULATED || lp->console == LAYOUT_CONSOLE_RING) {
		struct mmio_region uart = { .base = lp->console_ipa, .size = VUART_MMIO_SIZE,
					    .handle = vuart_mmio, .device = &p->uart, .name = "console" };
		mmio_register(&p->mmio, &uart);
	}
	if (!vgic_partition_init(p, lp->gicd_ipa, lp->gicr_ipa))
		panic("partition %s: too many emulated devices", p->name);
	for (unsigned int i = 0; i < lp->interrupt_count; i++)
		vgic_assign_spi(p, lp->interrupts[i]);
	channels_partition_init(p);
	control_partition_init(p);
	partition_load(p);
}

/*
 * The layout acknowledged it (unprotected_dma), and the compiler warned;
 * whoever reads the boot log should see it too, since stage 2 does not
 * hold for this partition.
 */
static void warn_unchecked_dma(const struct partition *p, unsigned int index)
{
	for (unsigned int d = 0; d < layout.device_count; d++)
		if (layout.devices[d].unchecked_dma && layout.devices[d].owner == (int)index)
			log_warn("partition %s has %s, which masters DMA no IOMMU checks (the layout acknowledges "
				 "it): it can read and write all physical memory, the hypervisor's included",
				 p->name, layout.devices[d].name);
}

void partitions_init(void)
{
	if (layout.partition_count > CONFIG_MAX_PARTITIONS)
		panic("layout has %u partitions, CONFIG_MAX_PARTITIONS is %u", layout.partition_count,
		      CONFIG_MAX_PARTITIONS);
	boot_artifact = boot_image();
	for (unsigned int i = 0; i < layout.partition_count; i++) {
		struct partition *p = &partition_table[i];

		partition_create(p, &layout.partitions[i]);
		partition_table_count++;
		if (!has_entry_image(p)) {
			log_warn("partition %s has no image in the boot artifact: not started", p->name);
			continue;
		}
		warn_unchecked_dma(p, i);
		p->state = PARTITION_RUNNING;
		partition_boot_vcpu(p);
		log_info("partition %s: %u vCPU%s, entry %#llx", p->name, p->vcpu_count,
			 p->vcpu_count == 1 ? "" : "s", (unsigned long long)p->layout->entry_ipa);
	}
}

struct partition *partition_by_id(uint64_t id)
{
	for (unsigned int i = 0; i < partition_table_count; i++)
		if (partition_table[i].id == id)
			return &partition_table[i];
	return NULL;
}
