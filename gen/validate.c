/*
 * Layout rules about partitions as a whole: names, the root, limits,
 * vCPU placement, devices and their interrupts, consoles and images.
 * Memory (validate_memory.c) and time and channels (validate_schedule.c)
 * have files of their own.
 */
#include "validate.h"
#include "validate_internal.h"
#include "ywalk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/*
 * gen writes DIR/<partition>.dtb beside the board's own device tree, which
 * the build dumps to DIR/board.dtb (tools/appliance.mk) and cuts every
 * partition's from. Names hold no '.', so only these can collide; they are
 * compared ignoring case, as a case-insensitive filesystem would.
 */
static const char *const names_gen_writes[] = { "board", NULL };

static void check_name_is_free(const struct layout_spec *l, unsigned int i)
{
	const struct partition_spec *p = &l->partitions[i];

	for (const char *const *n = names_gen_writes; *n != NULL; n++)
		if (strcasecmp(*n, p->name) == 0)
			diag_error(p->name_at, "rename the partition",
				   "partition name '%s' is taken: its device tree would overwrite the build's %s.dtb "
				   "in the generated files", p->name, *n);
	for (unsigned int j = 0; j < i; j++) {
		const struct partition_spec *other = &l->partitions[j];
		if (other->name == NULL)
			continue;
		if (strcmp(other->name, p->name) == 0)
			diag_error(p->name_at, NULL, "duplicate partition name '%s' (first at line %u)", p->name,
				   other->name_at.line);
		else if (strcasecmp(other->name, p->name) == 0)
			diag_error(p->name_at, "their device trees would be one file where case does not count",
				   "partition names '%s' and '%s' (line %u) differ only in case", p->name, other->name,
				   other->name_at.line);
	}
}

static void check_names_and_root(struct layout_spec *l, const struct limits *limits)
{
	int root = -1;
	unsigned int total_vcpus = 0;
	const struct vcpu_spec *first_too_many = NULL;

	if (l->partition_count == 0) {
		if (l->partitions_given)
			diag_error(l->partitions_at, NULL, "a layout needs at least one partition");
		return;
	}
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		if (first_too_many == NULL && total_vcpus + p->vcpu_count > limits->max_vcpus)
			first_too_many = &p->vcpus[limits->max_vcpus - total_vcpus];
		total_vcpus += p->vcpu_count;
		if (p->name != NULL)
			check_name_is_free(l, i);
		if (!p->root)
			continue;
		if (root >= 0)
			diag_error(p->root_at, "only the first partition to boot owns the hardware",
				   "two root partitions: '%s' and '%s' (line %u)",
				   l->partitions[root].name ? l->partitions[root].name : "?",
				   p->name ? p->name : "?", l->partitions[root].root_at.line);
		else
			root = (int)i;
	}
	if (root < 0)
		diag_error(l->partitions[0].at, "mark the partition that owns the hardware with 'root: true'",
			   "no root partition");
	if (l->partition_count > limits->max_partitions)
		diag_error(l->partitions[limits->max_partitions].at, "raise CONFIG_MAX_PARTITIONS (make menuconfig)",
			   "%u partitions exceed the configured maximum of %u", l->partition_count,
			   limits->max_partitions);
	if (first_too_many != NULL)
		diag_error(first_too_many->at, "raise CONFIG_MAX_VCPUS (make menuconfig)",
			   "%u vCPUs in all exceed the configured maximum of %u", total_vcpus, limits->max_vcpus);
}

static void check_vcpus(struct layout_spec *l, const struct board *b)
{
	/* Which partition pins a vCPU to each CPU (-1: none). */
	int *pinned_by = malloc(b->cpu_count * sizeof(int));
	struct source_position *pinned_at = malloc(b->cpu_count * sizeof(*pinned_at));

	if (pinned_by == NULL || pinned_at == NULL)
		goto out;
	for (unsigned int c = 0; c < b->cpu_count; c++)
		pinned_by[c] = -1;
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		for (unsigned int v = 0; v < p->vcpu_count; v++) {
			struct vcpu_spec *vs = &p->vcpus[v];
			if (vs->cpu >= b->cpu_count) {
				diag_error(vs->at, NULL, "CPU %u does not exist: this build has CPUs 0 to %u",
					   vs->cpu, b->cpu_count - 1);
				continue;
			}
			if (p->root && vs->scheduled)
				diag_error(vs->at, "give the root its own CPUs with cpus: [..]",
					   "the root partition's vCPUs must be pinned, not scheduled");
			if (vs->urgent && !vs->scheduled)
				diag_error(vs->urgent_at, "a pinned vCPU owns its CPU and never waits for a window",
					   "only a scheduled vCPU can be urgent");
			if (vs->scheduled)
				continue;
			if (pinned_by[vs->cpu] >= 0)
				diag_error(vs->at, "a pinned vCPU owns its CPU; share a CPU with a schedule",
					   "CPU %u is pinned twice (also by '%s' at line %u)", vs->cpu,
					   l->partitions[pinned_by[vs->cpu]].name ? l->partitions[pinned_by[vs->cpu]].name : "?",
					   pinned_at[vs->cpu].line);
			else {
				pinned_by[vs->cpu] = (int)i;
				pinned_at[vs->cpu] = vs->at;
			}
		}
	}
	for (unsigned int s = 0; s < l->schedule_count; s++) {
		const struct schedule_spec *sc = &l->schedules[s];
		if (sc->cpu < b->cpu_count && pinned_by[sc->cpu] >= 0)
			diag_error(sc->cpu_at, NULL, "CPU %u has a schedule but is also pinned (by '%s' at line %u)",
				   sc->cpu, l->partitions[pinned_by[sc->cpu]].name ? l->partitions[pinned_by[sc->cpu]].name : "?",
				   pinned_at[sc->cpu].line);
	}
out:
	free(pinned_by);
	free(pinned_at);
}

/* Whether two devices touch a common 4 KiB page (stage 2 cannot split one). */
static bool same_page(const struct board_device *a, const struct board_device *b)
{
	uint64_t a_first = align_down(a->base, PAGE_SIZE_4K), a_last = align_down(a->base + a->size - 1, PAGE_SIZE_4K);
	uint64_t b_first = align_down(b->base, PAGE_SIZE_4K), b_last = align_down(b->base + b->size - 1, PAGE_SIZE_4K);

	return a_first <= b_last && b_first <= a_last;
}

/* Its output would mix with the hypervisor's, and the partition could silence it. */
static void log_uart_refused(struct source_position at, const char *name)
{
	diag_error(at, "give the partition 'console: emulated' or 'console: ring'",
		   "'%s' is the UART the hypervisor prints on: only the root partition may have it", name);
}

int find_named_device(const struct board *b, const struct device_ref *ref)
{
	int index = board_find_device(b, ref->name);
	const char **names;
	const char *suggestion = NULL;

	if (index >= 0)
		return index;
	names = calloc(b->device_count + 1, sizeof(*names));
	for (unsigned int d = 0; names != NULL && d < b->device_count; d++)
		names[d] = b->devices[d].name;
	if (names != NULL)
		suggestion = ywalk_suggest(ref->name, names);
	if (suggestion)
		diag_error(ref->at, NULL, "unknown device '%s' on board %s; did you mean '%s'?", ref->name, b->name,
			   suggestion);
	else
		diag_error(ref->at, "platform/<board>/board.yaml lists the devices", "unknown device '%s' on board %s",
			   ref->name, b->name);
	free(names);
	return -1;
}

static void check_devices(struct layout_spec *l, struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		for (unsigned int k = 0; k < p->device_count; k++) {
			struct device_ref *ref = &p->devices[k];
			int index = find_named_device(b, ref);
			struct board_device *dev;

			if (index < 0)
				continue;
			dev = &b->devices[index];
			if (dev->reserved) {
				diag_error(ref->at, "the hypervisor owns the interrupt controller and gives every "
					   "partition a virtual one", "device '%s' belongs to the hypervisor", ref->name);
				continue;
			}
			if (!p->root && index == b->log_uart) {
				log_uart_refused(ref->at, ref->name);
				continue;
			}
			if (board_pci_device(b, (unsigned int)index)) {
				diag_error(ref->at, "give functions by bus:device.function: pci: [ { name: disk, function: \"00:03.0\" } ] "
					   "(docs/pci.md); the root has the host unless it says pci: none",
					   "device '%s' is the PCIe host's: a partition is given its functions under pci:, not the host",
					   ref->name);
				continue;
			}
			if (dev->owner >= 0) {
				diag_error(ref->at, NULL, "device '%s' is assigned twice (also to '%s')", ref->name,
					   l->partitions[dev->owner].name ? l->partitions[dev->owner].name : "?");
				continue;
			}
			dev->owner = (int)i;
			ref->board_index = index;
		}
	}
	/* Stage 2 maps whole pages: devices sharing one must share an owner. */
	for (unsigned int i = 0; i < b->device_count; i++) {
		for (unsigned int j = i + 1; j < b->device_count; j++) {
			struct board_device *x = &b->devices[i], *y = &b->devices[j];
			if (x->owner == y->owner || !same_page(x, y) || (x->owner < 0 && y->owner < 0))
				continue;
			if (x->owner >= 0 && y->owner >= 0) {
				const struct device_ref *at = NULL;
				for (unsigned int k = 0; k < l->partitions[y->owner].device_count; k++)
					if (l->partitions[y->owner].devices[k].board_index == (int)j)
						at = &l->partitions[y->owner].devices[k];
				diag_error(at ? at->at : l->partitions[y->owner].at,
					   "assign devices that share a 4 KiB page to the same partition",
					   "devices '%s' and '%s' share a 4 KiB page but go to '%s' and '%s'",
					   x->name, y->name, l->partitions[x->owner].name, l->partitions[y->owner].name);
			}
		}
	}
}

static void check_console(struct layout_spec *l, struct board *b)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		int index;

		if (p->console == CONSOLE_EMULATED || p->console == CONSOLE_RING) {
			for (unsigned int k = 0; k < p->device_count; k++) {
				int d = p->devices[k].board_index;
				if (d >= 0 && b->devices[d].base == b->console_base)
					diag_error(p->devices[k].at, "use 'console: %s' to give the partition the real UART",
						   "device '%s' sits where the partition's emulated console is",
						   b->devices[d].name);
			}
		}
		if (p->console != CONSOLE_DEVICE)
			continue;
		index = board_find_device(b, p->console_device);
		if (index < 0 || !b->devices[index].console) {
			diag_error(p->console_at, "a console is 'emulated', 'ring' or a UART of the board",
				   "console '%s' is not a UART of board %s", p->console_device, b->name);
			continue;
		}
		if (!p->root && index == b->log_uart)
			log_uart_refused(p->console_at, p->console_device);
		else if (b->devices[index].owner >= 0 && b->devices[index].owner != (int)i)
			diag_error(p->console_at, NULL, "console '%s' is assigned to partition '%s'",
				   p->console_device, l->partitions[b->devices[index].owner].name);
		else if (!p->root && b->devices[index].owner != (int)i)
			diag_error(p->console_at, "add it to the partition's devices too",
				   "console '%s' is not among partition '%s' devices", p->console_device, p->name);
	}
}

static char *find_file(const char *name, const char *layout_file, const char *const *dirs, uint64_t *size)
{
	char path[4096];
	const char *slash = strrchr(layout_file, '/');
	struct stat st;

	if (name[0] == '/') {
		snprintf(path, sizeof(path), "%s", name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			goto found;
		return NULL;
	}
	snprintf(path, sizeof(path), "%.*s%s", slash ? (int)(slash - layout_file + 1) : 0, layout_file, name);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		goto found;
	for (const char *const *d = dirs; d != NULL && *d != NULL; d++) {
		snprintf(path, sizeof(path), "%s/%s", *d, name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			goto found;
	}
	return NULL;
found:
	*size = (uint64_t)st.st_size;
	return strdup(path);
}

static void resolve_images(struct layout_spec *l, const char *const *dirs, bool require)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct image_spec *img = &l->partitions[i].image;
		if (img->kind == IMAGE_NONE) {
			if (require && !img->given)
				diag_warning(l->partitions[i].at, "give it an image: { baremetal: app.bin }",
					     "partition '%s' has no image and will not start",
					     l->partitions[i].name ? l->partitions[i].name : "?");
			continue;
		}
		img->path = find_file(img->file, l->file, dirs, &img->file_size);
		if (img->path == NULL && require)
			diag_error(img->file_at, "images are looked up next to the layout and in --images directories",
				   "image file '%s' not found", img->file);
		if (img->initrd != NULL) {
			img->initrd_path = find_file(img->initrd, l->file, dirs, &img->initrd_size);
			if (img->initrd_path == NULL && require)
				diag_error(img->initrd_at, NULL, "initrd file '%s' not found", img->initrd);
		}
	}
}

/*
 * Whether each partition's WFI traps (docs/scheduling.md, "Idle: WFI"): a
 * scheduled vCPU's must, since it gives its window back; the root's does
 * unless the layout says native, so that its accounting is true; other
 * pinned partitions keep their lowest wake-up latency unless it says trap.
 */
static void choose_wfi(struct layout_spec *l)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		bool scheduled = false;

		for (unsigned int v = 0; v < p->vcpu_count; v++)
			scheduled = scheduled || p->vcpus[v].scheduled;
		if (p->wfi == WFI_NATIVE && scheduled)
			diag_error(p->wfi_at, "a shared CPU's schedule needs the window back when a vCPU waits; "
				   "pin every vCPU with cpus: [..] to keep WFI native",
				   "partition '%s' has a scheduled vCPU, whose WFI always traps: 'wfi: native' cannot apply",
				   p->name ? p->name : "?");
		if (p->wfi == WFI_DEFAULT)
			p->wfi = p->root || scheduled ? WFI_TRAP : WFI_NATIVE;
	}
}

void validate_layout(struct layout_spec *l, struct board *b, const struct limits *limits,
		     const char *const *image_dirs)
{
	if (l->platform != NULL && strcmp(l->platform, b->name) != 0)
		diag_error(l->platform_at, "the build's board is chosen in make menuconfig (Platform)",
			   "layout is for platform '%s' but this build's board is '%s'", l->platform, b->name);
	check_names_and_root(l, limits);
	check_vcpus(l, b);
	choose_wfi(l);
	check_devices(l, b);
	check_pci_functions(l, b);
	check_unprotected_dma(l, b);
	check_console(l, b);
	resolve_images(l, image_dirs, image_dirs != NULL);
	read_kernel_headers(l);
	validate_schedules(l, b);
	validate_channels(l, b);
	validate_memory(l, b);
	place_pci(l, b);
	warn_dma_not_identity_mapped(l, b);
}
