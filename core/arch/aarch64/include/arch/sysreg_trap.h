/*
 * Trapped system-register accesses (EC 0x18), described as a table of
 * encodings with a handler each, as KVM does: adding a register is adding
 * a row.
 */
#ifndef ARCH_SYSREG_TRAP_H
#define ARCH_SYSREG_TRAP_H

#include <arch/exception_frame.h>

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* ISS of EC 0x18: Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] read[0]. */
#define SYSREG_ENCODING(op0, op1, crn, crm, op2) \
	(((uint32_t)(op0) << 20) | ((uint32_t)(op2) << 17) | ((uint32_t)(op1) << 14) | \
	 ((uint32_t)(crn) << 10) | ((uint32_t)(crm) << 1))
#define SYSREG_ISS_ENCODING_MASK	0x3ffc1eU
#define SYSREG_ISS_RT_SHIFT		5
#define SYSREG_ISS_RT_MASK		0x1fU
#define SYSREG_ISS_READ			1U
/* op0, op1 and CRn of the ID registers (3, 0, 0); CRm is checked apart. */
#define SYSREG_ISS_ID_GROUP_MASK	((3U << 20) | (7U << 14) | (0xfU << 10))
#define SYSREG_ISS_ID_GROUP		(3U << 20)

/* Returns whether the vCPU continues. */
bool sysreg_trap(struct vcpu *vcpu, struct exception_frame *frame);

#endif
