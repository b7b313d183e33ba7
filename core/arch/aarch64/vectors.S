/*
 * EL2 exception vectors. Until partitions run, every exception the
 * hypervisor takes is a bug: each vector saves the full register frame
 * and hands it to the panic path with the vector's identity.
 */
#include <arch/asm.h>
#include <arch/exception_frame.h>

.macro vector_entry kind
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #FRAME_X(0)]
	mov	x0, #\kind
	b	save_frame_and_panic
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	exception_vectors
exception_vectors:
	vector_entry VECTOR_CUR_SP0_SYNC
	vector_entry VECTOR_CUR_SP0_IRQ
	vector_entry VECTOR_CUR_SP0_FIQ
	vector_entry VECTOR_CUR_SP0_SERROR
	vector_entry VECTOR_CUR_SPX_SYNC
	vector_entry VECTOR_CUR_SPX_IRQ
	vector_entry VECTOR_CUR_SPX_FIQ
	vector_entry VECTOR_CUR_SPX_SERROR
	vector_entry VECTOR_LOWER64_SYNC
	vector_entry VECTOR_LOWER64_IRQ
	vector_entry VECTOR_LOWER64_FIQ
	vector_entry VECTOR_LOWER64_SERROR
	vector_entry VECTOR_LOWER32_SYNC
	vector_entry VECTOR_LOWER32_IRQ
	vector_entry VECTOR_LOWER32_FIQ
	vector_entry VECTOR_LOWER32_SERROR

/* x0 = vector kind; x0/x1 of the interrupted context are already saved. */
save_frame_and_panic:
	stp	x2, x3, [sp, #FRAME_X(2)]
	stp	x4, x5, [sp, #FRAME_X(4)]
	stp	x6, x7, [sp, #FRAME_X(6)]
	stp	x8, x9, [sp, #FRAME_X(8)]
	stp	x10, x11, [sp, #FRAME_X(10)]
	stp	x12, x13, [sp, #FRAME_X(12)]
	stp	x14, x15, [sp, #FRAME_X(14)]
	stp	x16, x17, [sp, #FRAME_X(16)]
	stp	x18, x19, [sp, #FRAME_X(18)]
	stp	x20, x21, [sp, #FRAME_X(20)]
	stp	x22, x23, [sp, #FRAME_X(22)]
	stp	x24, x25, [sp, #FRAME_X(24)]
	stp	x26, x27, [sp, #FRAME_X(26)]
	stp	x28, x29, [sp, #FRAME_X(28)]
	add	x1, sp, #FRAME_SIZE
	stp	x30, x1, [sp, #FRAME_X(30)]	/* x30, and SP before the exception */
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [sp, #FRAME_ELR]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [sp, #FRAME_ESR]
	mov	x1, x0
	mov	x0, sp
	bl	exception_panic
	b	halt
