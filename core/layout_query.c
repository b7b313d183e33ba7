/*
 * Naming what lives at an address, so that a fault caused by a layout
 * mistake reads as one ("write to 0x9010000: device rtc, owned by linux")
 * instead of as a bare abort.
 */
#include <format.h>
#include <layout.h>
#include <layout_query.h>

static bool contains(uint64_t base, uint64_t size, uint64_t address)
{
	return address >= base && address - base < size;
}

static const char *partition_name(int id)
{
	for (unsigned int i = 0; i < layout.partition_count; i++) {
		if (layout.partitions[i].id == id)
			return layout.partitions[i].name;
	}
	return "nobody";
}

void layout_describe_address(uint64_t address, char *text, size_t size)
{
	if (contains(LAYOUT_EVENT_LOG_BASE(layout.hypervisor_base, layout.hypervisor_size), LAYOUT_EVENT_LOG_SIZE,
		     address)) {
		format_buffer(text, size, "the measurement log is there (read-only, for the root partition)");
		return;
	}
	if (contains(layout.hypervisor_base, layout.hypervisor_size, address)) {
		format_buffer(text, size, "the layout reserves it for the hypervisor");
		return;
	}
	for (unsigned int i = 0; i < layout.device_count; i++) {
		const struct layout_device *d = &layout.devices[i];
		if (contains(d->base, d->size, address)) {
			format_buffer(text, size, "the layout puts device %s there, owned by %s", d->name,
				      partition_name(d->owner));
			return;
		}
	}
	for (unsigned int i = 0; i < layout.partition_count; i++) {
		const struct layout_partition *p = &layout.partitions[i];
		for (unsigned int j = 0; j < p->region_count; j++) {
			const struct layout_region *r = &p->regions[j];
			if (r->kind != LAYOUT_REGION_DEVICE && contains(r->pa, r->size, address)) {
				format_buffer(text, size, "the layout puts %s of partition %s there",
					      r->kind == LAYOUT_REGION_CHANNEL ? "a channel" : "RAM",
					      p->name);
				return;
			}
		}
	}
	format_buffer(text, size, "the layout puts nothing there");
}

void layout_describe_guest_address(const struct layout_partition *partition, uint64_t ipa, char *text,
				   size_t size)
{
	if (partition->root) {
		layout_describe_address(ipa, text, size);
		return;
	}
	for (unsigned int i = 0; i < layout.device_count; i++) {
		if (contains(layout.devices[i].base, layout.devices[i].size, ipa)) {
			layout_describe_address(ipa, text, size);
			return;
		}
	}
	format_buffer(text, size, "nothing is mapped there in its guest-physical space");
}
