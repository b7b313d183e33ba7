/*
 * From YAML nodes to the layout model. Structure and types are checked
 * here (unknown keys, wrong kinds, malformed values); relations between
 * values (overlaps, references, limits) are validate.c's job.
 */
#include "layout_parse.h"
#include "ywalk.h"

#include <cpu_features.h>
#include <stdlib.h>
#include <string.h>

const char *const feature_names[] = {
	[FEATURE_EL2] = "el2", [FEATURE_SVE] = "sve", [FEATURE_SME] = "sme",
	[FEATURE_PMU] = "pmu", [FEATURE_DEBUG] = "debug", [FEATURE_TRACE] = "trace",
	[FEATURE_AMU] = "amu", [FEATURE_MTE] = "mte", [FEATURE_PAUTH] = "pauth",
	[FEATURE_AES] = "aes", [FEATURE_SHA1] = "sha1", [FEATURE_SHA2] = "sha2",
	[FEATURE_SHA3] = "sha3", [FEATURE_SHA512] = "sha512", [FEATURE_CRC32] = "crc32",
	[FEATURE_ATOMICS] = "atomics", [FEATURE_FP16] = "fp16", [FEATURE_DOTPROD] = "dotprod",
	[FEATURE_RNG] = "rng", [FEATURE_BTI] = "bti", [FEATURE_SPE] = "spe",
	[FEATURE_COUNT] = NULL,
};

/* arm64's COMMAND_LINE_SIZE: Linux copies at most this, its NUL included. */
#define LINUX_COMMAND_LINE_SIZE 2048

/* Not in the mask: the arm64 kernel will not run without them. */
static const char *const features_linux_requires[] = { "fp", "asimd", NULL };

static const char *const top_keys[] = { "platform", "hypervisor", "partitions", "schedules",
					"channels", NULL };
static const char *const hypervisor_keys[] = { "memory", NULL };
static const char *const base_size_keys[] = { "base", "size", NULL };
static const char *const partition_keys[] = { "name", "root", "cpus", "vcpus", "memory", "devices",
					      "console", "image", "features", "on_fault", "control", "wfi",
					      "unprotected_dma", "pci", NULL };
static const char *const pci_function_keys[] = { "name", "function", "window", "window64", "intx", NULL };
/* A function's interrupt pin: its index is the pin register's value (0: none). */
static const char *const intx_names[] = { "none", "a", "b", "c", "d", NULL };
static const char *const vcpu_keys[] = { "cpu", "schedule", "urgent", NULL };
static const char *const region_keys[] = { "size", "base", "ipa", "access", NULL };
static const char *const image_keys[] = { "kernel", "baremetal", "initrd", "cmdline", "entry", NULL };
static const char *const feature_keys[] = { "hide", "show", NULL };
static const char *const policy_names[] = { "inject", "stop", "restart", NULL };
/* In enum wfi_kind's order, after WFI_DEFAULT. */
static const char *const wfi_names[] = { "trap", "native", NULL };
static const char *const schedule_keys[] = { "cpu", "major_frame", "urgent_budget", "windows", NULL };
static const char *const window_keys[] = { "partition", "vcpu", "start", "duration", NULL };
static const char *const channel_keys[] = { "name", "size", "endpoints", NULL };
static const char *const endpoint_keys[] = { "partition", "access", "doorbell", "ipa", NULL };

static bool listed(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, word) == 0)
			return true;
	return false;
}

static bool parse_access(const struct ynode *node, unsigned int *access)
{
	const char *s;

	if (!ywalk_string(node, "access", &s))
		return false;
	*access = 0;
	for (const char *c = s; *c != '\0'; c++) {
		unsigned int bit = *c == 'r' ? ACCESS_R : *c == 'w' ? ACCESS_W : *c == 'x' ? ACCESS_X : 0;
		if (bit == 0 || (*access & bit)) {
			diag_error(node->at, "write a subset of rwx, such as rw or rx", "access '%s' is not "
				   "made of r, w and x", s);
			return false;
		}
		*access |= bit;
	}
	if (!(*access & ACCESS_R)) {
		diag_error(node->at, NULL, "access '%s' must include r", s);
		return false;
	}
	return true;
}

static void parse_regions(const struct ynode *list, struct partition_spec *p)
{
	if (!ywalk_is(list, YNODE_SEQ, "memory"))
		return;
	p->regions = calloc(list->count, sizeof(*p->regions));
	for (size_t i = 0; p->regions != NULL && i < list->count; i++) {
		const struct ynode *n = list->items[i], *v;
		struct region_spec *r = &p->regions[p->region_count];

		if (!ywalk_is(n, YNODE_MAP, "a memory region"))
			continue;
		ywalk_check_keys(n, region_keys, "a memory region");
		r->at = n->at;
		r->access = ACCESS_R | ACCESS_W | ACCESS_X;
		if ((v = ywalk_get(n, "size")) == NULL) {
			diag_error(n->at, "for example: { size: 16M }", "a memory region needs a size");
			continue;
		}
		r->size_at = v->at;
		if (!ywalk_size(v, "region size", &r->size))
			continue;
		if ((v = ywalk_get(n, "base")) != NULL) {
			r->pa_at = v->at;
			r->has_pa = ywalk_integer(v, "region base", &r->pa);
		}
		if ((v = ywalk_get(n, "ipa")) != NULL) {
			r->ipa_at = v->at;
			r->has_ipa = ywalk_integer(v, "region ipa", &r->ipa);
		}
		if ((v = ywalk_get(n, "access")) != NULL && !parse_access(v, &r->access))
			continue;
		p->region_count++;
	}
}

/* An empty list is a partition that never runs. */
static bool has_cpus(const struct ynode *list, const struct partition_spec *p)
{
	if (list->count > 0)
		return true;
	diag_error(list->at, "for example: cpus: [2]", "partition '%s' has no CPUs and would never run",
		   p->name ? p->name : "?");
	return false;
}

static void parse_cpu_list(const struct ynode *list, struct partition_spec *p)
{
	if (!ywalk_is(list, YNODE_SEQ, "cpus") || !has_cpus(list, p))
		return;
	p->vcpus = calloc(list->count, sizeof(*p->vcpus));
	for (size_t i = 0; p->vcpus != NULL && i < list->count; i++) {
		uint64_t cpu;
		if (!ywalk_integer(list->items[i], "a CPU index", &cpu))
			continue;
		p->vcpus[p->vcpu_count++] = (struct vcpu_spec){ .cpu = cpu > 4096 ? 4096 : (unsigned int)cpu,
								.at = list->items[i]->at };
	}
}

static void parse_vcpu_list(const struct ynode *list, struct partition_spec *p)
{
	if (!ywalk_is(list, YNODE_SEQ, "vcpus") || !has_cpus(list, p))
		return;
	p->vcpus = calloc(list->count, sizeof(*p->vcpus));
	for (size_t i = 0; p->vcpus != NULL && i < list->count; i++) {
		const struct ynode *n = list->items[i], *cpu, *sched;
		uint64_t index;

		if (!ywalk_is(n, YNODE_MAP, "a vCPU"))
			continue;
		ywalk_check_keys(n, vcpu_keys, "a vCPU");
		cpu = ywalk_get(n, "cpu");
		sched = ywalk_get(n, "schedule");
		if ((cpu == NULL) == (sched == NULL)) {
			diag_error(n->at, "{ cpu: N } pins it; { schedule: N } puts it on CPU N's schedule",
				   "a vCPU needs exactly one of cpu and schedule");
			continue;
		}
		if (!ywalk_integer(cpu != NULL ? cpu : sched, "a CPU index", &index))
			continue;
		p->vcpus[p->vcpu_count] = (struct vcpu_spec){
			.cpu = index > 4096 ? 4096 : (unsigned int)index, .scheduled = sched != NULL,
			.at = (cpu != NULL ? cpu : sched)->at };
		if ((sched = ywalk_get(n, "urgent")) != NULL) {
			p->vcpus[p->vcpu_count].urgent_at = sched->at;
			ywalk_bool(sched, "urgent", &p->vcpus[p->vcpu_count].urgent);
		}
		p->vcpu_count++;
	}
}

static void parse_image(const struct ynode *n, struct image_spec *image)
{
	const struct ynode *kernel, *baremetal, *v;

	image->given = true;
	if (!ywalk_is(n, YNODE_MAP, "image"))
		return;
	ywalk_check_keys(n, image_keys, "image");
	image->at = n->at;
	kernel = ywalk_get(n, "kernel");
	baremetal = ywalk_get(n, "baremetal");
	if ((kernel == NULL) == (baremetal == NULL)) {
		diag_error(n->at, "{ kernel: Image } for Linux, { baremetal: app.bin } for a bare-metal program",
			   "an image needs exactly one of kernel and baremetal");
		return;
	}
	v = kernel != NULL ? kernel : baremetal;
	image->file_at = v->at;
	if (!ywalk_string(v, "image file", &image->file))
		return;
	image->kind = kernel != NULL ? IMAGE_KERNEL : IMAGE_BAREMETAL;
	if ((v = ywalk_get(n, "initrd")) != NULL) {
		image->initrd_at = v->at;
		if (image->kind == IMAGE_BAREMETAL)
			diag_error(v->at, "a bare-metal program gets only its device tree; an initrd is for a kernel",
				   "an initrd goes with a Linux kernel, not with a baremetal image");
		else
			ywalk_string(v, "initrd", &image->initrd);
	}
	if ((v = ywalk_get(n, "cmdline")) != NULL && ywalk_string(v, "cmdline", &image->cmdline) &&
	    image->kind == IMAGE_KERNEL && strlen(image->cmdline) >= LINUX_COMMAND_LINE_SIZE)
		diag_error(v->at, NULL, "cmdline is %zu bytes, but Linux on arm64 keeps %u (COMMAND_LINE_SIZE, "
			   "its NUL included): the rest would be cut off", strlen(image->cmdline),
			   LINUX_COMMAND_LINE_SIZE - 1);
	if ((v = ywalk_get(n, "entry")) != NULL) {
		image->entry_at = v->at;
		image->has_entry = ywalk_integer(v, "entry", &image->entry);
	}
}

static void parse_features(const struct ynode *n, struct partition_spec *p)
{
	const struct ynode *hide, *show;

	p->features_at = n->at;
	if (!ywalk_is(n, YNODE_MAP, "features"))
		return;
	ywalk_check_keys(n, feature_keys, "features");
	if ((show = ywalk_get(n, "show")) != NULL)
		diag_error(show->at, "list the features to hide under 'hide'; everything else stays as the CPU has it",
			   "a feature mask can only remove features, not add them");
	if ((hide = ywalk_get(n, "hide")) == NULL || !ywalk_is(hide, YNODE_SEQ, "features.hide"))
		return;
	for (size_t i = 0; i < hide->count; i++) {
		const char *name, *suggestion;
		bool known = false;

		if (!ywalk_string(hide->items[i], "a feature name", &name))
			continue;
		for (unsigned int f = 0; f < FEATURE_COUNT; f++) {
			if (strcmp(feature_names[f], name) == 0) {
				p->hidden_features |= FEATURE_BIT(f);
				known = true;
			}
		}
		if (known)
			continue;
		if (listed(name, features_linux_requires)) {
			diag_error(hide->items[i]->at, "every partition sees fp and asimd",
				   "feature '%s' cannot be hidden: Linux on arm64 requires floating point and "
				   "Advanced SIMD (fp, asimd)", name);
			continue;
		}
		suggestion = ywalk_suggest(name, feature_names);
		if (suggestion != NULL)
			diag_error(hide->items[i]->at, NULL, "unknown feature '%s'; did you mean '%s'?", name, suggestion);
		else
			diag_error(hide->items[i]->at, "docs/features.md lists the features", "unknown feature '%s'", name);
	}
}

static bool parse_choice(const struct ynode *n, const char *what, const char *const *choices,
			 const char *hint, unsigned int *index)
{
	const char *s, *suggestion;

	if (!ywalk_string(n, what, &s))
		return false;
	for (unsigned int i = 0; choices[i] != NULL; i++) {
		if (strcmp(choices[i], s) == 0) {
			*index = i;
			return true;
		}
	}
	suggestion = ywalk_suggest(s, choices);
	if (suggestion != NULL)
		diag_error(n->at, NULL, "unknown %s '%s'; did you mean '%s'?", what, s, suggestion);
	else
		diag_error(n->at, hint, "unknown %s '%s'", what, s);
	return false;
}

/* A list of board device names, unresolved (validate.c looks them up). */
static struct device_ref *parse_device_names(const struct ynode *v, const char *what, unsigned int *count)
{
	struct device_ref *list;

	*count = 0;
	if (!ywalk_is(v, YNODE_SEQ, what) || (list = calloc(v->count ? v->count : 1, sizeof(*list))) == NULL)
		return NULL;
	for (size_t i = 0; i < v->count; i++) {
		struct device_ref *d = &list[*count];
		if (ywalk_string(v->items[i], "a device name", &d->name)) {
			d->at = v->items[i]->at;
			d->board_index = -1;
			(*count)++;
		}
	}
	return list;
}

/* A window: its size (placed by the compiler) or { base, size }. */
static void parse_pci_window(const struct ynode *v, const char *what, struct pci_window_spec *w)
{
	const struct ynode *base, *size;

	w->at = v->at;
	if (v->kind != YNODE_MAP) {
		w->given = ywalk_size(v, what, &w->size);
		return;
	}
	ywalk_check_keys(v, base_size_keys, what);
	if ((size = ywalk_get(v, "size")) == NULL) {
		diag_error(v->at, "for example: { base: 0x10000000, size: 1M }", "a PCI window needs a size");
		return;
	}
	w->given = ywalk_size(size, what, &w->size);
	if ((base = ywalk_get(v, "base")) != NULL) {
		w->at = base->at;
		w->has_base = ywalk_integer(base, "window base", &w->base);
		w->given = w->given && w->has_base;
	}
}

/* `pci: [ { name: disk, function: "00:03.0" }, ... ]`, or the root's `pci: none`. */
static void parse_pci(const struct ynode *list, struct partition_spec *p)
{
	p->pci_at = list->at;
	if (list->kind == YNODE_SCALAR && strcmp(list->value, "none") == 0) {
		p->pci_none = true;
		return;
	}
	if (!ywalk_is(list, YNODE_SEQ, "pci") || (p->pci = calloc(list->count ? list->count : 1, sizeof(*p->pci))) == NULL)
		return;
	for (size_t i = 0; i < list->count; i++) {
		const struct ynode *n = list->items[i], *v;
		struct pci_function_spec *f = &p->pci[p->pci_count];
		unsigned int pin = 1;

		if (!ywalk_is(n, YNODE_MAP, "a PCI function"))
			continue;
		ywalk_check_keys(n, pci_function_keys, "a PCI function");
		f->at = n->at;
		if ((v = ywalk_get(n, "name")) == NULL || (v = ywalk_get(n, "function")) == NULL) {
			diag_error(n->at, "for example: { name: disk, function: \"00:03.0\" }",
				   "a PCI function needs a name and its bus:device.function");
			continue;
		}
		f->name_at = ywalk_get(n, "name")->at;
		f->address_at = v->at;
		if (!ywalk_name(ywalk_get(n, "name"), "function name", &f->name) ||
		    !ywalk_string(v, "bus:device.function", &f->address))
			continue;
		if ((v = ywalk_get(n, "window")) != NULL)
			parse_pci_window(v, "window", &f->mmio);
		if ((v = ywalk_get(n, "window64")) != NULL)
			parse_pci_window(v, "window64", &f->mmio64);
		if ((v = ywalk_get(n, "intx")) != NULL) {
			f->intx_at = v->at;
			parse_choice(v, "interrupt pin", intx_names, "a, b, c, d or none", &pin);
		}
		f->intx_pin = pin;
		p->pci_count++;
	}
}

static void parse_partition(const struct ynode *n, struct partition_spec *p)
{
	const struct ynode *v;

	p->at = n->at;
	ywalk_check_keys(n, partition_keys, "a partition");
	if ((v = ywalk_get(n, "name")) == NULL)
		diag_error(n->at, NULL, "a partition needs a name");
	else {
		p->name_at = v->at;
		ywalk_name(v, "partition name", &p->name);
	}
	if ((v = ywalk_get(n, "root")) != NULL) {
		p->root_at = v->at;
		ywalk_bool(v, "root", &p->root);
	}
	if (ywalk_get(n, "cpus") != NULL && ywalk_get(n, "vcpus") != NULL)
		diag_error(ywalk_get(n, "vcpus")->at, "'cpus: [..]' pins one vCPU per CPU; 'vcpus' "
			   "lists each vCPU's placement", "a partition takes cpus or vcpus, not both");
	else if ((v = ywalk_get(n, "cpus")) != NULL)
		parse_cpu_list(v, p);
	else if ((v = ywalk_get(n, "vcpus")) != NULL)
		parse_vcpu_list(v, p);
	else
		diag_error(n->at, "for example: cpus: [2]", "partition '%s' needs cpus or vcpus",
			   p->name ? p->name : "?");
	if ((v = ywalk_get(n, "memory")) != NULL) {
		p->memory_given = true;
		parse_regions(v, p);
	}
	if ((v = ywalk_get(n, "devices")) != NULL)
		p->devices = parse_device_names(v, "devices", &p->device_count);
	if ((v = ywalk_get(n, "unprotected_dma")) != NULL)
		p->dma_acknowledged = parse_device_names(v, "unprotected_dma", &p->dma_acknowledged_count);
	if ((v = ywalk_get(n, "pci")) != NULL)
		parse_pci(v, p);
	if ((v = ywalk_get(n, "console")) != NULL) {
		p->console_at = v->at;
		if (ywalk_string(v, "console", &p->console_device)) {
			p->console = strcmp(p->console_device, "emulated") == 0 ? CONSOLE_EMULATED :
				     strcmp(p->console_device, "ring") == 0	? CONSOLE_RING :
										  CONSOLE_DEVICE;
		}
	}
	if ((v = ywalk_get(n, "image")) != NULL)
		parse_image(v, &p->image);
	if ((v = ywalk_get(n, "features")) != NULL)
		parse_features(v, p);
	if ((v = ywalk_get(n, "control")) != NULL)
		ywalk_bool(v, "control", &p->control);
	if ((v = ywalk_get(n, "on_fault")) != NULL) {
		unsigned int policy = POLICY_INJECT;
		parse_choice(v, "fault policy", policy_names, "one of inject, stop, restart", &policy);
		p->on_fault = (enum fault_policy_kind)policy;
	}
	if ((v = ywalk_get(n, "wfi")) != NULL) {
		unsigned int choice = 0;

		p->wfi_at = v->at;
		if (parse_choice(v, "wfi mode", wfi_names, "trap or native", &choice))
			p->wfi = choice == 0 ? WFI_TRAP : WFI_NATIVE;
	}
}

static void parse_schedule(const struct ynode *n, struct schedule_spec *s)
{
	const struct ynode *v, *windows;
	uint64_t cpu = 0;

	s->at = n->at;
	ywalk_check_keys(n, schedule_keys, "a schedule");
	if ((v = ywalk_get(n, "cpu")) != NULL && ywalk_integer(v, "schedule cpu", &cpu)) {
		s->cpu = cpu > 4096 ? 4096 : (unsigned int)cpu;
		s->cpu_at = v->at;
	} else if (v == NULL) {
		diag_error(n->at, NULL, "a schedule needs the cpu it runs on");
	}
	if ((v = ywalk_get(n, "major_frame")) != NULL) {
		s->frame_at = v->at;
		ywalk_time(v, "major_frame", &s->major_frame);
	} else {
		diag_error(n->at, "for example: major_frame: 10ms", "a schedule needs a major_frame");
	}
	if ((v = ywalk_get(n, "urgent_budget")) != NULL) {
		s->budget_at = v->at;
		s->urgent_budget_set = ywalk_time(v, "urgent_budget", &s->urgent_budget);
	}
	windows = ywalk_get(n, "windows");
	if (windows == NULL) {
		diag_error(n->at, NULL, "a schedule needs windows");
		return;
	}
	if (!ywalk_is(windows, YNODE_SEQ, "windows"))
		return;
	s->windows = calloc(windows->count, sizeof(*s->windows));
	for (size_t i = 0; s->windows != NULL && i < windows->count; i++) {
		const struct ynode *w = windows->items[i];
		struct window_spec *ws = &s->windows[s->window_count];
		uint64_t vcpu = 0;
		bool ok = ywalk_is(w, YNODE_MAP, "a window");

		if (!ok)
			continue;
		ywalk_check_keys(w, window_keys, "a window");
		ws->at = w->at;
		ws->partition_index = -1;
		ok = (v = ywalk_get(w, "partition")) != NULL && ywalk_string(v, "partition", &ws->partition);
		if (ok && (v = ywalk_get(w, "vcpu")) != NULL)
			ok = ywalk_integer(v, "vcpu", &vcpu);
		ws->vcpu = vcpu > 255 ? 255 : (unsigned int)vcpu;
		ok = ok && (v = ywalk_get(w, "start")) != NULL && ywalk_time(v, "start", &ws->start);
		ok = ok && (v = ywalk_get(w, "duration")) != NULL && ywalk_time(v, "duration", &ws->duration);
		if (!ok) {
			if (v == NULL)
				diag_error(w->at, "for example: { partition: rt, start: 0ms, duration: 2ms }",
					   "a window needs partition, start and duration");
			continue;
		}
		s->window_count++;
	}
}

static void parse_channel(const struct ynode *n, struct channel_spec *c)
{
	const struct ynode *v, *ends;

	c->at = n->at;
	ywalk_check_keys(n, channel_keys, "a channel");
	if ((v = ywalk_get(n, "name")) == NULL || !ywalk_name(v, "channel name", &c->name))
		if (v == NULL)
			diag_error(n->at, NULL, "a channel needs a name");
	if ((v = ywalk_get(n, "size")) == NULL)
		diag_error(n->at, NULL, "a channel needs a size");
	else {
		c->size_at = v->at;
		ywalk_size(v, "channel size", &c->size);
	}
	if ((ends = ywalk_get(n, "endpoints")) == NULL || !ywalk_is(ends, YNODE_SEQ, "endpoints"))
		return;
	if (ends->count != 2) {
		diag_error(ends->at, NULL, "a channel has exactly two endpoints, not %zu", ends->count);
		return;
	}
	for (size_t i = 0; i < 2; i++) {
		const struct ynode *e = ends->items[i];
		struct endpoint_spec *es = &c->endpoints[c->endpoint_count];
		unsigned int access = ACCESS_R;

		if (!ywalk_is(e, YNODE_MAP, "an endpoint"))
			continue;
		ywalk_check_keys(e, endpoint_keys, "a channel endpoint");
		es->at = e->at;
		es->partition_index = -1;
		if ((v = ywalk_get(e, "partition")) == NULL || !ywalk_string(v, "partition", &es->partition)) {
			if (v == NULL)
				diag_error(e->at, NULL, "an endpoint needs a partition");
			continue;
		}
		if ((v = ywalk_get(e, "access")) != NULL && !parse_access(v, &access))
			continue;
		if (access & ACCESS_X) {
			diag_error(v->at, NULL, "channel memory cannot be executable");
			continue;
		}
		es->writable = (access & ACCESS_W) != 0;
		if ((v = ywalk_get(e, "ipa")) != NULL)
			es->has_ipa = ywalk_integer(v, "endpoint ipa", &es->ipa);
		if ((v = ywalk_get(e, "doorbell")) != NULL) {
			uint64_t id;
			if (v->kind == YNODE_SCALAR && strcmp(v->value, "none") == 0)
				es->doorbell = 0;
			else if (ywalk_integer(v, "doorbell interrupt", &id)) {
				if (id < 32 || id > 1019)
					diag_error(v->at, "doorbells are SPIs: interrupt ids 32 to 1019",
						   "doorbell %llu is not an SPI", (unsigned long long)id);
				else
					es->doorbell = (unsigned int)id;
			}
		}
		c->endpoint_count++;
	}
}

void layout_parse(const struct ynode *root, const char *file, struct layout_spec *l)
{
	const struct ynode *v, *hv, *mem;

	memset(l, 0, sizeof(*l));
	l->file = file;
	if (!ywalk_is(root, YNODE_MAP, "a layout"))
		return;
	ywalk_check_keys(root, top_keys, "a layout");
	if ((v = ywalk_get(root, "platform")) == NULL)
		diag_error(root->at, "for example: platform: qemu-virt", "a layout needs a platform");
	else if (ywalk_name(v, "platform", &l->platform))
		l->platform_at = v->at;
	hv = ywalk_get(root, "hypervisor");
	if (hv == NULL)
		diag_error(root->at, "for example: hypervisor: { memory: { base: 0x40000000, size: 64M } }",
			   "a layout needs the hypervisor's memory");
	else if (ywalk_is(hv, YNODE_MAP, "hypervisor")) {
		ywalk_check_keys(hv, hypervisor_keys, "hypervisor");
		mem = ywalk_get(hv, "memory");
		if (mem == NULL)
			diag_error(hv->at, NULL, "hypervisor needs memory: { base, size }");
		else if (ywalk_is(mem, YNODE_MAP, "hypervisor memory")) {
			ywalk_check_keys(mem, base_size_keys, "hypervisor memory");
			l->hv_at = mem->at;
			if ((v = ywalk_get(mem, "base")) == NULL || (v = ywalk_get(mem, "size")) == NULL)
				diag_error(mem->at, NULL, "hypervisor memory needs base and size");
			else {
				ywalk_integer(ywalk_get(mem, "base"), "hypervisor base", &l->hv_base);
				ywalk_size(ywalk_get(mem, "size"), "hypervisor size", &l->hv_size);
			}
		}
	}
	v = ywalk_get(root, "partitions");
	l->partitions_at = v != NULL ? v->at : root->at;
	l->partitions_given = v != NULL;
	if (v == NULL)
		diag_error(root->at, NULL, "a layout needs partitions");
	else if (ywalk_is(v, YNODE_SEQ, "partitions")) {
		l->partitions = calloc(v->count, sizeof(*l->partitions));
		for (size_t i = 0; l->partitions != NULL && i < v->count; i++) {
			if (!ywalk_is(v->items[i], YNODE_MAP, "a partition"))
				continue;
			parse_partition(v->items[i], &l->partitions[l->partition_count]);
			l->partitions[l->partition_count].id = l->partition_count;
			l->partition_count++;
		}
	}
	if ((v = ywalk_get(root, "schedules")) != NULL && ywalk_is(v, YNODE_SEQ, "schedules")) {
		l->schedules = calloc(v->count, sizeof(*l->schedules));
		for (size_t i = 0; l->schedules != NULL && i < v->count; i++) {
			if (ywalk_is(v->items[i], YNODE_MAP, "a schedule"))
				parse_schedule(v->items[i], &l->schedules[l->schedule_count++]);
		}
	}
	if ((v = ywalk_get(root, "channels")) != NULL && ywalk_is(v, YNODE_SEQ, "channels")) {
		l->channels = calloc(v->count, sizeof(*l->channels));
		for (size_t i = 0; l->channels != NULL && i < v->count; i++) {
			if (ywalk_is(v->items[i], YNODE_MAP, "a channel"))
				parse_channel(v->items[i], &l->channels[l->channel_count++]);
		}
	}
}

void layout_free(struct layout_spec *l)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		free(p->vcpus);
		free(p->regions);
		free(p->devices);
		free(p->dma_acknowledged);
		free(p->pci);
		free(p->image.path);
		free(p->image.initrd_path);
	}
	for (unsigned int i = 0; i < l->schedule_count; i++)
		free(l->schedules[i].windows);
	free(l->partitions);
	free(l->schedules);
	free(l->channels);
}
