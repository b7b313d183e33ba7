/*
 * What an update changes in time and sharing: each CPU's schedule
 * (added, removed, major frame, urgent budget, windows) and each channel
 * (added, removed, size, where it lies, who has which end with which
 * access and doorbell).
 */
#include "diff.h"
#include "units.h"

#include <string.h>

static const struct schedule_spec *schedule_of(const struct layout_spec *l, unsigned int cpu)
{
	for (unsigned int s = 0; s < l->schedule_count; s++)
		if (l->schedules[s].cpu == cpu)
			return &l->schedules[s];
	return NULL;
}

/* "fast/0 0-4ms, slow/0 4ms-10ms" in the layout's order. */
static void windows_text(const struct schedule_spec *sc, char *text, size_t length)
{
	size_t used = 0;

	text[0] = '\0';
	for (unsigned int w = 0; w < sc->window_count; w++) {
		char start[32], end[32];
		units_format_time(sc->windows[w].start, start, sizeof(start));
		units_format_time(sc->windows[w].start + sc->windows[w].duration, end, sizeof(end));
		int n = snprintf(text + used, length - used, "%s%s/%u %s-%s", w ? ", " : "", sc->windows[w].partition,
				 sc->windows[w].vcpu, sc->windows[w].start ? start : "0", end);
		if (n < 0 || (size_t)n >= length - used)
			return;
		used += (size_t)n;
	}
}

static uint64_t budget_of(const struct schedule_spec *sc)
{
	return sc->urgent_budget_set ? sc->urgent_budget : sc->major_frame / 10;
}

static unsigned int diff_schedule(FILE *out, const struct schedule_spec *a, const struct schedule_spec *b)
{
	char from[1024], to[1024];
	unsigned int changes = 0;

	if (a->major_frame != b->major_frame) {
		units_format_time(a->major_frame, from, sizeof(from));
		units_format_time(b->major_frame, to, sizeof(to));
		fprintf(out, "schedule of CPU %u: major frame %s -> %s\n", a->cpu, from, to);
		changes++;
	}
	if (budget_of(a) != budget_of(b)) {
		units_format_time(budget_of(a), from, sizeof(from));
		units_format_time(budget_of(b), to, sizeof(to));
		fprintf(out, "schedule of CPU %u: urgent budget %s -> %s\n", a->cpu, from, to);
		changes++;
	}
	windows_text(a, from, sizeof(from));
	windows_text(b, to, sizeof(to));
	if (strcmp(from, to) != 0) {
		fprintf(out, "schedule of CPU %u: windows %s -> %s\n", a->cpu, from, to);
		changes++;
	}
	return changes;
}

unsigned int diff_schedules(FILE *out, const struct layout_spec *old, const struct layout_spec *new)
{
	unsigned int changes = 0;
	char windows[1024];

	for (unsigned int s = 0; s < old->schedule_count; s++) {
		const struct schedule_spec *a = &old->schedules[s], *b = schedule_of(new, a->cpu);
		if (b != NULL) {
			changes += diff_schedule(out, a, b);
			continue;
		}
		windows_text(a, windows, sizeof(windows));
		fprintf(out, "schedule of CPU %u: removed (was %s)\n", a->cpu, windows);
		changes++;
	}
	for (unsigned int s = 0; s < new->schedule_count; s++) {
		if (schedule_of(old, new->schedules[s].cpu) != NULL)
			continue;
		windows_text(&new->schedules[s], windows, sizeof(windows));
		fprintf(out, "schedule of CPU %u: added (%s)\n", new->schedules[s].cpu, windows);
		changes++;
	}
	return changes;
}

static const struct channel_spec *channel_named(const struct layout_spec *l, const char *name)
{
	for (unsigned int c = 0; c < l->channel_count; c++)
		if (strcmp(l->channels[c].name, name) == 0)
			return &l->channels[c];
	return NULL;
}

/* "controller rw doorbell 100, linux r doorbell 101" */
static void ends_text(const struct channel_spec *ch, char *text, size_t length)
{
	size_t used = 0;

	text[0] = '\0';
	for (unsigned int e = 0; e < ch->endpoint_count; e++) {
		const struct endpoint_spec *ep = &ch->endpoints[e];
		int n = ep->doorbell ? snprintf(text + used, length - used, "%s%s %s doorbell %u", e ? ", " : "",
						ep->partition, ep->writable ? "rw" : "r", ep->doorbell)
				     : snprintf(text + used, length - used, "%s%s %s", e ? ", " : "", ep->partition,
						ep->writable ? "rw" : "r");
		if (n < 0 || (size_t)n >= length - used)
			return;
		used += (size_t)n;
	}
}

static unsigned int diff_channel(FILE *out, const struct channel_spec *a, const struct channel_spec *b)
{
	char from[256], to[256];
	unsigned int changes = 0;

	if (a->size != b->size) {
		units_format_size(a->size, from, sizeof(from));
		units_format_size(b->size, to, sizeof(to));
		fprintf(out, "channel %s: size %s -> %s\n", a->name, from, to);
		changes++;
	}
	if (a->pa != b->pa) {
		fprintf(out, "channel %s: moved: physical %#llx -> %#llx\n", a->name, (unsigned long long)a->pa,
			(unsigned long long)b->pa);
		changes++;
	}
	ends_text(a, from, sizeof(from));
	ends_text(b, to, sizeof(to));
	if (strcmp(from, to) != 0) {
		fprintf(out, "channel %s: ends %s -> %s\n", a->name, from, to);
		changes++;
	}
	return changes;
}

unsigned int diff_channels(FILE *out, const struct layout_spec *old, const struct layout_spec *new)
{
	unsigned int changes = 0;
	char ends[256];

	for (unsigned int c = 0; c < old->channel_count; c++) {
		const struct channel_spec *a = &old->channels[c], *b = channel_named(new, a->name);
		if (b != NULL) {
			changes += diff_channel(out, a, b);
			continue;
		}
		ends_text(a, ends, sizeof(ends));
		fprintf(out, "channel %s: removed (was %s)\n", a->name, ends);
		changes++;
	}
	for (unsigned int c = 0; c < new->channel_count; c++) {
		if (channel_named(old, new->channels[c].name) != NULL)
			continue;
		ends_text(&new->channels[c], ends, sizeof(ends));
		fprintf(out, "channel %s: added (%s)\n", new->channels[c].name, ends);
		changes++;
	}
	return changes;
}
