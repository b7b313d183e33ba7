/* The text ring (byte_ring.h): a seqlock-style single writer, lock-free readers. */
#include <byte_ring.h>

void byte_ring_init(struct byte_ring *ring, char *bytes, uint64_t size)
{
	*ring = (struct byte_ring){ .bytes = bytes, .size = size };
}

void byte_ring_put(struct byte_ring *ring, const char *text, uint64_t len)
{
	uint64_t at = ring->written;

	if (len > ring->size)
		len = ring->size;
	__atomic_store_n(&ring->reserved, at + len, __ATOMIC_RELAXED);
	/* Readers see the reservation before any byte it covers changes. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	for (uint64_t i = 0; i < len; i++)
		ring->bytes[(at + i) % ring->size] = text[i];
	__atomic_store_n(&ring->written, at + len, __ATOMIC_RELEASE);
}

uint64_t byte_ring_end(const struct byte_ring *ring)
{
	return __atomic_load_n(&ring->written, __ATOMIC_ACQUIRE);
}

uint64_t byte_ring_read(const struct byte_ring *ring, uint64_t from, char *buffer, uint64_t size,
			uint64_t *next)
{
	uint64_t end = byte_ring_end(ring), count, reserved, oldest_intact, skip = 0;

	if (end > ring->size && from < end - ring->size)
		from = end - ring->size;
	if (from > end)
		from = end;
	count = end - from < size ? end - from : size;
	for (uint64_t i = 0; i < count; i++)
		buffer[i] = ring->bytes[(from + i) % ring->size];
	/* The copies are done before the writer's progress is looked at again. */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	reserved = __atomic_load_n(&ring->reserved, __ATOMIC_RELAXED);
	oldest_intact = reserved > ring->size ? reserved - ring->size : 0;
	if (from < oldest_intact)
		skip = oldest_intact - from < count ? oldest_intact - from : count;
	for (uint64_t i = skip; i < count; i++)
		buffer[i - skip] = buffer[i];
	*next = from + count;
	return count - skip;
}
