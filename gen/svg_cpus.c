/*
 * Every CPU of the build against time: a pinned vCPU fills its CPU's
 * whole row (it never shares it); a scheduled CPU shows its major frame
 * with each window, the idle gaps between them, and which vCPUs are
 * urgent (their interrupts may preempt others' windows, up to the
 * budget); a CPU nobody uses says so.
 */
#include "svg.h"
#include "units.h"

#include <stdlib.h>

#define LABEL_WIDTH	110
#define ROW_HEIGHT	26
#define AXIS_HEIGHT	14
#define TIME_X		(SVG_MARGIN + LABEL_WIDTH)
#define TIME_WIDTH	(SVG_WIDTH - SVG_MARGIN - TIME_X)

static const struct schedule_spec *schedule_of(const struct layout_spec *l, unsigned int cpu)
{
	for (unsigned int s = 0; s < l->schedule_count; s++)
		if (l->schedules[s].cpu == cpu)
			return &l->schedules[s];
	return NULL;
}

/* The partition and vCPU pinned to cpu, or false. */
static bool pinned_on(const struct layout_spec *l, unsigned int cpu, unsigned int *partition, unsigned int *vcpu)
{
	for (unsigned int i = 0; i < l->partition_count; i++)
		for (unsigned int v = 0; v < l->partitions[i].vcpu_count; v++)
			if (l->partitions[i].vcpus[v].cpu == cpu && !l->partitions[i].vcpus[v].scheduled) {
				*partition = i;
				*vcpu = v;
				return true;
			}
	return false;
}

static int by_start(const void *a, const void *b)
{
	const struct window_spec *x = *(const struct window_spec *const *)a, *y = *(const struct window_spec *const *)b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int time_x(uint64_t t, uint64_t frame)
{
	return TIME_X + (int)((double)TIME_WIDTH * (double)t / (double)frame + 0.5);
}

static void idle_gap(FILE *out, uint64_t from, uint64_t to, uint64_t frame, int y)
{
	char start[32], length[32];
	int x = time_x(from, frame), w = time_x(to, frame) - x;

	units_format_time(from, start, sizeof(start));
	units_format_time(to - from, length, sizeof(length));
	fprintf(out, "<rect class=\"idle\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f2f2f2\" "
		"stroke=\"#999999\" stroke-dasharray=\"3,2\" data-start=\"%llu\" data-duration=\"%llu\">", x, y, w > 1 ? w : 1,
		ROW_HEIGHT, (unsigned long long)from, (unsigned long long)(to - from));
	svg_title(out, "idle from %s for %s of every frame", start, length);
	fputs("</rect>\n", out);
	if (w > 30)
		svg_text(out, x + 4, y + 17, "fill=\"#777777\"", "idle");
}

static void window(FILE *out, const struct layout_spec *l, const struct window_spec *ws, uint64_t frame, int y)
{
	const struct partition_spec *p = &l->partitions[ws->partition_index];
	bool urgent = ws->vcpu < p->vcpu_count && p->vcpus[ws->vcpu].urgent;
	int x = time_x(ws->start, frame), w = time_x(ws->start + ws->duration, frame) - x;
	char start[32], length[32];

	units_format_time(ws->start, start, sizeof(start));
	units_format_time(ws->duration, length, sizeof(length));
	fprintf(out, "<rect class=\"window\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\" "
		"stroke-width=\"%d\" data-partition=\"", x, y, w > 1 ? w : 1, ROW_HEIGHT,
		svg_colour((unsigned int)ws->partition_index), urgent ? "#c00000" : "white", urgent ? 3 : 1);
	svg_escaped(out, ws->partition);
	fprintf(out, "\" data-start=\"%llu\" data-duration=\"%llu\">", (unsigned long long)ws->start,
		(unsigned long long)ws->duration);
	svg_title(out, "%s vCPU %u: %s from %s%s", ws->partition, ws->vcpu, length, start,
		  urgent ? " (urgent: its interrupts may preempt other windows)" : "");
	fputs("</rect>\n", out);
	if (w > 40)
		svg_text(out, x + 4, y + 17, "fill=\"white\"", "%s/%u%s", ws->partition, ws->vcpu, urgent ? " urgent" : "");
}

/* Time labels at the frame's ends and at each window's start, where they fit. */
static void axis(FILE *out, const struct window_spec *const *sorted, unsigned int count, uint64_t frame, int y)
{
	int last_x = -1000;
	char text[32];

	for (unsigned int w = 0; w <= count; w++) {
		uint64_t t = w < count ? sorted[w]->start : frame;
		int x = time_x(t, frame);
		if (x - last_x < 48 && w < count)
			continue;
		units_format_time(t, text, sizeof(text));
		svg_text(out, x, y, w < count ? "font-size=\"10\" fill=\"#555555\"" :
			 "font-size=\"10\" fill=\"#555555\" text-anchor=\"end\"", "%s", t == 0 ? "0" : text);
		last_x = x;
	}
}

/* Returns the height it took below the row. */
static int scheduled_cpu(FILE *out, const struct layout_spec *l, const struct schedule_spec *sc, int y)
{
	const struct window_spec **sorted = calloc(sc->window_count ? sc->window_count : 1, sizeof(*sorted));
	uint64_t budget = sc->urgent_budget_set ? sc->urgent_budget : sc->major_frame / 10, at = 0;
	char frame[32], budget_text[32];
	bool any_urgent = false;

	if (sorted == NULL || sc->major_frame == 0) {
		free(sorted);
		return AXIS_HEIGHT;
	}
	for (unsigned int w = 0; w < sc->window_count; w++) {
		const struct partition_spec *p = &l->partitions[sc->windows[w].partition_index];
		sorted[w] = &sc->windows[w];
		any_urgent = any_urgent || (sc->windows[w].vcpu < p->vcpu_count && p->vcpus[sc->windows[w].vcpu].urgent);
	}
	qsort(sorted, sc->window_count, sizeof(*sorted), by_start);
	units_format_time(sc->major_frame, frame, sizeof(frame));
	units_format_time(budget, budget_text, sizeof(budget_text));
	fprintf(out, "<g class=\"schedule\" data-major-frame=\"%llu\" data-urgent-budget=\"%llu\">",
		(unsigned long long)sc->major_frame, (unsigned long long)budget);
	svg_title(out, "CPU %u: a schedule with a major frame of %s; urgent budget %s per frame", sc->cpu, frame,
		  budget_text);
	fputc('\n', out);
	for (unsigned int w = 0; w < sc->window_count; w++) {
		if (sorted[w]->start > at)
			idle_gap(out, at, sorted[w]->start, sc->major_frame, y);
		window(out, l, sorted[w], sc->major_frame, y);
		at = sorted[w]->start + sorted[w]->duration;
	}
	if (at < sc->major_frame)
		idle_gap(out, at, sc->major_frame, sc->major_frame, y);
	axis(out, sorted, sc->window_count, sc->major_frame, y + ROW_HEIGHT + 11);
	fputs("</g>\n", out);
	svg_text(out, SVG_MARGIN, y + 32, "font-size=\"10\" fill=\"#555555\"", "frame %s", frame);
	free(sorted);
	if (!any_urgent)
		return AXIS_HEIGHT;
	/* How long urgent vCPUs may take from others' windows is what their neighbours lose at most. */
	svg_text(out, SVG_MARGIN, y + 44, "font-size=\"10\" fill=\"#c00000\"", "urgent budget %s", budget_text);
	return AXIS_HEIGHT + 12;
}

int svg_cpus(FILE *out, const struct layout_spec *l, const struct board *b, int y)
{
	svg_text(out, SVG_MARGIN, y, "font-size=\"14\" font-weight=\"bold\"", "CPUs against time");
	y += 10;
	for (unsigned int c = 0; c < b->cpu_count; c++) {
		const struct schedule_spec *sc = schedule_of(l, c);
		unsigned int partition, vcpu;

		fprintf(out, "<g id=\"cpu-%u\">", c);
		if (sc != NULL) {
			svg_title(out, "CPU %u: scheduled", c);
			fputc('\n', out);
			svg_text(out, SVG_MARGIN, y + 17, "font-weight=\"bold\"", "CPU %u", c);
			y += scheduled_cpu(out, l, sc, y);
		} else if (pinned_on(l, c, &partition, &vcpu)) {
			const char *name = l->partitions[partition].name;
			svg_title(out, "CPU %u: pinned to %s vCPU %u, the whole CPU", c, name, vcpu);
			fputc('\n', out);
			svg_text(out, SVG_MARGIN, y + 17, "font-weight=\"bold\"", "CPU %u", c);
			fprintf(out, "<rect class=\"pinned\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
				"data-partition=\"", TIME_X, y, TIME_WIDTH, ROW_HEIGHT, svg_colour(partition));
			svg_escaped(out, name);
			fputs("\"/>\n", out);
			svg_text(out, TIME_X + 6, y + 17, "fill=\"white\"", "%s vCPU %u, pinned: the whole CPU, every frame",
				 name, vcpu);
		} else {
			svg_title(out, "CPU %u: unused", c);
			fputc('\n', out);
			svg_text(out, SVG_MARGIN, y + 17, "font-weight=\"bold\"", "CPU %u", c);
			fprintf(out, "<rect class=\"unused\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
				"stroke=\"#999999\" stroke-dasharray=\"4,3\"/>\n", TIME_X, y, TIME_WIDTH, ROW_HEIGHT);
			svg_text(out, TIME_X + 6, y + 17, "fill=\"#777777\"", "unused: no partition runs here");
		}
		fputs("</g>\n", out);
		y += ROW_HEIGHT + 8;
	}
	return y + 14;
}
