/*
 * A one-way message ring on a channel's shared memory (docs/control.md),
 * for bare-metal guests and Linux user space alike: header-only, C11,
 * freestanding. Only the writing end writes the channel: the header, then
 * fixed-size slots. The reader keeps its position to itself (its end may
 * be read-only), so the writer cannot see it; flow control, when needed,
 * travels the other way (replies, or a second ring). Every access is an
 * aligned 32- or 64-bit load or store, as /dev/mem's device mappings need.
 */
#ifndef CHANNEL_RING_H
#define CHANNEL_RING_H

#include <stdbool.h>
#include <stdint.h>

#define CHANNEL_RING_MAGIC	0x474e5242U	/* "BRNG" */
#define CHANNEL_RING_HEADER	64U
#define CHANNEL_SLOT_HEADER	8U

/*
 * Offsets in the channel: magic (u32), slot_size (u32), slot_count (u32),
 * reserved (u32), head (u64: messages published, ever), then slots from
 * CHANNEL_RING_HEADER. Slot: length (u32), sequence (u32: the message's
 * number, low 32 bits), payload (slot_size - 8 bytes).
 */
#define CHANNEL_RING_OFF_MAGIC		0
#define CHANNEL_RING_OFF_SLOT_SIZE	4
#define CHANNEL_RING_OFF_SLOT_COUNT	8
#define CHANNEL_RING_OFF_HEAD		16

enum channel_receive {
	CHANNEL_EMPTY = 0,		/* nothing new */
	CHANNEL_NOT_READY = -1,		/* no ring (yet): the writer has not initialised it */
	CHANNEL_OVERRUN = -2,		/* the writer lapped the reader: messages lost; resynchronised */
	CHANNEL_RESET = -3,		/* the writer started over (e.g. it restarted): reading goes on
					 * from its first message */
	CHANNEL_TOO_LONG = -4,		/* the message does not fit the buffer; skipped */
	CHANNEL_BAD_RING = -5,		/* the header puts slots outside the channel: not read */
};

struct channel_reader {
	volatile void *base;
	uint64_t size;			/* of the channel: the writer's header is checked against it */
	uint64_t next;			/* the number of the next message to read */
};

static inline uint32_t channel_load32(volatile void *base, uint64_t offset)
{
	return *(volatile uint32_t *)((volatile uint8_t *)base + offset);
}

static inline void channel_store32(volatile void *base, uint64_t offset, uint32_t value)
{
	*(volatile uint32_t *)((volatile uint8_t *)base + offset) = value;
}

static inline uint64_t channel_load64(volatile void *base, uint64_t offset)
{
	return *(volatile uint64_t *)((volatile uint8_t *)base + offset);
}

static inline void channel_store64(volatile void *base, uint64_t offset, uint64_t value)
{
	*(volatile uint64_t *)((volatile uint8_t *)base + offset) = value;
}

/* Writer: lays out a ring of slot_size-byte slots (a multiple of 8, at least 16). */
static inline bool channel_ring_init(volatile void *base, uint64_t channel_size, uint32_t slot_size)
{
	uint64_t count;

	if (slot_size < 16 || slot_size % 8 != 0 || channel_size < CHANNEL_RING_HEADER + slot_size)
		return false;
	count = (channel_size - CHANNEL_RING_HEADER) / slot_size;
	channel_store64(base, CHANNEL_RING_OFF_HEAD, 0);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_SIZE, slot_size);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_COUNT, (uint32_t)(count > UINT32_MAX ? UINT32_MAX : count));
	__atomic_thread_fence(__ATOMIC_RELEASE);
	channel_store32(base, CHANNEL_RING_OFF_MAGIC, CHANNEL_RING_MAGIC);
	return true;
}

static inline uint32_t channel_ring_payload_max(volatile void *base)
{
	return channel_load32(base, CHANNEL_RING_OFF_SLOT_SIZE) - CHANNEL_SLOT_HEADER;
}

static inline uint32_t channel_ring_slots(volatile void *base)
{
	return channel_load32(base, CHANNEL_RING_OFF_SLOT_COUNT);
}

/* Writer: publishes one message (1 byte up to the payload size, rounded up to 4 when copied). */
static inline bool channel_ring_send(volatile void *base, const void *message, uint32_t length)
{
	uint32_t slot_size = channel_load32(base, CHANNEL_RING_OFF_SLOT_SIZE);
	uint64_t head = channel_load64(base, CHANNEL_RING_OFF_HEAD);
	uint64_t slot = CHANNEL_RING_HEADER + (head % channel_ring_slots(base)) * slot_size;
	const uint8_t *bytes = message;

	if (length == 0 || length > slot_size - CHANNEL_SLOT_HEADER)
		return false;
	for (uint32_t i = 0; i < length; i += 4) {
		uint32_t word = 0;
		for (uint32_t b = 0; b < 4 && i + b < length; b++)
			word |= (uint32_t)bytes[i + b] << (8 * b);
		channel_store32(base, slot + CHANNEL_SLOT_HEADER + i, word);
	}
	channel_store32(base, slot, length);
	channel_store32(base, slot + 4, (uint32_t)head);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	channel_store64(base, CHANNEL_RING_OFF_HEAD, head + 1);
	return true;
}

/* Reader: starts at the next message to be written. */
static inline void channel_reader_attach(struct channel_reader *reader, volatile void *base, uint64_t channel_size)
{
	reader->base = base;
	reader->size = channel_size;
	reader->next = channel_load32(base, CHANNEL_RING_OFF_MAGIC) == CHANNEL_RING_MAGIC ?
		       channel_load64(base, CHANNEL_RING_OFF_HEAD) : 0;
}

/* Reader: the next message into buffer; its length, or a channel_receive value. */
static inline int64_t channel_ring_receive(struct channel_reader *reader, void *buffer, uint32_t capacity)
{
	volatile void *base = reader->base;
	uint64_t head, slot;
	uint32_t slot_size, count, length;
	uint8_t *out = buffer;

	if (channel_load32(base, CHANNEL_RING_OFF_MAGIC) != CHANNEL_RING_MAGIC)
		return CHANNEL_NOT_READY;
	head = channel_load64(base, CHANNEL_RING_OFF_HEAD);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	slot_size = channel_load32(base, CHANNEL_RING_OFF_SLOT_SIZE);
	count = channel_load32(base, CHANNEL_RING_OFF_SLOT_COUNT);
	/* The other end writes the header: a reader never trusts it with its bounds. */
	if (reader->size < CHANNEL_RING_HEADER || slot_size < 16 || slot_size % 8 != 0 || count == 0 ||
	    (reader->size - CHANNEL_RING_HEADER) / slot_size < count)
		return CHANNEL_BAD_RING;
	if (head < reader->next) {
		/* Everything the new writer published is new to us. */
		reader->next = 0;
		return CHANNEL_RESET;
	}
	if (head == reader->next)
		return CHANNEL_EMPTY;
	if (head - reader->next > count) {
		reader->next = head;
		return CHANNEL_OVERRUN;
	}
	slot = CHANNEL_RING_HEADER + (reader->next % count) * (uint64_t)slot_size;
	length = channel_load32(base, slot);
	if (channel_load32(base, slot + 4) != (uint32_t)reader->next) {
		/* Already overwritten by a later lap. */
		reader->next = head;
		return CHANNEL_OVERRUN;
	}
	reader->next++;
	if (length > capacity || length > slot_size - CHANNEL_SLOT_HEADER)
		return CHANNEL_TOO_LONG;
	for (uint32_t i = 0; i < length; i += 4) {
		uint32_t word = channel_load32(base, slot + CHANNEL_SLOT_HEADER + i);
		for (uint32_t b = 0; b < 4 && i + b < length; b++)
			out[i + b] = (uint8_t)(word >> (8 * b));
	}
	/*
	 * Message n + count goes into this slot while head is n + count: from
	 * then on, what was copied may be half of it.
	 */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (channel_load64(base, CHANNEL_RING_OFF_HEAD) - (reader->next - 1) >= count) {
		reader->next = channel_load64(base, CHANNEL_RING_OFF_HEAD);
		return CHANNEL_OVERRUN;
	}
	return length;
}

#endif
