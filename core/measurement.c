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
	__atomic_store_n(&r->flags, log.full ? EVENT_LOG_REGION_FULL : 0U, __ATOMIC_RELAXED);
	__atomic_store_n(&r->log_size, (uint32_t)log.size, __ATOMIC_RELEASE);
	arch_memory_clean(r, LAYOUT_EVENT_LOG_SIZE);
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
	publish();
	log_info("measured boot: %u events, %zu bytes of log at %p%s", log.events, log.size, (void *)r->log,
		 log.full ? " (FULL: events lost)" : "");
}

void measure_partition_restart(const struct partition *p)
{
	const struct artifact_header *image = boot_image();

	if (image == NULL || log.buffer == NULL)
		return;
	spin_lock(&log_lock);
	for (unsigned int i = 0; i < image->component_count; i++) {
		const struct artifact_component *c = &image->components[i];
		uint8_t digest[SHA256_DIGEST_SIZE];
		const void *loaded;

		if (c->kind == ARTIFACT_HYPERVISOR || c->kind == ARTIFACT_TABLES || c->partition != p->id)
			continue;
		loaded = partition_load_address(p, c->load_ipa, c->size);
		if (loaded == NULL)
			continue;
		sha256(loaded, (size_t)c->size, digest);
		event_log_component(&log, c, digest, p->restarts);
	}
	publish();
	spin_unlock(&log_lock);
	if (log.full)
		log_warn("measurement log full: the restart of %s is not recorded", p->name);
	else
		log_info("measured boot: restart %u of %s recorded (%u events)", p->restarts, p->name, log.events);
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
