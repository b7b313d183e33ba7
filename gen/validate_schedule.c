/*
 * Rules about time and sharing: schedules (windows inside the major frame,
 * no overlap, every scheduled vCPU served) and channels (known, distinct
 * partitions, doorbells that collide with nothing).
 */
#include "validate_internal.h"
#include "units.h"

#include <cpu_features.h>
#include "ywalk.h"

#include <stdio.h>
#include <string.h>

int find_partition(const struct layout_spec *l, const char *name)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		if (l->partitions[i].name != NULL && strcmp(l->partitions[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

static void unknown_partition(const struct layout_spec *l, struct source_position at, const char *name,
			      const char *role)
{
	const char *names[65] = { 0 };
	const char *suggestion;

	for (unsigned int i = 0; i < l->partition_count && i < 64; i++)
		names[i] = l->partitions[i].name ? l->partitions[i].name : "";
	suggestion = ywalk_suggest(name, names);
	if (suggestion != NULL)
		diag_error(at, NULL, "%s names unknown partition '%s'; did you mean '%s'?", role, name, suggestion);
	else
		diag_error(at, NULL, "%s names unknown partition '%s'", role, name);
}

static void check_windows(const struct layout_spec *l, struct schedule_spec *s)
{
	for (unsigned int w = 0; w < s->window_count; w++) {
		struct window_spec *ws = &s->windows[w];
		const struct partition_spec *p;
		uint64_t end;

		ws->partition_index = find_partition(l, ws->partition);
		if (ws->partition_index < 0) {
			unknown_partition(l, ws->at, ws->partition, "a window");
			continue;
		}
		p = &l->partitions[ws->partition_index];
		if (ws->vcpu >= p->vcpu_count || !p->vcpus[ws->vcpu].scheduled || p->vcpus[ws->vcpu].cpu != s->cpu)
			diag_error(ws->at, "place it with vcpus: [ { schedule: N } ]",
				   "vCPU %u of '%s' is not on CPU %u's schedule", ws->vcpu, ws->partition, s->cpu);
		if (ws->duration == 0) {
			diag_error(ws->at, NULL, "a window needs a duration above zero");
			continue;
		}
		if (ws->start > UINT64_MAX - ws->duration || (end = ws->start + ws->duration) > s->major_frame) {
			char frame[32];
			units_format_time(s->major_frame, frame, sizeof(frame));
			diag_error(ws->at, NULL, "window of '%s' ends after the %s major frame", ws->partition, frame);
			continue;
		}
		for (unsigned int o = 0; o < w; o++) {
			const struct window_spec *other = &s->windows[o];
			if (other->duration != 0 && ranges_overlap(ws->start, ws->duration, other->start, other->duration))
				diag_error(ws->at, NULL, "window of '%s' overlaps the window of '%s' at line %u",
					   ws->partition, other->partition, other->at.line);
		}
	}
}

/*
 * State a CPU's schedule does not switch between vCPUs: SVE and SME
 * registers, pointer-authentication keys, and the PMU, debug, trace, SPE
 * and AMU controls (dozens of registers a switch would have to move). A
 * partition that shares a CPU loses those features — hidden and trapped,
 * so one vCPU cannot leave a watchpoint or a counter to the next — and is
 * told so.
 */
#define UNSWITCHED_NAMES "sve, sme, pauth, pmu, debug, trace, amu, spe"

static void hide_unswitched_state(struct layout_spec *l)
{
	const uint64_t unswitched = FEATURE_BIT(FEATURE_SVE) | FEATURE_BIT(FEATURE_SME) |
		FEATURE_BIT(FEATURE_PAUTH) | FEATURE_BIT(FEATURE_PMU) | FEATURE_BIT(FEATURE_DEBUG) |
		FEATURE_BIT(FEATURE_TRACE) | FEATURE_BIT(FEATURE_AMU) | FEATURE_BIT(FEATURE_SPE);

	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct partition_spec *p = &l->partitions[i];
		bool shares = false;

		for (unsigned int v = 0; v < p->vcpu_count; v++)
			shares |= p->vcpus[v].scheduled;
		/* A scheduled root is refused (check_vcpus): nothing to add. */
		if (!shares || p->root || (p->hidden_features & unswitched) == unswitched)
			continue;
		diag_warning(p->at, "add features: { hide: [" UNSWITCHED_NAMES "] } to say so in the layout",
			     "partition '%s' shares a CPU, so " UNSWITCHED_NAMES " are hidden from it "
			     "(their registers are not switched between vCPUs)", p->name ? p->name : "?");
		p->hidden_features |= unswitched;
	}
}

/* Urgent preemption takes at most this fraction of a frame unless the layout says. */
#define URGENT_BUDGET_DEFAULT_DIVISOR	10

void validate_schedules(struct layout_spec *l, const struct board *b)
{
	hide_unswitched_state(l);
	for (unsigned int i = 0; i < l->schedule_count; i++) {
		struct schedule_spec *s = &l->schedules[i];
		if (s->cpu >= b->cpu_count) {
			diag_error(s->cpu_at, NULL, "CPU %u does not exist: this build has CPUs 0 to %u", s->cpu,
				   b->cpu_count - 1);
			continue;
		}
		for (unsigned int j = 0; j < i; j++) {
			if (l->schedules[j].cpu == s->cpu)
				diag_error(s->cpu_at, NULL, "CPU %u has two schedules (the other at line %u)", s->cpu,
					   l->schedules[j].at.line);
		}
		if (s->major_frame == 0)
			diag_error(s->frame_at.line ? s->frame_at : s->at, NULL, "the major frame must be longer than zero");
		if (!s->urgent_budget_set)
			s->urgent_budget = s->major_frame / URGENT_BUDGET_DEFAULT_DIVISOR;
		else if (s->urgent_budget > s->major_frame)
			diag_error(s->budget_at, "0 disables urgent preemption; the frame is the most it can take",
				   "urgent_budget is longer than the major frame");
		check_windows(l, s);
	}
	/* Every scheduled vCPU needs a schedule on its CPU and time in it. */
	for (unsigned int i = 0; i < l->partition_count; i++) {
		const struct partition_spec *p = &l->partitions[i];
		for (unsigned int v = 0; v < p->vcpu_count; v++) {
			const struct vcpu_spec *vs = &p->vcpus[v];
			bool has_schedule = false, has_window = false;
			if (!vs->scheduled)
				continue;
			for (unsigned int s = 0; s < l->schedule_count; s++) {
				if (l->schedules[s].cpu != vs->cpu)
					continue;
				has_schedule = true;
				for (unsigned int w = 0; w < l->schedules[s].window_count; w++) {
					const struct window_spec *ws = &l->schedules[s].windows[w];
					if (ws->partition_index == (int)i && ws->vcpu == v && ws->duration > 0)
						has_window = true;
				}
			}
			if (!has_schedule)
				diag_error(vs->at, "add a schedule for that CPU under 'schedules'",
					   "vCPU %u of '%s' is scheduled on CPU %u, which has no schedule", v,
					   p->name ? p->name : "?", vs->cpu);
			else if (!has_window)
				diag_error(vs->at, NULL, "vCPU %u of '%s' has no window in CPU %u's schedule", v,
					   p->name ? p->name : "?", vs->cpu);
		}
	}
}

/* Refuses a doorbell whose interrupt id a device or an earlier doorbell has, naming it. */
static bool doorbell_taken(const struct layout_spec *l, const struct board *b, const struct endpoint_spec *self)
{
	for (unsigned int d = 0; d < b->device_count; d++) {
		const struct board_device *dev = &b->devices[d];
		for (unsigned int k = 0; k < dev->interrupt_count; k++) {
			if (dev->interrupts[k] != self->doorbell)
				continue;
			char owner[64];
			if (dev->owner >= 0)
				snprintf(owner, sizeof(owner), "given to '%s'", l->partitions[dev->owner].name);
			else
				snprintf(owner, sizeof(owner), "the root partition's by default");
			diag_error(self->at, "pick an interrupt id no device or other doorbell uses",
				   "doorbell interrupt %u is the interrupt of device '%s' (%s)", self->doorbell,
				   dev->name, owner);
			return true;
		}
	}
	for (unsigned int n = 0; b->pci.present && n < 4; n++) {
		if (b->pci.intx[n] == self->doorbell) {
			diag_error(self->at, "pick an interrupt id no device or other doorbell uses",
				   "doorbell interrupt %u is an INTx line of the PCIe host", self->doorbell);
			return true;
		}
	}
	for (unsigned int c = 0; c < l->channel_count; c++) {
		for (unsigned int e = 0; e < l->channels[c].endpoint_count; e++) {
			const struct endpoint_spec *other = &l->channels[c].endpoints[e];
			if (other == self)
				return false;
			if (other->doorbell != self->doorbell)
				continue;
			diag_error(self->at, "pick an interrupt id no device or other doorbell uses",
				   "doorbell interrupt %u is also the doorbell of channel '%s' in '%s' (line %u)",
				   self->doorbell, l->channels[c].name ? l->channels[c].name : "?", other->partition,
				   other->at.line);
			return true;
		}
	}
	return false;
}

void validate_channels(struct layout_spec *l, const struct board *b)
{
	for (unsigned int i = 0; i < l->channel_count; i++) {
		struct channel_spec *c = &l->channels[i];
		for (unsigned int j = 0; j < i && c->name; j++) {
			if (l->channels[j].name && strcmp(l->channels[j].name, c->name) == 0)
				diag_error(c->at, NULL, "duplicate channel name '%s' (first at line %u)", c->name,
					   l->channels[j].at.line);
		}
		if (c->size == 0 || c->size % PAGE_SIZE_4K != 0)
			diag_error(c->size_at.line ? c->size_at : c->at, "channels are mapped in 4 KiB pages",
				   "channel size must be a non-zero multiple of 4K");
		for (unsigned int e = 0; e < c->endpoint_count; e++) {
			struct endpoint_spec *ep = &c->endpoints[e];
			ep->partition_index = find_partition(l, ep->partition);
			if (ep->partition_index < 0)
				unknown_partition(l, ep->at, ep->partition, "a channel endpoint");
			if (ep->doorbell != 0 && ep->doorbell >= b->spi_limit)
				diag_error(ep->at, NULL, "doorbell %u is beyond the interrupt controller's %u ids",
					   ep->doorbell, b->spi_limit);
			else if (ep->doorbell != 0)
				doorbell_taken(l, b, ep);
		}
		if (c->endpoint_count == 2 && !c->endpoints[0].writable && !c->endpoints[1].writable)
			diag_error(c->endpoints[1].at, "give the end that writes access: rw",
				   "channel '%s' is read-only at both ends: nothing could ever be written to it",
				   c->name ? c->name : "?");
		if (c->endpoint_count == 2 && c->endpoints[0].partition_index >= 0 &&
		    c->endpoints[0].partition_index == c->endpoints[1].partition_index)
			diag_error(c->endpoints[1].at, NULL, "a channel connects two different partitions");
	}
}
