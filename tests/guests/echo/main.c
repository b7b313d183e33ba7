/*
 * echo: the bare-metal end of tests/layouts/control.yaml's channels. Each
 * message Linux sends on "to-echo" (read-only here; its doorbell raises
 * ECHO_DOORBELL) comes back on "to-linux" with its bytes inverted, in
 * order. First it checks that its read-only end really is: the write must
 * abort (its fault policy is inject).
 */
#include <guest.h>
#include <channel_ring.h>

#ifndef ECHO_RX
#define ECHO_RX			0x50000000UL	/* to-echo, read-only */
#endif
#ifndef ECHO_TX
#define ECHO_TX			0x50010000UL	/* to-linux */
#endif
#define ECHO_CHANNEL_SIZE	0x10000UL
#ifndef ECHO_DOORBELL
#define ECHO_DOORBELL		100U
#endif
#define ECHO_SLOT_SIZE		256U
#define REPORT_EVERY		2000U

static volatile uint32_t doorbells;

static void on_doorbell(unsigned int intid)
{
	(void)intid;
	doorbells++;
}

static void echo_pending(struct channel_reader *reader, uint64_t *echoed)
{
	uint8_t message[ECHO_SLOT_SIZE];
	int64_t length;

	while ((length = channel_ring_receive(reader, message, sizeof(message))) != CHANNEL_EMPTY) {
		if (length == CHANNEL_NOT_READY)
			return;
		if (length < 0) {
			console_printf("echo: receive status %lld\n", (long long)length);
			continue;
		}
		for (int64_t i = 0; i < length; i++)
			message[i] = (uint8_t)~message[i];
		channel_ring_send((volatile void *)ECHO_TX, message, (uint32_t)length);
		if (++*echoed % REPORT_EVERY == 0)
			console_printf("echo: %llu messages echoed, %u doorbells\n", (unsigned long long)*echoed,
				       doorbells);
	}
}

void guest_main(uint64_t dtb)
{
	struct channel_reader reader;
	struct probe_result write;
	uint64_t echoed = 0;

	(void)dtb;
	console_printf("echo: started\n");
	/* What a reader's terminal must never get raw (tests/linux/control-test). */
	console_printf("echo: terminal \x1b[2J\x1b]0;title\x07\x08 \\ end\n");
	write = probe_write(ECHO_RX, 0xbad);
	check(write.aborted, "read-only-end-cannot-write", "a write to its read-only channel end went through");
	channel_ring_init((volatile void *)ECHO_TX, ECHO_CHANNEL_SIZE, ECHO_SLOT_SIZE);
	channel_reader_attach(&reader, (volatile void *)ECHO_RX, ECHO_CHANNEL_SIZE);
	gic_init();
	set_irq_handler(ECHO_DOORBELL, on_doorbell);
	gic_enable(ECHO_DOORBELL);
	irq_enable();
	for (;;) {
		echo_pending(&reader, &echoed);
		/* A doorbell that rang while draining is still pending: the WFI returns at once. */
		__asm__ volatile("wfi");
	}
}
