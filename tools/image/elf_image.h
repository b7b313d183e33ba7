/* The loadable bytes of an AArch64 ELF, laid out flat from its lowest load address. */
#ifndef ELF_IMAGE_H
#define ELF_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct elf_image {
	uint64_t base;		/* lowest load address */
	uint64_t entry;
	uint8_t *bytes;		/* file contents of the segments, zero-filled gaps */
	size_t file_size;	/* up to the end of the last segment's file data */
	size_t memory_size;	/* up to the end of the last segment, .bss included */
	size_t layout_offset;	/* the layout tables (.layout), from base */
	size_t layout_size;
	/* The layout's hypervisor memory (struct layout, found by its symbol); 0 if not found. */
	uint64_t hypervisor_memory_base;
	uint64_t hypervisor_memory_size;
};

/* Returns 0, or -1 with a message in error (of error_size bytes). */
int elf_image_load(const char *path, struct elf_image *image, char *error, size_t error_size);
void elf_image_free(struct elf_image *image);

#endif
