/*
 * EL1 exception vectors. The runtime runs at EL1 on SP_EL1 and has no EL0,
 * so only "current EL with SP_ELx" synchronous exceptions and IRQs are
 * expected; every other vector reports itself and ends the guest.
 * Each entry saves the caller-saved registers, x30, ELR and SPSR in a
 * struct exception_frame and calls C with its address in x0.
 */
#include <runtime_layout.h>

.macro	vector handler, index
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #(FRAME_X0 + 0 * 8)]
	stp	x2, x3, [sp, #(FRAME_X0 + 2 * 8)]
	stp	x4, x5, [sp, #(FRAME_X0 + 4 * 8)]
	stp	x6, x7, [sp, #(FRAME_X0 + 6 * 8)]
	stp	x8, x9, [sp, #(FRAME_X0 + 8 * 8)]
	stp	x10, x11, [sp, #(FRAME_X0 + 10 * 8)]
	stp	x12, x13, [sp, #(FRAME_X0 + 12 * 8)]
	stp	x14, x15, [sp, #(FRAME_X0 + 14 * 8)]
	stp	x16, x17, [sp, #(FRAME_X0 + 16 * 8)]
	stp	x18, x30, [sp, #(FRAME_X0 + 18 * 8)]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #FRAME_ELR]
	mov	x0, sp
	mov	x1, #\index
	bl	\handler
	b	exception_return
.endm

	.text
	.balign	0x800
	.global	exception_vectors
exception_vectors:
	/* Current EL with SP_EL0: never used. */
	vector	unexpected_vector, 0
	vector	unexpected_vector, 1
	vector	unexpected_vector, 2
	vector	unexpected_vector, 3
	/* Current EL with SP_ELx: where the runtime lives. */
	vector	sync_exception, 4
	vector	irq_exception, 5
	vector	unexpected_vector, 6
	vector	unexpected_vector, 7
	/* Lower EL (AArch64, then AArch32): the guests have no EL0. */
	vector	unexpected_vector, 8
	vector	unexpected_vector, 9
	vector	unexpected_vector, 10
	vector	unexpected_vector, 11
	vector	unexpected_vector, 12
	vector	unexpected_vector, 13
	vector	unexpected_vector, 14
	vector	unexpected_vector, 15

exception_return:
	/* The handler may have changed ELR (to skip or return): reload it. */
	ldp	x0, x1, [sp, #FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #(FRAME_X0 + 0 * 8)]
	ldp	x2, x3, [sp, #(FRAME_X0 + 2 * 8)]
	ldp	x4, x5, [sp, #(FRAME_X0 + 4 * 8)]
	ldp	x6, x7, [sp, #(FRAME_X0 + 6 * 8)]
	ldp	x8, x9, [sp, #(FRAME_X0 + 8 * 8)]
	ldp	x10, x11, [sp, #(FRAME_X0 + 10 * 8)]
	ldp	x12, x13, [sp, #(FRAME_X0 + 12 * 8)]
	ldp	x14, x15, [sp, #(FRAME_X0 + 14 * 8)]
	ldp	x16, x17, [sp, #(FRAME_X0 + 16 * 8)]
	ldp	x18, x30, [sp, #(FRAME_X0 + 18 * 8)]
	add	sp, sp, #FRAME_SIZE
	eret
