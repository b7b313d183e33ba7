/*
 * What an update changes in the hypervisor's memory, the partitions
 * (added, removed, vCPUs, memory moved or resized, image, console, fault
 * policy, hidden features) and who gets each device with its interrupts.
 * Schedules and channels are in diff_time.c, PCIe functions in diff_pci.c.
 */
#include "diff.h"
#include "emit.h"
#include "layout_parse.h"
#include "units.h"

#include <cpu_features.h>
#include <stdlib.h>
#include <string.h>

int *diff_take_device_owners(const struct layout_spec *l, struct board *b)
{
	int *owners = malloc((b->device_count ? b->device_count : 1) * sizeof(*owners));

	if (owners == NULL)
		return NULL;
	for (unsigned int d = 0; d < b->device_count; d++) {
		owners[d] = -1;
		for (unsigned int i = 0; i < l->partition_count; i++)
			if (partition_has_device(l, b, i, d))
				owners[d] = (int)i;
	}
	for (unsigned int d = 0; d < b->device_count; d++)
		b->devices[d].owner = -1;
	return owners;
}

static const struct partition_spec *find_partition(const struct layout_spec *l, const char *name)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		if (strcmp(l->partitions[i].name, name) == 0)
			return &l->partitions[i];
	return NULL;
}

static void access_text(unsigned int access, char *text)
{
	snprintf(text, 4, "%s%s%s", access & ACCESS_R ? "r" : "", access & ACCESS_W ? "w" : "", access & ACCESS_X ? "x" : "");
}

static void vcpus_text(const struct partition_spec *p, char *text, size_t length)
{
	size_t used = 0;

	text[0] = '\0';
	for (unsigned int v = 0; v < p->vcpu_count; v++) {
		int n = snprintf(text + used, length - used, "%s%s %u%s", v ? ", " : "",
				 p->vcpus[v].scheduled ? "scheduled on CPU" : "CPU", p->vcpus[v].cpu,
				 p->vcpus[v].urgent ? " urgent" : "");
		if (n < 0 || (size_t)n >= length - used)
			return;
		used += (size_t)n;
	}
}

static unsigned int diff_regions(FILE *out, const struct partition_spec *a, const struct partition_spec *b)
{
	unsigned int changes = 0, common = a->region_count < b->region_count ? a->region_count : b->region_count;
	char from[32], to[32];

	for (unsigned int k = 0; k < common; k++) {
		const struct region_spec *x = &a->regions[k], *y = &b->regions[k];
		if (x->size != y->size) {
			units_format_size(x->size, from, sizeof(from));
			units_format_size(y->size, to, sizeof(to));
			fprintf(out, "partition %s: memory %u resized: %s -> %s\n", a->name, k, from, to);
			changes++;
		}
		if (x->pa != y->pa) {
			fprintf(out, "partition %s: memory %u moved: physical %#llx -> %#llx\n", a->name, k,
				(unsigned long long)x->pa, (unsigned long long)y->pa);
			changes++;
		}
		if (x->ipa != y->ipa) {
			fprintf(out, "partition %s: memory %u guest address: %#llx -> %#llx\n", a->name, k,
				(unsigned long long)x->ipa, (unsigned long long)y->ipa);
			changes++;
		}
		if (x->access != y->access) {
			access_text(x->access, from);
			access_text(y->access, to);
			fprintf(out, "partition %s: memory %u access: %s -> %s\n", a->name, k, from, to);
			changes++;
		}
	}
	for (unsigned int k = common; k < a->region_count; k++, changes++) {
		units_format_size(a->regions[k].size, from, sizeof(from));
		fprintf(out, "partition %s: memory %u removed (%s at %#llx)\n", a->name, k, from,
			(unsigned long long)a->regions[k].pa);
	}
	for (unsigned int k = common; k < b->region_count; k++, changes++) {
		units_format_size(b->regions[k].size, to, sizeof(to));
		fprintf(out, "partition %s: memory %u added (%s at %#llx)\n", b->name, k, to,
			(unsigned long long)b->regions[k].pa);
	}
	return changes;
}

static unsigned int diff_features(FILE *out, const struct partition_spec *a, const struct partition_spec *b)
{
	uint64_t hidden = b->hidden_features & ~a->hidden_features, shown = a->hidden_features & ~b->hidden_features;
	char text[512];
	size_t used = 0;

	if (hidden == 0 && shown == 0)
		return 0;
	text[0] = '\0';
	for (unsigned int f = 0; f < FEATURE_COUNT; f++) {
		if (!((hidden | shown) & FEATURE_BIT(f)))
			continue;
		int n = snprintf(text + used, sizeof(text) - used, "%s%s%s", used ? " " : "",
				 hidden & FEATURE_BIT(f) ? "+" : "-", feature_names[f]);
		if (n > 0 && (size_t)n < sizeof(text) - used)
			used += (size_t)n;
	}
	fprintf(out, "partition %s: hidden features %s (+ now hidden, - now visible)\n", a->name, text);
	return 1;
}

static const char *text_or_none(const char *text)
{
	return text ? text : "(none)";
}

static bool same_text(const char *x, const char *y)
{
	return (x == NULL && y == NULL) || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static unsigned int diff_partition(FILE *out, const struct partition_spec *a, const struct partition_spec *b)
{
	static const char *const policies[] = { [POLICY_INJECT] = "inject", [POLICY_STOP] = "stop",
						[POLICY_RESTART] = "restart" };
	static const char *const consoles[] = { [CONSOLE_DEFAULT] = "default", [CONSOLE_EMULATED] = "emulated",
						[CONSOLE_RING] = "ring", [CONSOLE_DEVICE] = "device" };
	char from[512], to[512];
	unsigned int changes = 0;

	if (a->root != b->root) {
		fprintf(out, "partition %s: %s\n", a->name, b->root ? "becomes the root" : "is no longer the root");
		changes++;
	}
	vcpus_text(a, from, sizeof(from));
	vcpus_text(b, to, sizeof(to));
	if (strcmp(from, to) != 0) {
		fprintf(out, "partition %s: vCPUs: %s -> %s\n", a->name, from, to);
		changes++;
	}
	changes += diff_regions(out, a, b);
	if (a->image.kind != b->image.kind || !same_text(a->image.file, b->image.file) ||
	    !same_text(a->image.initrd, b->image.initrd)) {
		fprintf(out, "partition %s: image: %s%s%s -> %s%s%s\n", a->name, text_or_none(a->image.file),
			a->image.initrd ? " + " : "", a->image.initrd ? a->image.initrd : "", text_or_none(b->image.file),
			b->image.initrd ? " + " : "", b->image.initrd ? b->image.initrd : "");
		changes++;
	}
	if (!same_text(a->image.cmdline, b->image.cmdline)) {
		fprintf(out, "partition %s: cmdline: \"%s\" -> \"%s\"\n", a->name, a->image.cmdline ? a->image.cmdline : "",
			b->image.cmdline ? b->image.cmdline : "");
		changes++;
	}
	if (a->console != b->console || !same_text(a->console_device, b->console_device)) {
		fprintf(out, "partition %s: console: %s -> %s\n", a->name, consoles[a->console], consoles[b->console]);
		changes++;
	}
	if (a->on_fault != b->on_fault) {
		fprintf(out, "partition %s: on fault: %s -> %s\n", a->name, policies[a->on_fault], policies[b->on_fault]);
		changes++;
	}
	if (a->control != b->control) {
		fprintf(out, "partition %s: control interface: %s\n", a->name, b->control ? "now allowed" : "no longer allowed");
		changes++;
	}
	/* Defaults are chosen by then: a partition moved onto a schedule shows too. */
	if (a->wfi != b->wfi) {
		fprintf(out, "partition %s: WFI: %s -> %s\n", a->name, a->wfi == WFI_NATIVE ? "native" : "trap",
			b->wfi == WFI_NATIVE ? "native" : "trap");
		changes++;
	}
	return changes + diff_features(out, a, b);
}

static void interrupts_text(const struct board_device *d, char *text, size_t length)
{
	size_t used = 0;

	text[0] = '\0';
	for (unsigned int k = 0; k < d->interrupt_count; k++) {
		int n = snprintf(text + used, length - used, "%s%u", k ? ", " : " (IRQ ", d->interrupts[k]);
		if (n < 0 || (size_t)n >= length - used)
			return;
		used += (size_t)n;
	}
	if (used > 0)
		snprintf(text + used, length - used, ")");
}

static unsigned int diff_devices(FILE *out, const struct layout_spec *old, const int *old_owners,
				 const struct layout_spec *new, const struct board *b)
{
	unsigned int changes = 0;
	char irqs[64];

	for (unsigned int d = 0; d < b->device_count; d++) {
		const char *was = old_owners[d] >= 0 ? old->partitions[old_owners[d]].name : NULL, *is = NULL;
		for (unsigned int i = 0; i < new->partition_count; i++)
			if (partition_has_device(new, b, i, d))
				is = new->partitions[i].name;
		if (same_text(was, is))
			continue;
		interrupts_text(&b->devices[d], irqs, sizeof(irqs));
		fprintf(out, "device %s%s: %s -> %s\n", b->devices[d].name, irqs, was ? was : "(nobody)", is ? is : "(nobody)");
		changes++;
	}
	return changes;
}

unsigned int diff_layouts(FILE *out, const struct layout_spec *old, const int *old_owners,
			  const struct layout_spec *new, const struct board *b)
{
	unsigned int changes = 0;
	char from[32], to[32];

	if (old->hv_base != new->hv_base || old->hv_size != new->hv_size) {
		units_format_size(old->hv_size, from, sizeof(from));
		units_format_size(new->hv_size, to, sizeof(to));
		fprintf(out, "hypervisor: memory %s at %#llx -> %s at %#llx\n", from, (unsigned long long)old->hv_base, to,
			(unsigned long long)new->hv_base);
		changes++;
	}
	for (unsigned int i = 0; i < old->partition_count; i++) {
		const struct partition_spec *a = &old->partitions[i], *n = find_partition(new, a->name);
		if (n == NULL) {
			fprintf(out, "partition %s: removed\n", a->name);
			changes++;
		} else {
			if (a->id != n->id) {
				fprintf(out, "partition %s: id %u -> %u (boot order)\n", a->name, a->id, n->id);
				changes++;
			}
			changes += diff_partition(out, a, n);
		}
	}
	for (unsigned int i = 0; i < new->partition_count; i++)
		if (find_partition(old, new->partitions[i].name) == NULL) {
			char vcpus[512];
			vcpus_text(&new->partitions[i], vcpus, sizeof(vcpus));
			fprintf(out, "partition %s: added (vCPUs: %s)\n", new->partitions[i].name, vcpus);
			changes++;
		}
	changes += diff_devices(out, old, old_owners, new, b);
	changes += diff_pci(out, old, new);
	changes += diff_schedules(out, old, new);
	changes += diff_channels(out, old, new);
	if (changes == 0)
		fprintf(out, "no changes\n");
	return changes;
}
