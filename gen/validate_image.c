/*
 * Linux kernels against the arm64 boot protocol (Documentation/arch/
 * arm64/booting.rst): the file must be an arm64 Image, whose 64-byte
 * header says how much memory it occupies once loaded (image_size: its
 * bss too, beyond the file) and at which offset from a 2 MiB aligned base
 * it must sit (text_offset). The image goes at the start of the
 * partition's first region (emit_components).
 */
#include "validate_internal.h"

#include <stdio.h>
#include <string.h>

#define ARM64_HEADER_SIZE	64
#define ARM64_TEXT_OFFSET_AT	8
#define ARM64_IMAGE_SIZE_AT	16
#define ARM64_MAGIC_AT		56
#define ARM64_OLD_TEXT_OFFSET	0x80000ULL

static uint64_t little_endian_64(const unsigned char *bytes)
{
	uint64_t value = 0;

	for (int i = 7; i >= 0; i--)
		value = value << 8 | bytes[i];
	return value;
}

/* What the file is instead, for the hint; NULL when it is nothing we know. */
static const char *what_it_is(const unsigned char *bytes, size_t length)
{
	if (length >= 4 && memcmp(bytes, "\x7f" "ELF", 4) == 0)
		return "this is an ELF file (vmlinux?): give the arch/arm64/boot/Image the kernel build makes";
	if (length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
		return "this is gzip-compressed (Image.gz?): decompress it, the arm64 kernel does not decompress itself";
	return NULL;
}

static void read_header(struct image_spec *img)
{
	unsigned char header[ARM64_HEADER_SIZE];
	size_t length = 0;
	FILE *f = fopen(img->path, "rb");

	if (f != NULL) {
		length = fread(header, 1, sizeof(header), f);
		fclose(f);
	}
	if (length < sizeof(header) || memcmp(header + ARM64_MAGIC_AT, "ARM\x64", 4) != 0) {
		diag_error(img->file_at, what_it_is(header, length),
			   "kernel '%s' is not an arm64 Image: no \"ARM\\x64\" magic at byte %u of its header",
			   img->file, ARM64_MAGIC_AT);
		return;
	}
	img->text_offset = little_endian_64(header + ARM64_TEXT_OFFSET_AT);
	img->kernel_size = little_endian_64(header + ARM64_IMAGE_SIZE_AT);
	/* Before Linux 3.17 image_size was 0 and text_offset of unknown byte order. */
	if (img->kernel_size == 0)
		img->text_offset = ARM64_OLD_TEXT_OFFSET;
}

void read_kernel_headers(struct layout_spec *l)
{
	for (unsigned int i = 0; i < l->partition_count; i++) {
		struct image_spec *img = &l->partitions[i].image;
		if (img->kind == IMAGE_KERNEL && img->path != NULL)
			read_header(img);
	}
}

void check_kernel_base(const struct partition_spec *p)
{
	const struct region_spec *first = p->region_count > 0 ? &p->regions[0] : NULL;
	uint64_t base;
	char hint[160];

	if (p->image.kind != IMAGE_KERNEL || first == NULL || !first->has_ipa)
		return;
	base = first->ipa - p->image.text_offset;
	if (first->ipa >= p->image.text_offset && base % BLOCK_SIZE_2M == 0)
		return;
	snprintf(hint, sizeof(hint), "the kernel goes at the start of the partition's first region: give it "
		 "a base or ipa %s2 MiB boundary%s", p->image.text_offset ? "text_offset past a " : "on a ",
		 p->image.text_offset ? "" : ", or a size in whole 2M");
	diag_error(first->ipa_at.line ? first->ipa_at : first->pa_at.line ? first->pa_at : first->at, hint,
		   "kernel '%s' would be loaded at 0x%llx, but Linux needs its base (less text_offset 0x%llx) "
		   "2 MiB aligned", p->image.file, (unsigned long long)first->ipa,
		   (unsigned long long)p->image.text_offset);
}
