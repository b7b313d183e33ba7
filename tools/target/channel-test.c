// sources: tools/target/lib/devmem.c
/*
 * channel-test: exchanges messages with a partition over two channels
 * (docs/control.md): each message goes out on SEND (ringing its doorbell)
 * and must come back on RECEIVE with its bytes inverted, in order. Linux
 * user space has no interrupt to wait on, so replies are polled. Prints
 * what was lost or corrupted; exits 0 only if nothing was.
 */
#include "lib/devmem.h"

#include <channel_ring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOT_SIZE	256U
#define PAYLOAD_MAX	(SLOT_SIZE - CHANNEL_SLOT_HEADER)

/* Message i: its number, then bytes derived from it, 8 to PAYLOAD_MAX long. */
static uint32_t make_message(uint32_t i, uint8_t *out)
{
	uint32_t state = i * 2654435761u + 1, length = 8 + i % (PAYLOAD_MAX - 8 + 1);

	memcpy(out, &i, 4);
	for (uint32_t b = 4; b < length; b++) {
		state = state * 1103515245u + 12345u;
		out[b] = (uint8_t)(state >> 16);
	}
	return length;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	uint32_t messages = 10000, window = 32, sent = 0, received = 0, corrupted = 0, lost = 0;
	struct dt_node send_node, receive_node;
	volatile void *send, *receive, *doorbell;
	struct channel_reader reader;
	double started, deadline;
	int arg = 1;

	for (; arg + 1 < argc && argv[arg][0] == '-'; arg += 2) {
		if (strcmp(argv[arg], "--messages") == 0)
			messages = (uint32_t)strtoul(argv[arg + 1], NULL, 0);
		else if (strcmp(argv[arg], "--window") == 0)
			window = (uint32_t)strtoul(argv[arg + 1], NULL, 0);
		else
			break;
	}
	if (argc - arg != 2 || window == 0) {
		fprintf(stderr, "usage: channel-test [--messages N] [--window W] SEND-CHANNEL RECEIVE-CHANNEL\n");
		return 2;
	}
	if (!dt_find("bulkhead-channel@", argv[arg], &send_node) ||
	    !dt_find("bulkhead-channel@", argv[arg + 1], &receive_node))
		return 1;
	if (!send_node.writable || send_node.reg_count < 2) {
		fprintf(stderr, "channel-test: %s is not writable here\n", argv[arg]);
		return 1;
	}
	send = devmem_map(send_node.reg[0], send_node.reg[1]);
	doorbell = devmem_map(send_node.reg[2], send_node.reg[3]);
	receive = devmem_map(receive_node.reg[0], receive_node.reg[1]);
	if (send == NULL || doorbell == NULL || receive == NULL)
		return 1;
	channel_reader_attach(&reader, receive, receive_node.reg[1]);
	if (!channel_ring_init(send, send_node.reg[1], SLOT_SIZE))
		return fprintf(stderr, "channel-test: %s is too small for a ring\n", argv[arg]), 1;
	if (window >= channel_ring_slots(send))
		window = channel_ring_slots(send) - 1;
	started = now();
	deadline = started + 300;
	while (received < messages && now() < deadline) {
		uint8_t message[PAYLOAD_MAX], reply[PAYLOAD_MAX], expected[PAYLOAD_MAX];
		int64_t length;

		while (sent < messages && sent - received < window) {
			uint32_t size = make_message(sent, message);
			channel_ring_send(send, message, size);
			*(volatile uint32_t *)doorbell = 1;
			sent++;
		}
		length = channel_ring_receive(&reader, reply, sizeof(reply));
		if (length == CHANNEL_EMPTY || length == CHANNEL_NOT_READY)
			continue;
		if (length < 0) {
			fprintf(stderr, "channel-test: receive status %lld after %u replies\n", (long long)length, received);
			lost++;
			break;
		}
		uint32_t size = make_message(received, expected);
		for (int64_t b = 0; b < length; b++)
			reply[b] = (uint8_t)~reply[b];
		if ((uint32_t)length != size || memcmp(reply, expected, size) != 0) {
			if (corrupted++ < 5)
				fprintf(stderr, "channel-test: reply %u differs (%lld bytes, expected %u)\n", received,
					(long long)length, size);
		}
		received++;
	}
	lost += messages - received;
	printf("channel-test: %u messages sent, %u replies, %u lost, %u corrupted, %.2f s, %.0f round trips/s\n",
	       sent, received, lost, corrupted, now() - started, received / (now() - started));
	return lost == 0 && corrupted == 0 ? 0 : 1;
}
