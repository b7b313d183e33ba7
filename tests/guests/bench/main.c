/*
 * bench: what a trap, an interrupt and a stretch of plain computation
 * cost a guest, in instructions under QEMU's -icount shift=0, the same
 * image under Bulkhead, under Xen (a dom0less domain) and with no
 * hypervisor at all (tests/bench/guest.sh runs all three). It prints one
 * "BENCH name value" line per figure, then checks each figure for sanity:
 * a figure of zero, or a measurement that failed, is a FAIL, never a
 * number. Natively there is no hypercall to time, so that figure is not
 * printed there. A run takes some 15 ms of guest time, so `make test`
 * runs it whole (tests/core/bench-guest.sh).
 */
#include <guest.h>

#include "compute.h"
#include "hypervisor.h"
#include "measure.h"
#include "timer_latency.h"

#define CALL_REPEATS		1024
#define TIMER_SAMPLES		32
#define COMPUTE_ITERATIONS	64
#define MEMORY_PASSES		2
#define GICD_TYPER		0x0004

static enum hypervisor hypervisor;

static void null_hypercall(void)
{
	(void)hypervisor_null_call(hypervisor);
}

static void read_id_register(void)
{
	uint64_t value;

	/* Trapped by a hypervisor that sanitizes ID registers (HCR_EL2.TID3). */
	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(value) : : "memory");
}

static void read_distributor_type(void)
{
	(void)mmio_read32(gic_distributor() + GICD_TYPER);
}

/* Prints one figure and checks that it is one. */
static void report(const char *name, uint64_t instructions)
{
	console_printf("BENCH %s %llu\n", name, (unsigned long long)instructions);
	check(instructions > 0, name, "measured 0 instructions: the measurement failed");
}

static uint64_t time_compute(uint32_t *checksum)
{
	uint64_t start = counter_read();

	*checksum = compute_kernel(COMPUTE_ITERATIONS);
	return instructions_between(start, counter_read());
}

static void measure_compute(void)
{
	uint32_t first, second;
	uint64_t cost = time_compute(&first);

	(void)time_compute(&second);
	report("compute", cost);
	check(first == second && first != 0, "compute-checksum", "%#x then %#x", first, second);
}

static void measure_memory(void)
{
	uint64_t start = counter_read();
	uint32_t sum = memory_walk(MEMORY_PASSES);
	uint64_t cost = instructions_between(start, counter_read());

	report("memory", cost);
	check(sum != 0, "memory-checksum", "the walk read back nothing");
}

void guest_main(uint64_t dtb)
{
	uint64_t entry = ns_from_ticks(runtime_entry_counter);

	(void)dtb;
	hypervisor = hypervisor_detect();
	console_printf("BENCH hypervisor %s\n", hypervisor_name(hypervisor));
	report("entry", entry);
	if (hypervisor != HYPERVISOR_NONE) {
		check(hypervisor_null_call(hypervisor) == 0, "hypercall-answers", "no answer");
		report("hypercall", cost_per_call(null_hypercall, CALL_REPEATS));
	}
	report("id-register", cost_per_call(read_id_register, CALL_REPEATS));
	gic_init();
	report("mmio-read", cost_per_call(read_distributor_type, CALL_REPEATS));
	report("timer-irq", timer_latency(false, TIMER_SAMPLES));
	report("timer-irq-wfi", timer_latency(true, TIMER_SAMPLES));
	measure_compute();
	measure_memory();
}
