/*
 * The measurement log, in the TCG crypto-agile layout (TCG PC Client
 * Platform Firmware Profile, section 10): a Spec ID header event in the
 * SHA-1 format, then one TCG_PCR_EVENT2 per measurement with its SHA-256
 * and a text description. The hypervisor writes it at boot and on every
 * restart; `bulkhead-image measurements` writes the same bytes on the
 * host from the image alone, so the two can be compared.
 */
#ifndef EVENT_LOG_H
#define EVENT_LOG_H

#include <artifact.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TCG_EV_NO_ACTION		0x03U
#define TCG_EV_POST_CODE		0x01U
#define TCG_EV_TABLE_OF_DEVICES		0x0bU
#define TCG_EV_IPL			0x0dU
#define TCG_ALG_SHA256			0x000bU

/* Which PCR each kind of component extends (docs/image-format.md). */
#define MEASURE_PCR_HYPERVISOR		0U
#define MEASURE_PCR_TABLES		1U
#define MEASURE_PCR_PARTITION_CODE	4U	/* kernels and initrds */
#define MEASURE_PCR_PARTITION_CONFIG	5U	/* device trees */

#define EVENT_DESCRIPTION_MAX		96U

struct event_log {
	uint8_t *buffer;
	size_t capacity;
	size_t size;		/* bytes used */
	unsigned int events;	/* measurement events, the header not counted */
	bool full;		/* an event did not fit: the log is incomplete */
};

/* Starts a log in buffer with its Spec ID header event. */
void event_log_init(struct event_log *log, void *buffer, size_t capacity);

/* Appends one event; false (and log->full) if it does not fit. */
bool event_log_append(struct event_log *log, uint32_t pcr, uint32_t type, const uint8_t sha256[32],
		      const char *description, size_t description_size);

/*
 * Appends the event for one component of the image, with the digest of
 * what was loaded: its PCR, type and a description such as "kernel of partition 2, version 1.0.0"; `restart`
 * is 0 at boot and the restart count when an image is measured again.
 */
bool event_log_component(struct event_log *log, const struct artifact_component *component,
			 const uint8_t sha256[32], unsigned int restart);

/*
 * Where the hypervisor keeps its log for the root partition to read: this
 * header, then the log. The hypervisor appends an event, then updates
 * log_size and events, so a reader that sees a size sees the bytes.
 */
#define EVENT_LOG_REGION_MAGIC		"BHEVTLOG"
#define EVENT_LOG_REGION_VERSION	1U
#define EVENT_LOG_REGION_FULL		(1U << 0)	/* an event did not fit */
#define EVENT_LOG_REGION_RESTARTS_COUNTED (1U << 1)	/* restarts_counted is not 0 */

struct event_log_region {
	char magic[8];
	uint32_t version;
	uint32_t log_size;	/* bytes of log after this header */
	uint32_t events;	/* measurement events, the Spec ID header not counted */
	uint32_t flags;		/* EVENT_LOG_REGION_* */
	/* Restarts of unchanged images not logged: their partition's room was spent. */
	uint32_t restarts_counted;
	uint8_t reserved[36];
	uint8_t log[];
};
_Static_assert(sizeof(struct event_log_region) == 64, "event log region header");

/* One event of a log, as event_log_next() finds it; pointers into the log. */
struct event_view {
	uint32_t pcr;
	uint32_t type;
	const uint8_t *sha256;
	const char *description;
	uint32_t description_size;
};

/*
 * Steps through a log's measurement events: *offset 0 starts after the
 * Spec ID header. False at the end, or where the log is malformed (every
 * size is checked against log_size).
 */
bool event_log_next(const uint8_t *log, size_t log_size, size_t *offset, struct event_view *event);

/* The TCG name of an event type ("EV_IPL"), for people reading a log. */
const char *event_log_type_name(uint32_t type);

#endif
