/*
 * Test guests run from the start of their partition's first RAM region,
 * GUEST_LOAD_ADDR (a make variable, 0x40000000 by default). The code
 * addresses everything PC-relatively, so an image also runs elsewhere.
 * Preprocessed, so the stacks come from runtime_layout.h.
 */
#include <runtime_layout.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = GUEST_LOAD_ADDR;
	.text : { KEEP(*(.text.start)) *(.text .text.*) }
	.rodata : { *(.rodata .rodata.*) }
	.data : { *(.data .data.*) }
	. = ALIGN(16);
	.bss (NOLOAD) : { __bss_start = .; *(.bss .bss.*) *(COMMON) . = ALIGN(16); __bss_end = .; }
	. = ALIGN(16);
	__stacks_start = .;
	. += MAX_VCPUS * STACK_SIZE;
	__stacks_end = .;
	__image_size = __stacks_end - GUEST_LOAD_ADDR;	/* for the Image header */
	/DISCARD/ : { *(.comment) *(.note .note.*) *(.eh_frame*) }
}

ASSERT(_start == GUEST_LOAD_ADDR, "the entry point must be the image's first byte")
