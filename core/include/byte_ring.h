/*
 * A ring of text: the last `size` bytes of a stream, with the stream's
 * positions counting every byte ever put. One writer at a time (its
 * owner serialises puts); readers on any CPU take no lock and never see a
 * byte the writer is overwriting: a put announces how far it will write
 * (`reserved`) before it writes, publishes (`written`) after, and a read
 * drops what the writer reached while it copied.
 */
#ifndef BYTE_RING_H
#define BYTE_RING_H

#include <stdint.h>

struct byte_ring {
	char *bytes;
	uint64_t size;
	uint64_t reserved;	/* a put in progress writes below this */
	uint64_t written;	/* bytes below this are published */
};

void byte_ring_init(struct byte_ring *ring, char *bytes, uint64_t size);

/* Writer: appends len (at most size) bytes. */
void byte_ring_put(struct byte_ring *ring, const char *text, uint64_t len);

/* Position after the last published byte. */
uint64_t byte_ring_end(const struct byte_ring *ring);

/*
 * Reader: copies from position `from` (or the oldest byte still kept, if
 * later) up to `size` bytes; returns the bytes copied and sets *next to
 * the position after them.
 */
uint64_t byte_ring_read(const struct byte_ring *ring, uint64_t from, char *buffer, uint64_t size,
			uint64_t *next);

#endif
