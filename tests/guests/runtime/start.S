/*
 * Guest entry: every vCPU arrives here (vCPU 0 from the hypervisor, the
 * others through PSCI CPU_ON), takes a stack by its MPIDR.Aff0, installs
 * the EL1 vectors and enters C.
 */
#define STACK_SIZE 0x4000

	.section .text.start, "ax"
	.global	_start
_start:
	msr	daifset, #0xf
	mrs	x19, mpidr_el1
	and	x19, x19, #0xff
	cmp	x19, #3
	b.hi	park
	adr	x1, __stacks_start
	add	x2, x19, #1
	mov	x3, #STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
	adr	x1, exception_vectors
	msr	vbar_el1, x1
	isb
	cbnz	x19, secondary
	mov	x20, x0			/* the device tree, per the boot protocol */
	adr	x1, __bss_start
	adr	x2, __bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, x20
	bl	runtime_main
	b	park
secondary:
	mov	x0, x19
	bl	runtime_secondary
park:
	wfi
	b	park

/* EL1 vectors: synchronous exceptions and IRQs from EL1 with SP_EL1. */
.macro entry handler
	.balign	0x80
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #160]
	mov	x0, sp
	bl	\handler
	b	return_from_exception
.endm

	.balign	0x800
exception_vectors:
	entry	unexpected_exception
	entry	unexpected_exception
	entry	unexpected_exception
	entry	unexpected_exception
	entry	guest_sync_exception
	entry	guest_irq
	entry	unexpected_exception
	entry	unexpected_exception
	.rept	8
	entry	unexpected_exception
	.endr

return_from_exception:
	ldp	x0, x1, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #256
	eret
