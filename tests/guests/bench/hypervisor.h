/*
 * Which hypervisor the bench guest runs under, and what it costs to ask
 * that hypervisor for nothing: Bulkhead's BH_HC_VERSION, Xen's
 * xen_version(XENVER_version). Xen also puts the console and the GIC
 * where its dom0less guests expect them; hypervisor_detect() moves the
 * runtime's console and GIC there, so it runs before the first output.
 */
#ifndef BENCH_HYPERVISOR_H
#define BENCH_HYPERVISOR_H

#include <stdint.h>

enum hypervisor { HYPERVISOR_NONE, HYPERVISOR_BULKHEAD, HYPERVISOR_XEN };

enum hypervisor hypervisor_detect(void);
const char *hypervisor_name(enum hypervisor hypervisor);
/* One call that does nothing but return; 0 if the hypervisor answered. */
int64_t hypervisor_null_call(enum hypervisor hypervisor);

#endif
