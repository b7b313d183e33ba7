// tests: core/drivers/smmuv3_events.c
// defines: -idirafter core/arch/aarch64/include -DCONFIG_MAX_PARTITIONS=8 -DCONFIG_MAX_VCPUS=16 -DCONFIG_LOG_LEVEL=3
/*
 * The SMMU's event and global-error reporting (core/drivers/smmuv3_events.c)
 * against registers in plain memory, with events as an SMMUv3 writes them
 * (Arm IHI 0070: type in bits 7:0, stream id in 63:32, RnW at bit 35,
 * the input address in the third doubleword): one transfer's faults are
 * one report with its range and count; another stream, type or direction
 * starts another; a stream no partition owns is logged, not reported
 * under anyone; the queue's wrap is followed; an overflow is said and
 * acknowledged; a global error is said once and acknowledged. QEMU 7.2
 * never sets the overflow flag, so only this test reaches that path.
 */
#include "unit.h"

#include "../../core/drivers/smmuv3_internal.h"
#include <fault.h>
#include <layout.h>
#include <partitions.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

struct smmu_state smmu;
uint64_t smmu_eventq[1U << EVENTQ_LOG2][EVENT_DWORDS];
static uint32_t registers[0x20000 / 4];

static const struct layout_device devices[] = { { .name = "pcie-ecam", .base = 0x4010000000, .size = 0x10000000 } };
static const struct layout_stream streams[] = { { .first = 0, .count = 0x100, .rid_base = 0, .partition = 0, .device = 0 } };
static const struct layout_iommu iommu = { .base = 0x9050000, .stream_table = 0x100, .streams = streams, .stream_count = 1 };
const struct layout layout = { .devices = devices, .device_count = 1, .iommu = &iommu };

static struct partition root = { .name = "root" };

struct partition *partition_by_id(uint64_t id)
{
	return id == 0 ? &root : NULL;
}

static struct device_fault reported[8];
static unsigned int reports;

void fault_device(struct partition *p, const struct device_fault *fault)
{
	CHECK(p == &root);
	if (reports < 8)
		reported[reports] = *fault;
	reports++;
}

static char logged[16][256];
static unsigned int lines;

void log_message(int level, const char *fmt, ...)
{
	va_list args;

	(void)level;
	va_start(args, fmt);
	if (lines < 16)
		vsnprintf(logged[lines], sizeof(logged[0]), fmt, args);
	va_end(args);
	lines++;
}

static bool logged_line(const char *part)
{
	for (unsigned int i = 0; i < lines && i < 16; i++)
		if (strstr(logged[i], part) != NULL)
			return true;
	return false;
}

static uint32_t *reg(uintptr_t offset)
{
	return &registers[offset / 4];
}

static void event(unsigned int slot, unsigned int type, uint32_t sid, bool read, uint64_t address)
{
	smmu_eventq[slot][0] = type | ((uint64_t)sid << 32);
	smmu_eventq[slot][1] = read ? 1ULL << 35 : 0;
	smmu_eventq[slot][2] = address;
	smmu_eventq[slot][3] = 0;
}

int main(void)
{
	smmu.base = (uintptr_t)registers;
	smmu.board = &iommu;

	/* One refused read of 5 words, a write elsewhere, a stream nobody owns. */
	for (unsigned int i = 0; i < 5; i++)
		event(i, 0x10, 0x10, true, 0x40081000 + 4 * i);
	event(5, 0x10, 0x10, false, 0x44000000);
	event(6, 0x02, 0x300, true, 0);
	*reg(SMMU_EVENTQ_PROD) = 7;
	*reg(SMMU_EVENTQ_CONS) = 0;
	smmu_events_drain();
	CHECK(reports == 2);
	CHECK(reported[0].kind == FAULT_READ && reported[0].address == 0x40081000 && reported[0].last == 0x40081010 &&
	      reported[0].accesses == 5 && reported[0].stream == 0x10 && reported[0].requester == 0x10);
	CHECK_STR(reported[0].device, "pcie-ecam");
	CHECK_STR(reported[0].reason, "SMMU translation fault");
	CHECK(reported[1].kind == FAULT_WRITE && reported[1].address == 0x44000000 && reported[1].accesses == 1);
	CHECK(logged_line("from stream 0x300, which no partition owns"));
	CHECK(*reg(SMMU_EVENTQ_CONS) == 7);

	/* Overflowed with nothing left: said, and acknowledged by OVACKFLG. */
	reports = lines = 0;
	*reg(SMMU_EVENTQ_PROD) = 7 | QUEUE_OVERFLOW;
	smmu_events_drain();
	CHECK(logged_line("event queue overflowed: events were lost"));
	CHECK(*reg(SMMU_EVENTQ_CONS) == (7 | QUEUE_OVERFLOW));
	CHECK(reports == 0);
	lines = 0;
	smmu_events_drain();
	CHECK(lines == 0);	/* acknowledged: not said again */

	/* Across the end of the queue: the wrap bit flips, the events are read in order. */
	event((1U << EVENTQ_LOG2) - 1, 0x13, 0x20, false, 0x43ff0000);
	event(0, 0x13, 0x20, false, 0x43ff0008);
	*reg(SMMU_EVENTQ_CONS) = (1U << EVENTQ_LOG2) - 1;
	*reg(SMMU_EVENTQ_PROD) = 1U << EVENTQ_LOG2;
	*reg(SMMU_EVENTQ_PROD) |= 1;
	smmu_events_drain();
	CHECK(reports == 1 && reported[0].accesses == 2 && reported[0].last == 0x43ff0008);
	CHECK_STR(reported[0].reason, "SMMU permission fault");
	CHECK(*reg(SMMU_EVENTQ_CONS) == ((1U << EVENTQ_LOG2) | 1));

	/* A global error: said once, acknowledged by GERRORN = GERROR. */
	lines = 0;
	*reg(SMMU_GERROR) = GERROR_EVENTQ_ABT_ERR;
	*reg(SMMU_GERRORN) = 0;
	smmu_gerror_report();
	CHECK(logged_line("an event could not be written"));
	CHECK(*reg(SMMU_GERRORN) == GERROR_EVENTQ_ABT_ERR);
	lines = 0;
	smmu_gerror_report();
	CHECK(lines == 0);
	return unit_finish("smmu_events");
}
