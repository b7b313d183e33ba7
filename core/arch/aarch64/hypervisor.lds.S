/*
 * Layout of the hypervisor image. Text, read-only data and writable data
 * each start on a page so the EL2 stage-1 tables can map them W^X.
 * Everything up to __layout_end is the file image the manifest covers.
 */
#include <platform.h>

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS
{
	text PT_LOAD FLAGS(5);		/* R-X */
	rodata PT_LOAD FLAGS(4);	/* R-- */
	layout PT_LOAD FLAGS(4);	/* R--: the layout tables */
	data PT_LOAD FLAGS(6);		/* RW- */
}

SECTIONS
{
	. = PLATFORM_HV_BASE;
	__image_start = .;

	.text : {
		*(.text.boot)
		*(.text.vectors)
		*(EXCLUDE_FILE(*libmbedcrypto.a:* */core/crypto/[a-z]*) .text
		  EXCLUDE_FILE(*libmbedcrypto.a:* */core/crypto/[a-z]*) .text.*)
		/* Code only the boot-time signature check runs: unmapped after it. */
		. = ALIGN(4096);
		__boot_text_start = .;
		*libmbedcrypto.a:*(.text .text.*)
		*/core/crypto/[a-z]*(.text .text.*)
		. = ALIGN(4096);
		__boot_text_end = .;
	} :text
	. = ALIGN(4096);
	__text_end = .;

	. = ALIGN(4096);
	.rodata : {
		*(EXCLUDE_FILE(*/gen/tables.c.o) .rodata EXCLUDE_FILE(*/gen/tables.c.o) .rodata.*)
		/* The crypto library is built position-independent: its GOT is
		 * filled in by the static link and never written again. */
		*(.got .got.plt .data.rel.ro .data.rel.ro.*)
	} :rodata

	/*
	 * The initial values of .data are kept here, read-only, and copied to
	 * .data at boot: the loaded image is never written, so its digest in
	 * the signed manifest holds for as long as the hypervisor runs.
	 */
	. = ALIGN(16);
	__data_image = .;
	. = . + SIZEOF(.data);

	/* The layout tables, on their own pages: measured as a component of their own. */
	. = ALIGN(4096);
	__layout_start = .;
	.layout : {
		*/gen/tables.c.o(.rodata .rodata.*)
	} :layout
	. = ALIGN(4096);
	__layout_end = .;
	__rodata_end = .;

	.data : AT(__data_image) {
		__data_start = .;
		*(.data .data.*)
		. = ALIGN(16);
		__data_end = .;
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
