/*
 * Layout shared by the runtime's assembly and C: per-vCPU stacks and the
 * register frame the vectors save. Safe to include from assembly; the C
 * side checks the frame against these offsets with _Static_assert.
 */
#ifndef GUEST_RUNTIME_LAYOUT_H
#define GUEST_RUNTIME_LAYOUT_H

#define MAX_VCPUS		4		/* vCPUs with a stack; others park */
#define STACK_SIZE		0x4000		/* per vCPU */

/* struct exception_frame: x0-x18, x30, then ELR_EL1 and SPSR_EL1. */
#define FRAME_X0		0
#define FRAME_X30		(19 * 8)
#define FRAME_ELR		(20 * 8)
#define FRAME_SPSR		(21 * 8)
#define FRAME_SIZE		(22 * 8)	/* a multiple of 16: SP stays aligned */

#endif
