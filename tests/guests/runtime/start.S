/*
 * Guest entry. Every vCPU arrives at _start: vCPU 0 from the hypervisor
 * (or QEMU's loader) with x0 = the device tree's address or 0, the others
 * through PSCI CPU_ON. Each takes the stack its MPIDR.Aff0 selects,
 * installs the EL1 vectors and enters C. Only adr/adrp address anything,
 * so the image runs wherever it is loaded.
 *
 * The image starts with an arm64 Image header (Documentation/arm64/
 * booting.rst in Linux), so that loaders of Linux kernels (Xen's dom0less
 * builder, QEMU's -kernel) take it too: its first word branches over the
 * header. The first thing vCPU 0 does is read the physical counter, kept
 * in runtime_entry_counter: under -icount it is the instructions from
 * reset to the guest's first one, whatever the hypervisor (Xen offsets the
 * virtual counter of its guests, not the physical one).
 *
 * FP/SIMD stays trapped (CPACR_EL1.FPEN untouched): the runtime and the
 * guests are built with -mgeneral-regs-only, so an FP instruction would
 * be a bug, and it shows as an unexpected exception.
 */
#include <arch.h>
#include <runtime_layout.h>

	.section .text.start, "ax"
	.global	_start
_start:
	b	entry			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: at the start of RAM, or anywhere */
	.quad	__image_size		/* image_size: with .bss and the stacks */
	.quad	IMAGE_HEADER_FLAGS
	.quad	0, 0, 0			/* reserved */
	.long	IMAGE_HEADER_MAGIC
	.long	0			/* no PE/COFF header */

entry:
	mrs	x21, cntpct_el0		/* before anything else: see above */
	msr	daifset, #DAIF_ALL_BITS
	mrs	x19, mpidr_el1
	and	x19, x19, #MPIDR_AFF0_MASK
	cmp	x19, #(MAX_VCPUS - 1)
	b.hi	park			/* no stack for it */

	/* Stacks grow down: vCPU n's top is __stacks_start + (n + 1) * STACK_SIZE. */
	adrp	x1, __stacks_start
	add	x1, x1, :lo12:__stacks_start
	add	x2, x19, #1
	mov	x3, #STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1

	adrp	x1, exception_vectors
	add	x1, x1, :lo12:exception_vectors
	msr	vbar_el1, x1
	isb
	cbnz	x19, secondary

	/* Only vCPU 0 clears .bss: the others start after it, through CPU_ON. */
	mov	x20, x0
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adrp	x1, runtime_entry_counter
	str	x21, [x1, :lo12:runtime_entry_counter]
	mov	x0, x20
	bl	runtime_main
	b	park

secondary:
	mov	x0, x19
	bl	runtime_secondary

park:
	wfi
	b	park
