/*
 * Layout of the hypervisor image. Text, read-only data and writable data
 * each start on a page so the EL2 stage-1 tables can map them W^X.
 */
#include <platform.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS
{
	text PT_LOAD FLAGS(5);		/* R-X */
	rodata PT_LOAD FLAGS(4);	/* R-- */
	data PT_LOAD FLAGS(6);		/* RW- */
}

SECTIONS
{
	. = PLATFORM_HV_BASE;
	__image_start = .;

	.text : {
		*(.text.boot)
		*(.text.vectors)
		*(.text .text.*)
	} :text
	. = ALIGN(4096);
	__text_end = .;

	. = ALIGN(4096);
	.rodata : {
		*(.rodata .rodata.*)
	} :rodata
	. = ALIGN(4096);
	__rodata_end = .;

	. = ALIGN(4096);
	.data : {
		*(.data .data.*)
	} :data

	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(16);
		__bss_end = .;
	} :data

	. = ALIGN(4096);
	__image_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.note .note.*)
		*(.eh_frame*)
	}
}
