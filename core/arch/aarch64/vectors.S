/*
 * EL2 exception vectors. An exception from EL2 itself is a hypervisor bug
 * and goes to the panic path. An exception from a partition (EL1/EL0) is a
 * trap: its registers are saved in a frame on this CPU's stack, C handles
 * it on that frame, and guest_resume returns to the partition from it.
 */
#include <arch/asm.h>
#include <arch/exception_frame.h>

.macro vector_entry kind, path
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #FRAME_X(0)]
	mov	x0, #\kind
	b	\path
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	exception_vectors
exception_vectors:
	vector_entry VECTOR_CUR_SP0_SYNC, hypervisor_exception
	vector_entry VECTOR_CUR_SP0_IRQ, hypervisor_exception
	vector_entry VECTOR_CUR_SP0_FIQ, hypervisor_exception
	vector_entry VECTOR_CUR_SP0_SERROR, hypervisor_exception
	vector_entry VECTOR_CUR_SPX_SYNC, hypervisor_exception
	vector_entry VECTOR_CUR_SPX_IRQ, hypervisor_irq
	vector_entry VECTOR_CUR_SPX_FIQ, hypervisor_exception
	vector_entry VECTOR_CUR_SPX_SERROR, hypervisor_serror
	vector_entry VECTOR_LOWER64_SYNC, guest_trap
	vector_entry VECTOR_LOWER64_IRQ, guest_trap
	vector_entry VECTOR_LOWER64_FIQ, guest_trap
	vector_entry VECTOR_LOWER64_SERROR, guest_trap
	vector_entry VECTOR_LOWER32_SYNC, guest_trap
	vector_entry VECTOR_LOWER32_IRQ, guest_trap
	vector_entry VECTOR_LOWER32_FIQ, guest_trap
	vector_entry VECTOR_LOWER32_SERROR, guest_trap

/* Saves x2-x30 and the exception registers; x0/x1 are already in the frame. */
.macro save_frame
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
	mrs	x1, hpfar_el2
	str	x1, [sp, #FRAME_HPFAR]
.endm

/* x0 = vector kind. */
hypervisor_exception:
	save_frame
	mov	x1, x0
	mov	x0, sp
	bl	exception_panic
	b	halt

/* An interrupt while the hypervisor itself waits (interrupts are unmasked
 * at EL2 only in the idle loop): handle it and return to the loop. */
hypervisor_irq:
	save_frame
	mov	x1, x0
	mov	x0, sp
	bl	handle_hypervisor_irq
	b	frame_return

/* An SError at EL2: the leaving vCPU's inside serror.c's window, else a panic. */
hypervisor_serror:
	save_frame
	mov	x1, x0
	mov	x0, sp
	bl	handle_hypervisor_serror
	b	frame_return

guest_trap:
	save_frame
	mov	x1, x0
	mov	x0, sp
	bl	handle_guest_exit
	/* fall through: return to the partition, maybe a different vCPU */

/* Restores the frame at SP and returns from the exception. */
frame_return:
	ldp	x1, x2, [sp, #FRAME_ELR]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x0, x1, [sp, #FRAME_X(0)]
	ldp	x2, x3, [sp, #FRAME_X(2)]
	ldp	x4, x5, [sp, #FRAME_X(4)]
	ldp	x6, x7, [sp, #FRAME_X(6)]
	ldp	x8, x9, [sp, #FRAME_X(8)]
	ldp	x10, x11, [sp, #FRAME_X(10)]
	ldp	x12, x13, [sp, #FRAME_X(12)]
	ldp	x14, x15, [sp, #FRAME_X(14)]
	ldp	x16, x17, [sp, #FRAME_X(16)]
	ldp	x18, x19, [sp, #FRAME_X(18)]
	ldp	x20, x21, [sp, #FRAME_X(20)]
	ldp	x22, x23, [sp, #FRAME_X(22)]
	ldp	x24, x25, [sp, #FRAME_X(24)]
	ldp	x26, x27, [sp, #FRAME_X(26)]
	ldp	x28, x29, [sp, #FRAME_X(28)]
	ldr	x30, [sp, #FRAME_X(30)]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * arch_frame_enter(frame): starts running from a prepared frame that sits
 * at the top of this CPU's stack, discarding whatever the stack held.
 */
FUNC(arch_frame_enter)
	mov	sp, x0
	b	frame_return
ENDFUNC(arch_frame_enter)
