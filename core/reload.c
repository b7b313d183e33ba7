/*
 * Reloading partitions in bounded steps (reload.h). A step never holds a
 * lock across partition-sized work: the partition is PARTITION_LOADING,
 * which no other CPU changes and none of its vCPUs enters, so its memory
 * and vCPUs are this CPU's alone until the last step makes it RUNNING.
 */
#include <arch.h>
#include <arch/vgic.h>
#include <boot_image.h>
#include <artifact_reader.h>
#include <channels.h>
#include <counter.h>
#include <image_check.h>
#include <cpu.h>
#include <log.h>
#include <measurement.h>
#include <partitions.h>
#include <pci_host.h>
#include <reload.h>
#include <string.h>
#include <vcpu_run.h>

enum step_result {
	STEP_MORE,		/* more steps to do */
	STEP_WAITING,		/* nothing to do before a later time or another CPU */
	STEP_DONE,		/* the partition runs, or ended stopped */
};

/* The longest step this CPU has taken, in counter ticks: how close to a window's end one may start. */
static uint64_t longest_step[CONFIG_NR_CPUS];

static bool loadable(const struct artifact_component *c, const struct partition *p)
{
	return c->partition == p->id &&
	       (c->kind == ARTIFACT_KERNEL || c->kind == ARTIFACT_DTB || c->kind == ARTIFACT_INITRD);
}

/* The first of p's images at or after image component `from`, or NULL; *at is its index. */
static const struct artifact_component *next_image(const struct partition *p, unsigned int from, unsigned int *at)
{
	const struct artifact_header *image = boot_image();

	for (unsigned int i = from; image != NULL && i < image->component_count; i++) {
		if (loadable(&image->components[i], p)) {
			*at = i;
			return &image->components[i];
		}
	}
	return NULL;
}

static uint64_t chunk(const struct reload *r, uint64_t size)
{
	uint64_t left = size - r->offset;

	return r->whole || left < RELOAD_STEP_BYTES ? left : RELOAD_STEP_BYTES;
}

static void next_phase(struct reload *r, enum reload_phase phase)
{
	r->phase = phase;
	r->index = 0;
	r->offset = 0;
}

/* This CPU is in the hypervisor, so none of p's vCPUs runs here. */
static bool vcpus_left(const struct partition *p)
{
	for (unsigned int i = 0; i < p->vcpu_count; i++) {
		if (p->vcpus[i].cpu != cpu_this()->index &&
		    __atomic_load_n(&cpu_get(p->vcpus[i].cpu)->vcpu, __ATOMIC_ACQUIRE) == &p->vcpus[i])
			return false;
	}
	return true;
}

static enum step_result step_wait(struct partition *p, struct reload *r)
{
	uint64_t now = arch_counter_read();

	if (!vcpus_left(p)) {
		if (now < r->give_up_at)
			return STEP_WAITING;
		log_error("partition %s: a vCPU did not leave its CPU: left stopped, not cleared", p->name);
		next_phase(r, RELOAD_NONE);
		__atomic_store_n(&p->state, PARTITION_STOPPED, __ATOMIC_RELEASE);
		return STEP_DONE;
	}
	if (now < r->not_before)
		return STEP_WAITING;
	next_phase(r, RELOAD_DEVICES);
	return STEP_MORE;
}

/*
 * Its devices must stop DMA into the memory about to be zeroed and loaded:
 * bus master and decode off, and a Function Level Reset where offered,
 * whose wait is a later step's (index 1: waiting until not_before), so no
 * CPU spins for it.
 */
static enum step_result step_devices(struct partition *p, struct reload *r)
{
	if (r->index == 0) {
		if (pci_partition_quiesce(p))
			r->not_before = arch_counter_read() + counter_ns_to_ticks(PCI_FLR_WAIT_NS);
		r->index = 1;
		return STEP_MORE;
	}
	if (arch_counter_read() < r->not_before)
		return STEP_WAITING;
	pci_partition_reset_finish(p);
	next_phase(r, RELOAD_ZERO);
	return STEP_MORE;
}

static void step_zero(struct partition *p, struct reload *r)
{
	const struct layout_region *region;
	uint64_t size;

	while (r->index < p->layout->region_count && p->layout->regions[r->index].kind != LAYOUT_REGION_RAM)
		r->index++;
	if (r->index == p->layout->region_count) {
		next_phase(r, RELOAD_CHANNELS);
		return;
	}
	region = &p->layout->regions[r->index];
	size = chunk(r, region->size);
	arch_memory_zero((void *)(uintptr_t)(region->pa + r->offset), size);
	r->offset += size;
	if (r->offset == region->size) {
		r->index++;
		r->offset = 0;
	}
}

static void step_copy(struct partition *p, struct reload *r)
{
	unsigned int at;
	const struct artifact_component *c = next_image(p, r->index, &at);
	uint8_t *target;
	uint64_t size;

	if (c == NULL) {
		next_phase(r, RELOAD_RESET);
		return;
	}
	r->index = at;
	target = partition_load_address(p, c->load_ipa, c->size);
	if (target == NULL) {
		log_error("partition %s: %s (%llu bytes at %#llx) does not fit its RAM", p->name,
			  image_kind_name(c->kind), (unsigned long long)c->size, (unsigned long long)c->load_ipa);
		r->index++;
		return;
	}
	size = chunk(r, c->size);
	memcpy(target + r->offset, (const uint8_t *)artifact_data(boot_image(), c) + r->offset, size);
	arch_memory_clean(target + r->offset, size);
	r->offset += size;
	if (r->offset == c->size) {
		r->index++;
		r->offset = 0;
	}
}

/* Bounded by the layout, not by the partition: a few hundred interrupts and its vCPUs. */
static void step_reset(struct partition *p, struct reload *r)
{
	arch_memory_sync_for_execution();
	vgic_partition_reset(p);
	for (unsigned int i = 0; i < p->vcpu_count; i++) {
		struct vcpu *v = &p->vcpus[i];
		v->state = VCPU_OFF;
		v->saved = false;
		v->waiting = false;
		v->yielded_in = 0;
	}
	next_phase(r, RELOAD_HASH);
	r->measured = 0;
}

/* What was loaded is hashed, not what the image says: the log records what runs. */
static void step_hash(struct partition *p, struct reload *r)
{
	unsigned int at;
	const struct artifact_component *c = next_image(p, r->index, &at);
	const uint8_t *loaded;
	uint64_t size;

	if (c == NULL || r->measured == RELOAD_MAX_COMPONENTS) {
		next_phase(r, RELOAD_FINISH);
		return;
	}
	r->index = at;
	loaded = partition_load_address(p, c->load_ipa, c->size);
	if (loaded == NULL) {
		r->index++;
		return;
	}
	if (r->offset == 0)
		sha256_init(&r->hash);
	size = chunk(r, c->size);
	sha256_update(&r->hash, loaded + r->offset, (size_t)size);
	r->offset += size;
	if (r->offset == c->size) {
		sha256_final(&r->hash, r->digests[r->measured++]);
		r->index++;
		r->offset = 0;
	}
}

static void step_finish(struct partition *p, struct reload *r)
{
	enum restart_cause cause = (enum restart_cause)r->cause;
	bool measured = measure_partition_restart(p, p->restarts + 1, r->digests, r->measured);
	unsigned int home = p->vcpus[0].cpu;

	next_phase(r, RELOAD_NONE);
	spin_lock(&p->lock);
	p->restarts++;
	p->fault_restarts = cause == RESTART_BY_FAULT_POLICY ? p->fault_restarts + 1 : 0;
	p->faults = 0;
	p->loaded_at = arch_counter_read();
	if (measured) {
		vuart_open(&p->uart);
		partition_boot_vcpu(p);
	}
	__atomic_store_n(&p->state, measured ? PARTITION_RUNNING : PARTITION_STOPPED, __ATOMIC_RELEASE);
	spin_unlock(&p->lock);
	if (!measured) {
		log_error("partition %s: its restart could not be measured: stopped", p->name);
		return;
	}
	if (home != cpu_this()->index)
		cpu_kick(home);
}

/* Loading only (no wait, no measurement): boot, and the first phases of a reload. */
static enum step_result step_load(struct partition *p, struct reload *r)
{
	switch (r->phase) {
	case RELOAD_ZERO: step_zero(p, r); return STEP_MORE;
	case RELOAD_CHANNELS:
		/* Channel sizes come from the layout; clearing one is a single step. */
		channels_partition_reset(p);
		next_phase(r, RELOAD_COPY);
		return STEP_MORE;
	case RELOAD_COPY: step_copy(p, r); return STEP_MORE;
	case RELOAD_RESET: step_reset(p, r); return STEP_MORE;
	default: return STEP_DONE;
	}
}

static enum step_result step(struct partition *p)
{
	struct reload *r = &p->reload;

	switch (r->phase) {
	case RELOAD_NONE: return STEP_DONE;
	case RELOAD_WAIT: return step_wait(p, r);
	case RELOAD_DEVICES: return step_devices(p, r);
	case RELOAD_HASH: step_hash(p, r); return STEP_MORE;
	case RELOAD_FINISH: step_finish(p, r); return STEP_DONE;
	default: return step_load(p, r);
	}
}

void reload_load_now(struct partition *p)
{
	/* Before any partition runs, steps would bound nobody's wait: one per region. */
	struct reload r = { .phase = RELOAD_ZERO, .whole = true };

	while (step_load(p, &r) == STEP_MORE && r.phase != RELOAD_HASH)
		;
}

bool reload_run_now(struct partition *p, unsigned int cause)
{
	enum step_result result;

	p->reload = (struct reload){ .phase = RELOAD_WAIT, .cause = cause,
				     .give_up_at = arch_counter_read() + arch_counter_frequency() };	/* 1 s */
	while ((result = step(p)) != STEP_DONE)
		if (result == STEP_WAITING)
			arch_cpu_relax();
	return __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) == PARTITION_RUNNING;
}

/* How often a waiting reload looks whether its vCPUs have left their CPUs. */
#define VCPU_POLL_NS	50000ULL

/* Steps of p until done (true), waiting, or (until != 0) no step fits before `until`. */
static bool work_on(struct cpu *cpu, struct partition *p, uint64_t until)
{
	struct reload *r = &p->reload;
	bool first_in_window = until != 0 && r->window_end != until;
	unsigned int cause = r->cause;

	r->window_end = until;
	for (;;) {
		uint64_t start = arch_counter_read(), took;
		enum step_result result;

		/* A window shorter than a step still gets one: the reload always progresses. */
		if (until != 0 && !first_in_window && start + longest_step[cpu->index] >= until)
			return false;
		first_in_window = false;
		result = step(p);
		took = arch_counter_read() - start;
		if (took > longest_step[cpu->index])
			longest_step[cpu->index] = took;
		if (result == STEP_WAITING) {
			/* Wake up for the rate limit's end, or to look at the vCPUs again
			 * (a window's end is armed already). */
			uint64_t wake = vcpus_left(p) ? r->not_before : start + counter_ns_to_ticks(VCPU_POLL_NS);
			if (until == 0 || wake < until)
				arch_timer_set_deadline(wake);
			return false;
		}
		if (result == STEP_DONE) {
			/* A fault contained is shown at once; a partition's own reset is only kept. */
			bool running = __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) == PARTITION_RUNNING;

			if (running && cause == RESTART_BY_FAULT_POLICY)
				log_notice("partition %s restarted (%u restarts)", p->name, p->restarts);
			else if (running)
				log_info("partition %s restarted (%u restarts)", p->name, p->restarts);
			return true;
		}
	}
}

static bool reloading_here(const struct cpu *cpu, const struct partition *p)
{
	return __atomic_load_n(&p->state, __ATOMIC_ACQUIRE) == PARTITION_LOADING &&
	       p->reload.phase != RELOAD_NONE && p->vcpus[0].cpu == cpu->index && p->reload.cause != RESTART_BY_CONTROL;
}

bool reload_work(struct cpu *cpu, struct partition *only, uint64_t until)
{
	bool finished = false;

	if (only != NULL)
		return reloading_here(cpu, only) && work_on(cpu, only, until);
	for (unsigned int i = 0; i < partition_table_count; i++) {
		if (reloading_here(cpu, &partition_table[i]))
			finished |= work_on(cpu, &partition_table[i], 0);
	}
	return finished;
}
