/*
 * The measurement log (measurement.h) in the layout's event-log region:
 * the region's header, then the TCG log that core/lib/event_log.c
 * writes. Appends are serialised: restarts happen on any CPU.
 */
#include <arch.h>
#include <artifact_reader.h>
#include <boot_image.h>
#include <event_log.h>
#include <layout.h>
#include <log.h>
#include <measurement.h>
#include <partitions.h>
#include <sha256.h>
#include <spinlock.h>
#include <string.h>

static struct event_log log;
static struct spinlock log_lock;
static unsigned int restarts_counted;

static struct event_log_region *region(void)
{
	return (struct event_log_region *)(uintptr_t)(layout.hypervisor_base + layout.hypervisor_size -
						      LAYOUT_EVENT_LOG_SIZE);
}

/* Readers take log_size as the promise that the bytes before it are written. */
static void publish(void)
{
	struct event_log_region *r = region();

	__atomic_store_n(&r->events, log.events, __ATOMIC_RELAXED);
	__atomic_store_n(&r->flags, (log.full ? EVENT_LOG_REGION_FULL : 0U) |
			 (restarts_counted != 0 ? EVENT_LOG_REGION_RESTARTS_COUNTED : 0U), __ATOMIC_RELAXED);
	__atomic_store_n(&r->log_size, (uint32_t)log.size, __ATOMIC_RELEASE);
	arch_memory_clean(r, LAYOUT_EVENT_LOG_SIZE);
}

/*
 * The room each partition has for its restarts' events, fixed at boot: the
 * log left after the boot events, shared equally, so that no partition's
 * restarts can use another's room. Written under log_lock.
 */
static size_t restart_room[CONFIG_MAX_PARTITIONS];

/* The most one event can take: header, one SHA-256, the longest description. */
#define EVENT_MAX_SIZE	(4U + 4U + 4U + 2U + SHA256_DIGEST_SIZE + 4U + EVENT_DESCRIPTION_MAX)

static void share_restart_room(void)
{
	size_t share = layout.partition_count == 0 || log.full ? 0 : (log.capacity - log.size) / layout.partition_count;

	for (unsigned int i = 0; i < CONFIG_MAX_PARTITIONS; i++)
		restart_room[i] = share;
}

void measurement_boot(const struct artifact_header *image)
{
	struct event_log_region *r = region();

	memset(r, 0, sizeof(*r));
	memcpy(r->magic, EVENT_LOG_REGION_MAGIC, sizeof(r->magic));
	r->version = EVENT_LOG_REGION_VERSION;
	event_log_init(&log, r->log, LAYOUT_EVENT_LOG_CAPACITY);
	/* Verified just now: the manifest's digests are those of the bytes in memory. */
	for (unsigned int i = 0; i < image->component_count; i++)
		event_log_component(&log, &image->components[i], image->components[i].sha256, 0);
	share_restart_room();
	publish();
	log_info("measured boot: %u events, %zu bytes of log at %p%s", log.events, log.size, (void *)r->log,
		 log.full ? " (FULL: events lost)" : "");
}

/* Whether each digest is the one the verified manifest gives that image. */
static bool unchanged(const struct partition *p, const struct artifact_header *image,
		      const uint8_t (*digests)[SHA256_DIGEST_SIZE], unsigned int count)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < image->component_count && n < count; i++) {
		const struct artifact_component *c = &image->components[i];
		if (c->kind == ARTIFACT_HYPERVISOR || c->kind == ARTIFACT_TABLES || c->partition != p->id ||
		    partition_load_address(p, c->load_ipa, c->size) == NULL)
			continue;
		if (memcmp(c->sha256, digests[n++], SHA256_DIGEST_SIZE) != 0)
			return false;
	}
	return n == count;
}

bool measure_partition_restart(const struct partition *p, unsigned int restart,
			       const uint8_t (*digests)[SHA256_DIGEST_SIZE], unsigned int count)
{
	const struct artifact_header *image = boot_image();
	size_t *room, before;
	bool logged = false, counted = false, may_run = true;
	unsigned int n = 0;

	if (image == NULL || log.buffer == NULL || p->id >= CONFIG_MAX_PARTITIONS)
		return true;
	room = &restart_room[p->id];
	spin_lock(&log_lock);
	before = log.size;
	if ((size_t)count * EVENT_MAX_SIZE <= *room) {
		for (unsigned int i = 0; i < image->component_count && n < count; i++) {
			const struct artifact_component *c = &image->components[i];
			if (c->kind == ARTIFACT_HYPERVISOR || c->kind == ARTIFACT_TABLES || c->partition != p->id ||
			    partition_load_address(p, c->load_ipa, c->size) == NULL)
				continue;
			event_log_component(&log, c, digests[n++], restart);
		}
		*room -= log.size - before;
		logged = true;
	} else if (unchanged(p, image, digests, count)) {
		/* Its room is spent: the same verified bytes again are counted, not logged. */
		restarts_counted++;
		counted = true;
	} else {
		may_run = false;
	}
	region()->restarts_counted = restarts_counted;
	publish();
	spin_unlock(&log_lock);
	if (logged)
		log_info("measured boot: restart %u of %s recorded (%u events)", restart, p->name, log.events);
	else if (counted)
		log_info("measured boot: restart %u of %s counted, not logged: its room in the log is used", restart,
			 p->name);
	return may_run;
}

const void *measurement_log(size_t *size)
{
	if (log.buffer == NULL) {
		*size = 0;
		return NULL;
	}
	*size = __atomic_load_n(&region()->log_size, __ATOMIC_ACQUIRE);
	return log.buffer;
}
