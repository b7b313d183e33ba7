/*
 * Memory: every region checked (alignment, overflow, inside RAM, no
 * overlap with the hypervisor, a device or another partition), then
 * placed deterministically — explicit bases first, then sized regions in
 * layout order at the lowest free address, 2 MiB aligned when their size
 * allows; the root gets all RAM nobody else has unless it lists its own.
 * Guest-physical addresses are derived last, and images are fitted.
 */
#include "validate_internal.h"
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a partition's DTB goes: the last 2 MiB of its first region. */
#define DTB_RESERVE BLOCK_SIZE_2M

struct taken {
	uint64_t base, size;
	const char *what;
	const char *owner;
	struct source_position at;
};

struct taken_list {
	struct taken *items;
	unsigned int count, capacity;
};

static void take(struct taken_list *t, uint64_t base, uint64_t size, const char *what, const char *owner,
		 struct source_position at)
{
	if (t->count == t->capacity) {
		unsigned int capacity = t->capacity ? t->capacity * 2 : 32;
		struct taken *items = realloc(t->items, capacity * sizeof(*items));
		if (items == NULL)
			return;
		t->items = items;
		t->capacity = capacity;
	}
	t->items[t->count++] = (struct taken){ base, size, what, owner, at };
}

static const struct taken *overlapping(const struct taken_list *t, uint64_t base, uint64_t size)
{
	for (unsigned int i = 0; i < t->count; i++) {
		if (ranges_overlap(base, size, t->items[i].base, t->items[i].size))
			return &t->items[i];
	}
	return NULL;
}

static void report_overlap(struct source_position at, const char *what, const struct taken *other)
{
	if (other->at.line != 0)
		diag_error(at, NULL, "%s overlaps %s of %s (line %u)", what, other->what, other->owner, other->at.line);
	else
		diag_error(at, NULL, "%s overlaps %s of %s", what, other->what, other->owner);
}

static bool check_hypervisor(struct layout_spec *l, const struct board *b, struct taken_list *taken)
{
	struct source_position at = l->hv_at.line ? l->hv_at : (struct source_position){ l->file, 1, 1 };

	if (l->hv_size == 0)
		return false;
	if (l->hv_base % BLOCK_SIZE_2M != 0 || l->hv_size % BLOCK_SIZE_2M != 0) {
		diag_error(at, NULL, "hypervisor memory must be 2 MiB aligned in base and size");
		return false;
	}
	if (!range_within(l->hv_base, l->hv_size, b->ram_base, b->ram_size)) {
		diag_error(at, NULL, "hypervisor memory lies outside RAM (%#llx, %llu MiB)",
			   (unsigned long long)b->ram_base, (unsigned long long)(b->ram_size >> 20));
		return false;
	}
	if (l->hv_base != b->ram_base) {
		diag_error(at, "the boot artifact is loaded at the start of RAM",
			   "hypervisor memory must start at the start of RAM (%#llx)", (unsigned long long)b->ram_base);
		return false;
	}
	take(taken, l->hv_base, l->hv_size, "the memory", "the hypervisor", at);
	return true;
}

/* Checks a region with an explicit base; records it. */
static void check_fixed_region(const struct partition_spec *p, struct region_spec *r, const struct board *b,
			       struct taken_list *taken)
{
	const struct taken *other;
	uint64_t last;

	if (r->pa % PAGE_SIZE_4K != 0) {
		diag_error(r->pa_at, NULL, "region base %#llx is not 4 KiB aligned", (unsigned long long)r->pa);
		r->has_pa = false;
		return;
	}
	if (!range_last(r->pa, r->size, &last)) {
		diag_error(r->pa_at, NULL, "region base + size overflows 64 bits");
		r->has_pa = false;
		return;
	}
	if (!range_within(r->pa, r->size, b->ram_base, b->ram_size)) {
		diag_error(r->pa_at, NULL, "region %#llx-%#llx lies outside RAM (%#llx, %llu MiB)",
			   (unsigned long long)r->pa, (unsigned long long)(r->pa + r->size - 1),
			   (unsigned long long)b->ram_base, (unsigned long long)(b->ram_size >> 20));
		r->has_pa = false;
		return;
	}
	if ((other = overlapping(taken, r->pa, r->size)) != NULL) {
		report_overlap(r->pa_at, "region", other);
		r->has_pa = false;
		return;
	}
	take(taken, r->pa, r->size, "memory", p->name ? p->name : "?", r->at);
}

/* The lowest free address in RAM for size bytes at the given alignment. */
static bool place(const struct taken_list *taken, const struct board *b, uint64_t size, uint64_t alignment,
		  uint64_t *result)
{
	uint64_t candidate = b->ram_base, ram_last;

	if (!range_last(b->ram_base, b->ram_size, &ram_last))
		return false;
	for (;;) {
		const struct taken *other;
		if (!align_up(candidate, alignment, &candidate) || !range_within(candidate, size, b->ram_base, b->ram_size))
			return false;
		other = overlapping(taken, candidate, size);
		if (other == NULL) {
			*result = candidate;
			return true;
		}
		if (other->base > UINT64_MAX - other->size)
			return false;
		candidate = other->base + other->size;
	}
}

static uint64_t region_alignment(uint64_t size)
{
	return size % BLOCK_SIZE_2M == 0 ? BLOCK_SIZE_2M : PAGE_SIZE_4K;
}

static void place_region(const struct partition_spec *p, struct region_spec *r, const struct board *b,
			 struct taken_list *taken)
{
	char size_text[32];

	if (place(taken, b, r->size, region_alignment(r->size), &r->pa)) {
		r->has_pa = true;
		take(taken, r->pa, r->size, "memory", p->name ? p->name : "?", r->at);
		return;
	}
	units_format_size(r->size, size_text, sizeof(size_text));
	diag_error(r->size_at, "shrink the regions or give the board more RAM (CONFIG_QEMU_RAM_MB)",
		   "no room in RAM for %s of '%s'", size_text, p->name ? p->name : "?");
}

/* The root without regions of its own gets every stretch of RAM left. */
static void give_root_the_rest(struct partition_spec *root, const struct board *b, struct taken_list *taken)
{
	uint64_t cursor = b->ram_base, end = b->ram_base + b->ram_size;
	unsigned int capacity = taken->count + 1;

	free(root->regions);	/* `memory: []` left an empty allocation */
	root->regions = calloc(capacity, sizeof(*root->regions));
	while (root->regions != NULL && cursor < end && root->region_count < capacity) {
		const struct taken *next = NULL;
		for (unsigned int i = 0; i < taken->count; i++) {
			const struct taken *t = &taken->items[i];
			if (t->base + t->size > cursor && (next == NULL || t->base < next->base))
				next = t;
		}
		uint64_t stop = next != NULL && next->base < end ? next->base : end;
		if (stop > cursor) {
			uint64_t start;
			if (align_up(cursor, BLOCK_SIZE_2M, &start) && stop - cursor >= BLOCK_SIZE_2M && start < stop)
				cursor = start;
			root->regions[root->region_count++] = (struct region_spec){
				.size = align_down(stop - cursor, PAGE_SIZE_4K), .pa = cursor, .has_pa = true,
				.access = ACCESS_R | ACCESS_W | ACCESS_X, .at = root->at };
		}
		if (next == NULL || next->base >= end)
			break;
		cursor = next->base + next->size;
	}
}

static void check_sizes(struct partition_spec *p)
{
	for (unsigned int k = 0; k < p->region_count; k++) {
		struct region_spec *r = &p->regions[k];
		if (r->size == 0 || r->size % PAGE_SIZE_4K != 0) {
			diag_error(r->size_at, "partition memory is mapped in 4 KiB pages",
				   "region size must be a non-zero multiple of 4K");
			r->size = 0;
		}
	}
}

/* What the hypervisor emulates in p's guest-physical space within [ipa, ipa + size), or NULL. */
static const char *emulated_page_at(const struct partition_spec *p, const struct board *b, uint64_t ipa,
				    uint64_t size)
{
	static char pages[96];

	if (ranges_overlap(ipa, size, b->gicd_base, 0x10000) ||
	    ranges_overlap(ipa, size, b->gicr_base, 0x20000ULL * p->vcpu_count))
		return "the partition's virtual GIC";
	if (p->console != CONSOLE_DEVICE && ranges_overlap(ipa, size, b->console_base, PAGE_SIZE_4K))
		return "the partition's console";
	/* The control page and the doorbell pages, whoever uses them. */
	if (ranges_overlap(ipa, size, b->pages_base, EMULATED_PAGES_SIZE)) {
		snprintf(pages, sizeof(pages), "the hypervisor's control and doorbell pages at 0x%llx",
			 (unsigned long long)b->pages_base);
		return pages;
	}
	return NULL;
}

/*
 * The partition's own device whose pages [ipa, ipa + size) would cover, or
 * NULL: devices are mapped where they are, and stage 2 holds one mapping
 * per page, so memory there would hide the device or the device the memory.
 */
static const struct board_device *own_device_at(const struct partition_spec *p, const struct board *b,
						uint64_t ipa, uint64_t size)
{
	for (unsigned int k = 0; k < p->device_count; k++) {
		const struct board_device *dev;
		uint64_t first, last;

		if (p->devices[k].board_index < 0)
			continue;
		dev = &b->devices[p->devices[k].board_index];
		first = align_down(dev->base, PAGE_SIZE_4K);
		if (!range_last(dev->base, dev->size, &last))
			continue;
		if (ranges_overlap(ipa, size, first, align_down(last, PAGE_SIZE_4K) + PAGE_SIZE_4K - first))
			return dev;
	}
	return NULL;
}

static void report_own_device(struct source_position at, const char *what, const struct partition_spec *p,
			      const struct board_device *dev)
{
	diag_error(at, "move it with ipa: to where the partition has no device",
		   "%s covers device '%s' of partition '%s' (at 0x%llx) in guest-physical space", what, dev->name,
		   p->name ? p->name : "?", (unsigned long long)dev->base);
}

/* Guest-physical addresses: identity for the root, packed from RAM's base for the others. */
static void assign_ipas(struct partition_spec *p, const struct board *b)
{
	uint64_t next = b->ram_base;
	const char *emulated;
	const struct board_device *device;

	for (unsigned int k = 0; k < p->region_count; k++) {
		struct region_spec *r = &p->regions[k];
		if (!r->has_pa)
			continue;
		if (p->root) {
			if (r->has_ipa && r->ipa != r->pa)
				diag_error(r->ipa_at, "leave out ipa: the root sees RAM where it is",
					   "the root partition's memory is identity-mapped: ipa %#llx != base %#llx",
					   (unsigned long long)r->ipa, (unsigned long long)r->pa);
			r->ipa = r->pa;
			r->has_ipa = true;
			continue;
		}
		if (!r->has_ipa) {
			if (!align_up(next, region_alignment(r->size), &r->ipa))
				continue;
			r->has_ipa = true;
		} else if (r->ipa % PAGE_SIZE_4K != 0) {
			diag_error(r->ipa_at, NULL, "ipa %#llx is not 4 KiB aligned", (unsigned long long)r->ipa);
			continue;
		}
		if (r->ipa > UINT64_MAX - r->size || r->ipa + r->size > (1ULL << 40)) {
			diag_error(r->ipa_at.line ? r->ipa_at : r->at, NULL, "ipa range beyond the 40-bit guest address space");
			continue;
		}
		next = r->ipa + r->size;
		for (unsigned int o = 0; o < k; o++) {
			const struct region_spec *other = &p->regions[o];
			if (other->has_ipa && ranges_overlap(r->ipa, r->size, other->ipa, other->size))
				diag_error(r->ipa_at.line ? r->ipa_at : r->at, NULL,
					   "region overlaps the partition's region at line %u in guest-physical space",
					   other->at.line);
		}
		if ((emulated = emulated_page_at(p, b, r->ipa, r->size)) != NULL)
			diag_error(r->ipa_at.line ? r->ipa_at : r->at, NULL, "region covers %s in guest-physical space",
				   emulated);
		else if ((device = own_device_at(p, b, r->ipa, r->size)) != NULL)
			report_own_device(r->ipa_at.line ? r->ipa_at : r->at, "region", p, device);
	}
}

static void fit_image(struct partition_spec *p)
{
	struct image_spec *img = &p->image;
	const struct region_spec *first = p->region_count > 0 ? &p->regions[0] : NULL;
	uint64_t needed, loaded;
	char have[48], need[48], kernel[48];

	if (img->kind == IMAGE_NONE || first == NULL || !first->has_ipa)
		return;
	if (img->has_entry && !range_within(img->entry, 4, first->ipa, first->size)) {
		diag_error(img->entry_at, NULL, "entry %#llx is outside the partition's first memory region",
			   (unsigned long long)img->entry);
	}
	if (img->path == NULL)
		return;
	/* A kernel's bss lies past its file: the initrd must not land in it. */
	loaded = img->kernel_size > img->file_size ? img->kernel_size : img->file_size;
	needed = loaded;
	if (img->initrd_path != NULL)
		needed += img->initrd_size + BLOCK_SIZE_2M;
	if (first->size > DTB_RESERVE * 2)
		needed += DTB_RESERVE;
	if (needed <= first->size)
		return;
	units_format_size(first->size, have, sizeof(have));
	units_format_size(needed, need, sizeof(need));
	if (loaded > img->file_size) {
		units_format_size(loaded, kernel, sizeof(kernel));
		diag_error(img->file_at, "enlarge the partition's first memory region",
			   "kernel '%s' occupies %s once loaded (image_size in its header), and needs %s with its "
			   "initrd and device tree, but the region holds %s", img->file, kernel, need, have);
	} else {
		diag_error(img->file_at, "enlarge the partition's first memory region",
			   "image '%s' needs %s (with its initrd and device tree) but the region holds %s",
			   img->file, need, have);
	}
}

/* Channel ends: identity for the root, after the partition's own memory otherwise. */
static void assign_channel_ipas(struct layout_spec *l)
{
	for (unsigned int i = 0; i < l->channel_count; i++) {
		struct channel_spec *c = &l->channels[i];
		for (unsigned int e = 0; e < c->endpoint_count; e++) {
			struct endpoint_spec *ep = &c->endpoints[e];
			struct partition_spec *p;
			uint64_t end = 0;

			if (ep->partition_index < 0 || ep->has_ipa || c->pa == 0)
				continue;
			p = &l->partitions[ep->partition_index];
			if (p->root) {
				ep->ipa = c->pa;
				ep->has_ipa = true;
				continue;
			}
			for (unsigned int k = 0; k < p->region_count; k++)
				if (p->regions[k].has_ipa && p->regions[k].ipa + p->regions[k].size > end)
					end = p->regions[k].ipa + p->regions[k].size;
			for (unsigned int o = 0; o < l->channel_count; o++)
				for (unsigned int f = 0; f < l->channels[o].endpoint_count; f++) {
					const struct endpoint_spec *other = &l->channels[o].endpoints[f];
					if (other != ep && other->has_ipa && other->partition_index == ep->partition_index &&
					    other->ipa + l->channels[o].size > end)
						end = other->ipa + l->channels[o].size;
				}
			ep->ipa = end;
			ep->has_ipa = true;
		}
	}
}

/* A non-root end's guest-physical place: aligned, and on nothing else of its partition. */
static void check_channel_ipas(const struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->channel_count; i++) {
		const struct channel_spec *c = &l->channels[i];
		for (unsigned int e = 0; e < c->endpoint_count; e++) {
			const struct endpoint_spec *ep = &c->endpoints[e];
			const struct partition_spec *p;
			const char *emulated;
			const struct board_device *device;

			if (ep->partition_index < 0 || !ep->has_ipa || c->size == 0 || c->pa == 0)
				continue;
			p = &l->partitions[ep->partition_index];
			if (p->root)
				continue;
			if (ep->ipa % PAGE_SIZE_4K != 0 || ep->ipa > UINT64_MAX - c->size ||
			    ep->ipa + c->size > (1ULL << 40)) {
				diag_error(ep->at, NULL, "channel '%s' end at ipa 0x%llx is not 4K-aligned inside the "
					   "40-bit guest address space", c->name, (unsigned long long)ep->ipa);
				continue;
			}
			if ((emulated = emulated_page_at(p, b, ep->ipa, c->size)) != NULL)
				diag_error(ep->at, NULL, "channel '%s' end covers %s in guest-physical space", c->name,
					   emulated);
			else if ((device = own_device_at(p, b, ep->ipa, c->size)) != NULL)
				report_own_device(ep->at, "channel end", p, device);
			for (unsigned int k = 0; k < p->region_count; k++)
				if (p->regions[k].has_ipa &&
				    ranges_overlap(ep->ipa, c->size, p->regions[k].ipa, p->regions[k].size))
					diag_error(ep->at, NULL, "channel '%s' end overlaps the partition's region at "
						   "line %u in guest-physical space", c->name, p->regions[k].at.line);
			for (unsigned int o = 0; o < i; o++)
				for (unsigned int f = 0; f < l->channels[o].endpoint_count; f++) {
					const struct endpoint_spec *other = &l->channels[o].endpoints[f];
					if (other->partition_index == ep->partition_index && other->has_ipa &&
					    ranges_overlap(ep->ipa, c->size, other->ipa, l->channels[o].size))
						diag_error(ep->at, NULL, "channel '%s' end overlaps channel '%s' in "
							   "guest-physical space", c->name, l->channels[o].name);
				}
		}
	}
}

void validate_memory(struct layout_spec *l, const struct board *b)
{
	struct taken_list taken = { 0 };
	struct partition_spec *root = NULL;

	check_hypervisor(l, b, &taken);
	for (unsigned int d = 0; d < b->device_count; d++)
		take(&taken, b->devices[d].base, b->devices[d].size, "device", b->devices[d].name,
		     (struct source_position){ 0 });
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		check_sizes(p);
		if (p->root && root == NULL)
			root = p;
		if (!p->root && p->region_count == 0 && !p->memory_given)
			diag_error(p->at, "for example: memory: [ { size: 16M } ]", "partition '%s' has no memory",
				   p->name ? p->name : "?");
		for (unsigned int k = 0; k < p->region_count; k++)
			if (p->regions[k].has_pa && p->regions[k].size)
				check_fixed_region(p, &p->regions[k], b, &taken);
	}
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		for (unsigned int k = 0; k < p->region_count; k++) {
			struct region_spec *r = &p->regions[k];
			if (!r->has_pa && r->size && r->pa_at.line == 0)
				place_region(p, r, b, &taken);
		}
	}
	for (unsigned int i = 0; i < l->channel_count; i++) {
		struct channel_spec *c = &l->channels[i];
		if (c->size == 0 || c->size % PAGE_SIZE_4K != 0)
			continue;
		if (place(&taken, b, c->size, PAGE_SIZE_4K, &c->pa))
			take(&taken, c->pa, c->size, "channel", c->name ? c->name : "?", c->at);
		else
			diag_error(c->size_at, NULL, "no room in RAM for channel '%s'", c->name ? c->name : "?");
	}
	if (root != NULL && root->region_count == 0)
		give_root_the_rest(root, b, &taken);
	for (unsigned int i = 0; i < l->partition_count; i++) {
		assign_ipas(&l->partitions[i], b);
		check_kernel_base(&l->partitions[i]);
		fit_image(&l->partitions[i]);
	}
	assign_channel_ipas(l);
	check_channel_ipas(l, b);
	free(taken.items);
}
