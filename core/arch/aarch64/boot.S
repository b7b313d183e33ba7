/*
 * EL2 entry for the primary CPU (the ELF entry point) and for every
 * secondary CPU started through PSCI CPU_ON. Each CPU gets a known
 * SCTLR_EL2, its exception vectors and its own stack, then enters C.
 */
#include <arch/asm.h>
#include <arch/cpu_stack.h>
#include <arch/sysregs.h>

	.section .text.boot, "ax"

FUNC(_start)
	msr	daifset, #0xf
	mov	x19, x0				/* boot argument from the loader */
	bl	el2_cpu_setup

	/* Only the primary runs this: .data from its read-only initial image
	 * (the loaded image stays as signed), and a zeroed .bss. */
	adr_l	x0, __data_start
	adr_l	x1, __data_end
	adr_l	x2, __data_image
3:	cmp	x0, x1
	b.hs	4f
	ldr	x3, [x2], #8
	str	x3, [x0], #8
	b	3b
4:
	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:
	mov	x0, #0
	bl	set_cpu_stack
	mov	x0, x19
	bl	primary_main
	b	halt
ENDFUNC(_start)

/* x0 = CPU index, passed by the primary as the CPU_ON context id. */
FUNC(secondary_entry)
	msr	daifset, #0xf
	mov	x19, x0
	bl	el2_cpu_setup
	mov	x0, x19
	bl	set_cpu_stack
	mov	x0, x19
	bl	secondary_main
	b	halt
ENDFUNC(secondary_entry)

/* A CPU that did not enter at EL2 cannot run the hypervisor: park it. */
el2_cpu_setup:
	mrs	x9, CurrentEL
	cmp	x9, #CURRENTEL_EL2
	b.ne	halt
	ldr	x9, =(SCTLR_EL2_RES1 | SCTLR_EL2_I)
	msr	sctlr_el2, x9
	msr	tpidr_el2, xzr			/* no struct cpu until cpu_enter() */
	adr_l	x9, exception_vectors
	msr	vbar_el2, x9
	isb
	ret

/* SP = top of cpu_stacks[x0]; stacks grow down and never share a line. */
set_cpu_stack:
	adr_l	x9, cpu_stacks
	add	x0, x0, #1
	mov	x10, #CPU_STACK_SIZE
	madd	x9, x0, x10, x9
	mov	sp, x9
	ret

FUNC(halt)
	msr	daifset, #0xf
1:	wfi
	b	1b
ENDFUNC(halt)

	.section .bss.stacks, "aw", %nobits
	.balign	16
	.global	cpu_stacks
cpu_stacks:
	.space	CPU_STACK_SIZE * CONFIG_NR_CPUS
