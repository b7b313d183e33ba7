/*
 * The physical interrupt controller, as the core uses it: the hypervisor
 * owns it, keeps its own SGIs and timer, and forwards each device
 * interrupt to the partition the layout gives it to.
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* Once, on the primary, before any partition exists. */
void irq_init(void);
/* On every CPU, after irq_init(). */
void irq_cpu_init(void);

/* Handles every interrupt pending at this CPU (called with IRQs masked). */
void irq_handle(void);

/* Interrupts the given CPU so that it looks at its vCPUs again. */
void irq_send_kick(unsigned int cpu);

/* Physical control of a device interrupt a partition owns. */
void irq_set_enabled(unsigned int intid, bool enabled);
void irq_set_edge(unsigned int intid, bool edge);
void irq_route(unsigned int intid, unsigned int cpu);
void irq_deactivate(unsigned int intid);
void irq_clear(unsigned int intid);	/* disable, clear pending and active */

/* The number of interrupt ids the distributor implements (32 * (ITLines + 1)). */
unsigned int irq_count(void);

/* Counters, for tests and accounting. */
uint64_t irq_maintenance_count(void);

#endif
