/*
 * Telling Bulkhead, Xen and bare hardware apart:
 *   - Bulkhead answers BH_HC_VERSION (HVC #0) with BH_OK; Xen and QEMU's
 *     firmware say "unknown function".
 *   - Xen answers xen_version (HVC #0xEA1, the hypercall number in
 *     x16) with its version; QEMU's firmware takes any HVC for an SMCCC
 *     call and answers -1 to function 0 (it ignores the immediate).
 */
#include <guest.h>

#include "hypervisor.h"

#define XEN_HYPERCALL_IMMEDIATE		"0xea1"
#define XEN_HYPERCALL_XEN_VERSION	17
#define XENVER_VERSION			0
#define XEN_VERSION_MAJOR_SHIFT		16

/* Where Xen 4.17 puts a dom0less guest's vpl011 and GICv3 (GUEST_PL011_BASE,
 * GUEST_GICV3_GICD_BASE and GUEST_GICV3_GICR0_BASE of its public ABI). */
#define XEN_GUEST_PL011_BASE		0x22000000UL
#define XEN_GUEST_GICD_BASE		0x03001000UL
#define XEN_GUEST_GICR_BASE		0x03020000UL

static int64_t xen_version(void)
{
	register uint64_t x0 __asm__("x0") = XENVER_VERSION;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x16 __asm__("x16") = XEN_HYPERCALL_XEN_VERSION;

	__asm__ volatile("hvc #" XEN_HYPERCALL_IMMEDIATE
			 : "+r"(x0), "+r"(x1), "+r"(x16)
			 : : "x2", "x3", "x4", "x5", "memory");
	return (int64_t)x0;
}

static int xen_major_version(void)
{
	return (int)(xen_version() >> XEN_VERSION_MAJOR_SHIFT);
}

enum hypervisor hypervisor_detect(void)
{
	if (bulkhead_present())
		return HYPERVISOR_BULKHEAD;
	if (xen_major_version() < 4)
		return HYPERVISOR_NONE;
	console_set_uart(XEN_GUEST_PL011_BASE);
	gic_set_bases(XEN_GUEST_GICD_BASE, XEN_GUEST_GICR_BASE);
	return HYPERVISOR_XEN;
}

const char *hypervisor_name(enum hypervisor hypervisor)
{
	switch (hypervisor) {
	case HYPERVISOR_BULKHEAD:
		return "bulkhead";
	case HYPERVISOR_XEN:
		return "xen";
	case HYPERVISOR_NONE:
		break;
	}
	return "none";
}

int64_t hypervisor_null_call(enum hypervisor hypervisor)
{
	switch (hypervisor) {
	case HYPERVISOR_BULKHEAD: {
		uint32_t version;

		return bh_version(&version);
	}
	case HYPERVISOR_XEN:
		return xen_version() > 0 ? 0 : -1;
	case HYPERVISOR_NONE:
		break;
	}
	return -1;
}
