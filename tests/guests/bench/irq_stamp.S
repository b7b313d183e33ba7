/*
 * EL1 vectors that note the virtual counter as an IRQ arrives, then pass
 * every exception to the runtime's vectors (runtime/vectors.S): the
 * interrupt-latency figures end at the handler's first instructions, not
 * after the runtime has saved a frame and found the handler. The counter
 * is read by the third instruction (two free a register); exception entry
 * is context-synchronizing, so no ISB is needed before the read.
 */
#define VECTOR_SIZE		0x80
#define VECTOR_IRQ_SPX		5	/* current EL with SP_ELx, IRQ */
#define VECTOR_COUNT		16

	.text
	.balign	0x800
	.global	irq_stamp_vectors
irq_stamp_vectors:
	.set	index, 0
	.rept	VECTOR_COUNT
	.balign	VECTOR_SIZE
	.if	index == VECTOR_IRQ_SPX
	stp	x0, x1, [sp, #-16]!
	mrs	x0, cntvct_el0
	adrp	x1, irq_stamp_counter
	str	x0, [x1, :lo12:irq_stamp_counter]
	ldp	x0, x1, [sp], #16
	.endif
	b	exception_vectors + index * VECTOR_SIZE
	.set	index, index + 1
	.endr

	.bss
	.balign	8
	.global	irq_stamp_counter
irq_stamp_counter:
	.quad	0
