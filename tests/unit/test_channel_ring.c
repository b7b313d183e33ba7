// tests: core/include/channel_ring.h
/*
 * The channel message ring (core/include/channel_ring.h) on plain host
 * memory: the layout it writes, messages in order across the wrap, a
 * reader that is lapped, a writer that starts over, messages that do not
 * fit, refused geometries, and a writer's header that lies.
 */
#include "unit.h"

#include <channel_ring.h>
#include <stdint.h>

#define CHANNEL_SIZE 4096U
#define SLOT_SIZE 64U

static uint64_t channel[CHANNEL_SIZE / 8];

static uint32_t make_message(uint32_t n, uint8_t *out)
{
	uint32_t length = 1 + n % (SLOT_SIZE - CHANNEL_SLOT_HEADER);

	for (uint32_t i = 0; i < length; i++)
		out[i] = (uint8_t)(n * 7 + i);
	return length;
}

static void check_layout(void)
{
	volatile void *base = channel;

	CHECK(channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE));
	CHECK(channel_load32(base, CHANNEL_RING_OFF_MAGIC) == CHANNEL_RING_MAGIC);
	CHECK(channel_ring_slots(base) == (CHANNEL_SIZE - CHANNEL_RING_HEADER) / SLOT_SIZE);
	CHECK(channel_ring_payload_max(base) == SLOT_SIZE - CHANNEL_SLOT_HEADER);
	CHECK(channel_load64(base, CHANNEL_RING_OFF_HEAD) == 0);
	CHECK(!channel_ring_init(base, CHANNEL_SIZE, 8));		/* slots too small */
	CHECK(!channel_ring_init(base, CHANNEL_SIZE, 60));		/* not a multiple of 8 */
	CHECK(!channel_ring_init(base, 100, SLOT_SIZE));		/* no room for one slot */
}

static void check_in_order_across_the_wrap(void)
{
	volatile void *base = channel;
	struct channel_reader reader;
	uint8_t message[SLOT_SIZE], received[SLOT_SIZE];
	uint32_t slots, bad = 0;

	memset(channel, 0, sizeof(channel));
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_NOT_READY);
	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	slots = channel_ring_slots(base);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_EMPTY);
	/* Ten laps, the reader a few messages behind, so every slot is reused. */
	for (uint32_t n = 0; n < 10 * slots; n++) {
		uint32_t length = make_message(n, message);
		CHECK(channel_ring_send(base, message, length));
		if (n % 3 == 2) {
			for (uint32_t k = n - 2; k <= n; k++) {
				uint32_t expected = make_message(k, message);
				int64_t got = channel_ring_receive(&reader, received, sizeof(received));
				if (got != expected || memcmp(received, message, expected) != 0)
					bad++;
			}
		}
	}
	CHECK(bad == 0);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_EMPTY);
	/* The slot records the message's number. */
	CHECK(channel_load32(base, CHANNEL_RING_HEADER + ((10 * slots - 1) % slots) * SLOT_SIZE + 4) ==
	      10 * slots - 1);
}

static void check_overrun_and_reset(void)
{
	volatile void *base = channel;
	struct channel_reader reader;
	uint8_t message[SLOT_SIZE], received[SLOT_SIZE];
	uint32_t slots, length;

	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	slots = channel_ring_slots(base);
	/* More than a ring's worth unread: the reader is told, then reads what comes next. */
	for (uint32_t n = 0; n < slots + 5; n++)
		channel_ring_send(base, message, make_message(n, message));
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_OVERRUN);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_EMPTY);
	length = make_message(slots + 5, message);
	channel_ring_send(base, message, length);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == length);

	/* The writer starts over and sends two: the reader is told, then gets both from the first. */
	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_ring_send(base, message, make_message(0, message));
	channel_ring_send(base, message, make_message(1, message));
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_RESET);
	length = make_message(0, message);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == length &&
	      memcmp(received, message, length) == 0);
	length = make_message(1, message);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == length &&
	      memcmp(received, message, length) == 0);
}

static void check_sizes(void)
{
	volatile void *base = channel;
	struct channel_reader reader;
	uint8_t message[SLOT_SIZE] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, received[SLOT_SIZE];

	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	CHECK(!channel_ring_send(base, message, SLOT_SIZE - CHANNEL_SLOT_HEADER + 1));
	CHECK(channel_ring_send(base, message, SLOT_SIZE - CHANNEL_SLOT_HEADER));
	CHECK(!channel_ring_send(base, message, 0));	/* 0 is what an empty ring returns */
	CHECK(channel_ring_send(base, message, 9));
	/* Too long for the reader's buffer: skipped, and the next one still arrives. */
	CHECK(channel_ring_receive(&reader, received, 8) == CHANNEL_TOO_LONG);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == 9 && memcmp(received, message, 9) == 0);
}

/* The header is the writer's: a reader checks it against the channel it mapped. */
static void check_hostile_header(void)
{
	volatile void *base = channel;
	struct channel_reader reader;
	uint8_t message[SLOT_SIZE] = { 1 }, received[SLOT_SIZE];

	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	channel_ring_send(base, message, 1);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_COUNT, 0xffffffffU);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_BAD_RING);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_COUNT, 0);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_BAD_RING);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_COUNT, (CHANNEL_SIZE - CHANNEL_RING_HEADER) / SLOT_SIZE);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_SIZE, 12);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_BAD_RING);
	channel_store32(base, CHANNEL_RING_OFF_SLOT_SIZE, SLOT_SIZE);
	/* A slot whose sequence is not the message's was overwritten by a later lap. */
	channel_store32(base, CHANNEL_RING_HEADER + 4, 12345);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_OVERRUN);
	/* With the reader a whole ring behind, the writer may be filling its slot: not delivered. */
	channel_ring_init(base, CHANNEL_SIZE, SLOT_SIZE);
	channel_reader_attach(&reader, base, CHANNEL_SIZE);
	for (uint32_t n = 0; n < channel_ring_slots(base); n++)
		channel_ring_send(base, message, 1);
	CHECK(channel_ring_receive(&reader, received, sizeof(received)) == CHANNEL_OVERRUN);
}

int main(void)
{
	check_layout();
	check_in_order_across_the_wrap();
	check_overrun_and_reset();
	check_sizes();
	check_hostile_header();
	return unit_finish("channel_ring");
}
