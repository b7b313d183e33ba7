/*
 * consolerace: a two-vCPU partition that writes its emulated console from
 * both vCPUs at once, never ending a line, through the data register and
 * through BH_HC_CONSOLE_WRITE (tests/layouts/console.yaml). Without the
 * console's lock, one vCPU's bytes land while the other prints a full line:
 * the line's fill count passes its end and the bytes after the line land
 * on the count itself: 0xa4 makes it 164, the next byte its second byte,
 * and 0x10 there makes it 0x10a5, about 4 KiB on: the next partition's
 * entry in the hypervisor's table (as the structures were laid out before
 * the fix), overwritten with the bytes that follow. The bytes serve no
 * other purpose: with the fix they are only printed. The partition that follows in the layout must not
 * notice; the hypervisor must stay up. Then it ends the line, reports what
 * it wrote and powers its partition off.
 *
 * Build-time knob (GUEST_DEFINES_consolerace='-D...'): RACE_ROUNDS, each
 * round RACE_MMIO_BYTES bytes through the data register and RACE_CHUNK
 * through the hypercall, per vCPU.
 */
#include <guest.h>

#ifndef RACE_ROUNDS
#define RACE_ROUNDS	1000U
#endif
#define RACE_CHUNK	BH_CONSOLE_WRITE_MAX
#define RACE_MMIO_BYTES	4U	/* one exit each: most bytes go through the faster hypercall */

/*
 * Whichever of these lands on the count's low byte: 0xa3 sends the next
 * byte there again, 0xa4 sends it to the second byte, where 0x10 makes the
 * jump (0x10 on the low byte ends the attempt; the next line tries again).
 */
static const uint8_t attack_bytes[] = { 0xa3, 0xa4, 0x10 };

static volatile uint32_t ready, finished;
static volatile int64_t hypercall_status[2];
static char text[RACE_CHUNK];

static void race(unsigned int vcpu)
{
	int64_t status = BH_OK;

	for (uint32_t round = 0; round < RACE_ROUNDS; round++) {
		for (unsigned int i = 0; i < RACE_MMIO_BYTES; i++)
			mmio_write32(PL011_BASE + PL011_DR, (uint8_t)text[i]);
		if (status == BH_OK)
			status = bh_console_write(text, sizeof(text));
	}
	hypercall_status[vcpu] = status;
}

static void second_vcpu(unsigned int vcpu)
{
	__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
	race(vcpu);
	__atomic_store_n(&finished, 1, __ATOMIC_RELEASE);
}

void guest_main(uint64_t dtb)
{
	int64_t started;

	(void)dtb;
	for (unsigned int i = 0; i < sizeof(text); i++)
		text[i] = (char)attack_bytes[i % sizeof(attack_bytes)];
	console_printf("consolerace: %u bytes from each of 2 vCPUs, no newline\n",
		       RACE_ROUNDS * (RACE_MMIO_BYTES + RACE_CHUNK));
	started = start_vcpu(1, second_vcpu);
	if (started != 0) {
		fail("console-race-second-vcpu", "CPU_ON returned %lld", (long long)started);
		return;
	}
	while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
		;
	race(0);
	while (!__atomic_load_n(&finished, __ATOMIC_ACQUIRE))
		;
	console_putc('\n');
	/* Most of the flood was dropped (counted) by the hypervisor's log ring:
	 * give it time to drain, so that the verdict below finds room. */
	delay_ticks(ticks_from_ns(NS_PER_SECOND / 5));
	check(hypercall_status[0] == BH_OK && hypercall_status[1] == BH_OK, "console-race-written",
	      "hypercall status %lld and %lld", (long long)hypercall_status[0], (long long)hypercall_status[1]);
}
