/*
 * What the SMMU reports: its event queue (a device's access its owner's
 * memory does not allow, a stream nobody owns) and its global errors. Each
 * is logged, translation faults through the fault log under the device's
 * owner; an overflowed or aborted queue is said, never silently lost.
 * Taken on the SMMU's wired interrupts, on the CPU that set it up.
 */
#include <fault.h>
#include <layout.h>
#include <log.h>
#include <partitions.h>
#include <smmu.h>

#include "smmuv3_internal.h"

/* Events of streams nobody owns: logged up to this many, then counted. */
#define UNOWNED_LOGGED 8

static unsigned int unowned_events;

static const struct layout_stream *stream_owner(uint32_t sid)
{
	for (unsigned int i = 0; i < smmu.board->stream_count; i++) {
		const struct layout_stream *s = &smmu.board->streams[i];
		if (sid >= s->first && sid - s->first < s->count)
			return s;
	}
	return NULL;
}

static const char *event_name(unsigned int type)
{
	switch (type) {
	case EVT_BAD_STREAMID: return "stream beyond the stream table";
	case EVT_F_TRANSLATION: return "SMMU translation fault";
	case EVT_F_ADDR_SIZE: return "SMMU address size fault";
	case EVT_F_ACCESS: return "SMMU access flag fault";
	case EVT_F_PERMISSION: return "SMMU permission fault";
	default: return "SMMU configuration or walk error";
	}
}

/*
 * A device faults once per access it makes: a refused 2 KiB transfer is
 * hundreds of events. Events that continue one another (same stream, type
 * and direction, the address at most a cache line on) are reported as one.
 */
#define RUN_GAP 64

struct run {
	unsigned int type;
	uint32_t sid;
	bool read;
	uint64_t first, last;
	unsigned int accesses;
};

static void report_run(const struct run *run)
{
	const struct layout_stream *s = stream_owner(run->sid);
	struct partition *p = s != NULL ? partition_by_id(s->partition) : NULL;
	bool access = run->type >= EVT_F_TRANSLATION && run->type <= EVT_F_PERMISSION;

	if (run->accesses == 0)
		return;
	if (p != NULL && access) {
		struct device_fault fault = {
			.device = layout.devices[s->device].name, .function = s->function, .stream = run->sid,
			.requester = s->rid_base + (run->sid - s->first),
			.kind = run->read ? FAULT_READ : FAULT_WRITE, .address = run->first, .last = run->last,
			.accesses = run->accesses, .reason = event_name(run->type),
		};
		fault_device(p, &fault);
		return;
	}
	if (unowned_events++ < UNOWNED_LOGGED)
		log_warn("SMMU: event %#x (%s) from stream %#x%s%s, address %#llx (%u events): transfer aborted",
			 run->type, event_name(run->type), run->sid, p != NULL ? " of partition " : ", which no partition owns",
			 p != NULL ? p->name : "", (unsigned long long)run->first, run->accesses);
	else if (unowned_events == UNOWNED_LOGGED + 1)
		log_warn("SMMU: further events of unowned streams are counted, not logged");
}

/* Adds the event to the run, or reports the run and starts another. */
static void add_event(struct run *run, const uint64_t *event)
{
	struct run next = { .type = EVENT_TYPE(event[0]), .sid = EVENT_STREAM(event[0]), .read = EVENT_READ(event[1]),
			    .first = event[2], .last = event[2], .accesses = 1 };

	if (run->accesses > 0 && next.type == run->type && next.sid == run->sid && next.read == run->read &&
	    next.first >= run->first && next.first <= run->last + RUN_GAP) {
		if (next.first > run->last)
			run->last = next.first;
		run->accesses++;
		return;
	}
	report_run(run);
	*run = next;
}

void smmu_events_drain(void)
{
	uint32_t mask = (2U << EVENTQ_LOG2) - 1, prod = *smmu_reg(SMMU_EVENTQ_PROD);
	uint32_t cons = *smmu_reg(SMMU_EVENTQ_CONS);
	struct run run = { 0 };

	/* The SMMU drops events while the queue is full and says so once. */
	if ((prod ^ cons) & QUEUE_OVERFLOW) {
		log_warn("SMMU: event queue overflowed: events were lost (device faults not all logged)");
		cons ^= QUEUE_OVERFLOW;
	}
	while (((prod ^ cons) & mask) != 0) {
		const uint64_t *event = smmu_eventq[cons & ((1U << EVENTQ_LOG2) - 1)];
		uint64_t copy[EVENT_DWORDS] = { event[0], event[1], event[2], event[3] };

		cons = (cons & QUEUE_OVERFLOW) | ((cons + 1) & mask);
		/* The slot goes back at once: the SMMU may go on writing while we report. */
		*smmu_reg(SMMU_EVENTQ_CONS) = cons;
		add_event(&run, copy);
		prod = *smmu_reg(SMMU_EVENTQ_PROD);
	}
	*smmu_reg(SMMU_EVENTQ_CONS) = cons;
	report_run(&run);
}

void smmu_gerror_report(void)
{
	uint32_t gerror = *smmu_reg(SMMU_GERROR), active = gerror ^ *smmu_reg(SMMU_GERRORN);

	if (active == 0)
		return;
	if (active & GERROR_CMDQ_ERR)
		log_error("SMMU: global error: command rejected (CMDQ_CONS.ERR %#x)",
			  CMDQ_CONS_ERR(*smmu_reg(SMMU_CMDQ_CONS)));
	if (active & GERROR_EVENTQ_ABT_ERR)
		log_error("SMMU: global error: an event could not be written (queue full or unreachable): "
			  "device faults were lost");
	if (active & ~(GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR))
		log_error("SMMU: global error %#x", active & ~(GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR));
	/* Acknowledged by making GERRORN equal GERROR; the events still queued go on being read. */
	*smmu_reg(SMMU_GERRORN) = gerror;
	smmu_events_drain();
}
