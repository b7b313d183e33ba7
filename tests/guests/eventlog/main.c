/*
 * eventlog: the root partition's view of measured boot. It finds the
 * measurement log through its device tree (/reserved-memory, compatible
 * "bulkhead,event-log"), checks the region's header, prints the log's
 * bytes in hex ("EVENTLOG offset hex...") for the test to compare with
 * `bulkhead-image measurements --binary`, and checks that it cannot
 * write to it.
 */
#include <guest.h>
#include <event_log.h>
#include <layout.h>

#define FDT_MAGIC		0xd00dfeedU
#define FDT_BEGIN_NODE		1U
#define FDT_END_NODE		2U
#define FDT_PROP		3U
#define FDT_NOP			4U
#define FDT_END			9U
#define HEX_LINE_BYTES		32U

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool starts_with(const char *text, const char *prefix)
{
	while (*prefix != '\0')
		if (*text++ != *prefix++)
			return false;
	return true;
}

static size_t length_of(const char *text)
{
	size_t n = 0;

	while (text[n] != '\0')
		n++;
	return n;
}

/* The first reg address of the node whose compatible is `compatible`, or 0. */
static uint64_t find_compatible(const uint8_t *fdt, const char *compatible)
{
	const uint8_t *structure = fdt + be32(fdt + 8);
	const char *strings = (const char *)fdt + be32(fdt + 12);
	uint32_t structure_size = be32(fdt + 36);
	uint64_t reg = 0;
	bool matched = false;

	for (uint32_t at = 0; at + 4 <= structure_size;) {
		uint32_t token = be32(structure + at);
		at += 4;
		if (token == FDT_BEGIN_NODE) {
			at += (uint32_t)((length_of((const char *)structure + at) + 4) & ~3UL);
			reg = 0;
			matched = false;
		} else if (token == FDT_PROP) {
			uint32_t size = be32(structure + at), name = be32(structure + at + 4);
			const uint8_t *value = structure + at + 8;
			if (starts_with(strings + name, "compatible") &&
			    starts_with((const char *)value, compatible))
				matched = true;
			if (starts_with(strings + name, "reg") && strings[name + 3] == '\0' && size >= 8)
				reg = (uint64_t)be32(value) << 32 | be32(value + 4);
			if (matched && reg != 0)
				return reg;
			at += 8 + ((size + 3) & ~3U);
		} else if (token == FDT_END_NODE || token == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	return 0;
}

static void dump(const uint8_t *log, uint32_t size)
{
	static const char digits[] = "0123456789abcdef";

	for (uint32_t offset = 0; offset < size; offset += HEX_LINE_BYTES) {
		char line[2 * HEX_LINE_BYTES + 1];
		uint32_t n = size - offset < HEX_LINE_BYTES ? size - offset : HEX_LINE_BYTES;

		for (uint32_t i = 0; i < n; i++) {
			line[2 * i] = digits[log[offset + i] >> 4];
			line[2 * i + 1] = digits[log[offset + i] & 0xf];
		}
		line[2 * n] = '\0';
		console_printf("EVENTLOG %u %s\n", offset, line);
	}
}

void guest_main(uint64_t dtb)
{
	const struct event_log_region *region;
	uint64_t base;

	check(dtb != 0 && be32((const void *)(uintptr_t)dtb) == FDT_MAGIC, "device-tree-present",
	      "x0 = %#llx", (unsigned long long)dtb);
	base = dtb != 0 ? find_compatible((const void *)(uintptr_t)dtb, "bulkhead,event-log") : 0;
	check(base != 0, "event-log-in-device-tree", "no node compatible with bulkhead,event-log");
	if (base == 0)
		done();
	region = (const void *)(uintptr_t)base;
	check(starts_with(region->magic, EVENT_LOG_REGION_MAGIC) && region->version == EVENT_LOG_REGION_VERSION,
	      "event-log-header", "magic or version wrong at %#llx", (unsigned long long)base);
	check(region->log_size > 0 && region->log_size <= LAYOUT_EVENT_LOG_CAPACITY && region->flags == 0,
	      "event-log-complete", "size %u, flags %#x", region->log_size, region->flags);
	console_printf("EVENTLOG size %u events %u\n", region->log_size, region->events);
	dump(region->log, region->log_size);
	{
		struct probe_result r = probe_write((uintptr_t)base + 8, 0);
		check(r.aborted, "event-log-read-only", "a write to the log did not abort");
	}
	done();
}
