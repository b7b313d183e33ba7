/*
 * The register frame the EL2 vectors save, for an exception taken from EL2
 * itself (the panic path) or from a partition (a trap): the partition's
 * general registers, its PC and PSTATE (ELR/SPSR) and the syndrome. Traps
 * are handled on the frame and return to the partition from it. Offsets
 * are used by vectors.S; the C view is checked against them at compile time.
 */
#ifndef ARCH_EXCEPTION_FRAME_H
#define ARCH_EXCEPTION_FRAME_H

#define FRAME_X(n)	((n) * 8)
#define FRAME_SP	FRAME_X(31)
#define FRAME_ELR	(32 * 8)
#define FRAME_SPSR	(33 * 8)
#define FRAME_ESR	(34 * 8)
#define FRAME_FAR	(35 * 8)
#define FRAME_HPFAR	(36 * 8)
#define FRAME_SIZE	(38 * 8)

/* Vector table order: current EL with SP_EL0, with SP_ELx, lower EL AArch64, AArch32. */
#define VECTOR_CUR_SP0_SYNC	0
#define VECTOR_CUR_SP0_IRQ	1
#define VECTOR_CUR_SP0_FIQ	2
#define VECTOR_CUR_SP0_SERROR	3
#define VECTOR_CUR_SPX_SYNC	4
#define VECTOR_CUR_SPX_IRQ	5
#define VECTOR_CUR_SPX_FIQ	6
#define VECTOR_CUR_SPX_SERROR	7
#define VECTOR_LOWER64_SYNC	8
#define VECTOR_LOWER64_IRQ	9
#define VECTOR_LOWER64_FIQ	10
#define VECTOR_LOWER64_SERROR	11
#define VECTOR_LOWER32_SYNC	12
#define VECTOR_LOWER32_IRQ	13
#define VECTOR_LOWER32_FIQ	14
#define VECTOR_LOWER32_SERROR	15
#define VECTOR_COUNT		16

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>

struct exception_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
	uint64_t hpfar;		/* faulting IPA >> 8, for stage-2 aborts */
	uint64_t reserved;	/* keeps SP 16-byte aligned */
};

_Static_assert(offsetof(struct exception_frame, sp) == FRAME_SP, "frame sp");
_Static_assert(offsetof(struct exception_frame, elr) == FRAME_ELR, "frame elr");
_Static_assert(offsetof(struct exception_frame, spsr) == FRAME_SPSR, "frame spsr");
_Static_assert(offsetof(struct exception_frame, esr) == FRAME_ESR, "frame esr");
_Static_assert(offsetof(struct exception_frame, far) == FRAME_FAR, "frame far");
_Static_assert(offsetof(struct exception_frame, hpfar) == FRAME_HPFAR, "frame hpfar");
_Static_assert(sizeof(struct exception_frame) == FRAME_SIZE, "frame size");
_Static_assert(FRAME_SIZE % 16 == 0, "SP must stay 16-byte aligned");
#endif

#endif
