/*
 * The test-guest runtime: console, verdicts, hypercalls, PSCI, GICv3,
 * the virtual timer and exception hooks. Guests print "PASS name" or
 * "FAIL name: why" per check, and "DONE n passed, m failed" at the end.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stdint.h>

/* The guest's own code: vCPU 0's main, and where other vCPUs go. */
void guest_main(uint64_t dtb);
void guest_secondary(unsigned int vcpu);

/* Console (the partition's PL011, emulated or real). */
void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Verdicts. */
void pass(const char *name);
void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void check(bool ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
_Noreturn void done(void);	/* prints DONE and powers the partition off */

/* Calls through the SMC Calling Convention. */
struct smccc_result { int64_t x0; uint64_t x1, x2, x3; };
struct smccc_result hvc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3);
struct smccc_result hvc_call4(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);
struct smccc_result smc_call(uint64_t function, uint64_t a1, uint64_t a2, uint64_t a3);
bool bulkhead_present(void);

/* PSCI through SMC (the conduit partitions' device trees name). */
int64_t psci_cpu_on(uint64_t mpidr, void (*entry)(void), uint64_t context);
int64_t psci_affinity_info(uint64_t mpidr);
_Noreturn void psci_system_off(void);
_Noreturn void psci_cpu_off(void);

/* Exceptions: a guest that expects an abort registers a hook first. */
struct exception_info { uint64_t esr, far, elr, lr; };
/* How a hook resolves an exception it expected. */
enum sync_action {
	SYNC_UNEXPECTED,	/* not expected: the guest reports it and ends */
	SYNC_SKIP,		/* step over the faulting instruction */
	SYNC_RETURN,		/* return to the caller (x30): for a branch to a bad address */
};
typedef enum sync_action (*sync_hook)(const struct exception_info *info);
void set_sync_hook(sync_hook hook);
void set_irq_handler(unsigned int intid, void (*handler)(unsigned int intid));

/* GICv3 and the virtual timer. */
void gic_init(void);			/* distributor (vCPU 0) and this vCPU's redistributor */
void gic_cpu_init(void);		/* for secondaries */
void gic_enable(unsigned int intid);
void gic_send_sgi(unsigned int intid, unsigned int target_vcpu);
void irq_enable(void);
uint64_t counter_read(void);
uint64_t counter_frequency(void);
void timer_start_periodic(uint64_t period_ticks);
extern volatile uint64_t timer_ticks;	/* periodic timer interrupts taken */
void delay_ticks(uint64_t ticks);

#define TIMER_PPI 27

/* "HEARTBEAT n" every 100 ms from the virtual timer; returns after beats
 * (0: never). Sets up the GIC and the timer itself. */
void heartbeat(uint64_t beats);

#endif
