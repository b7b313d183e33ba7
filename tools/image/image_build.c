/*
 * The artifact's bytes: arm64 Image header, Bulkhead header, manifest,
 * the hypervisor and its tables where it is linked, then each component
 * 4 KiB aligned, then room for the signature.
 */
#include "image_build.h"
#include "elf_image.h"
#include "file_io.h"

#include <layout.h>
#include <sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_SIZE (1ULL << 30)

static int die(const char *fmt, const char *arg)
{
	fprintf(stderr, "bulkhead-image: error: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return -1;
}

static uint64_t align_up(uint64_t value, uint64_t alignment)
{
	return (value + alignment - 1) & ~(alignment - 1);
}

int parse_version(const char *text, uint32_t *version)
{
	unsigned int major, minor, patch;
	int consumed = 0;

	if (sscanf(text, "%3u.%3u.%5u%n", &major, &minor, &patch, &consumed) != 3 || text[consumed] != '\0' ||
	    major > 255 || minor > 255 || patch > 65535)
		return -1;
	*version = ARTIFACT_VERSION(major, minor, patch);
	return 0;
}

static void add_component(uint8_t *out, struct artifact_header *h, const struct artifact_component *c,
			  const void *bytes)
{
	struct artifact_component *entry = &h->components[h->component_count++];

	*entry = *c;
	memcpy(out + c->offset, bytes, c->size);
	sha256(bytes, c->size, entry->sha256);
}

/*
 * The hypervisor refuses at boot an image that does not fit between the
 * artifact's base and its measurement log, at the top of the memory the
 * layout reserves for it: refused here first, with the sizes.
 */
static bool fits_below_event_log(const struct elf_image *hv, uint64_t base, uint64_t image_size)
{
	uint64_t log_base = hv->hypervisor_memory_base + hv->hypervisor_memory_size - LAYOUT_EVENT_LOG_SIZE;

	if (hv->hypervisor_memory_size == 0)
		return true;	/* no layout symbol: the boot-time check remains */
	if (base >= hv->hypervisor_memory_base && base < log_base && image_size <= log_base - base)
		return true;
	fprintf(stderr, "bulkhead-image: error: the image is %llu bytes (%llu MiB), but the hypervisor's memory below "
		"its measurement log holds %llu bytes (%llu MiB) from the image's base %#llx: the layout gives the "
		"hypervisor %llu MiB at %#llx, the last 64 KiB for the log; the hypervisor would refuse this image at "
		"boot (give it more memory in the layout's hypervisor: memory: size, or make the images smaller)\n",
		(unsigned long long)image_size, (unsigned long long)((image_size + (1u << 20) - 1) >> 20),
		(unsigned long long)(log_base > base ? log_base - base : 0),
		(unsigned long long)((log_base > base ? log_base - base : 0) >> 20), (unsigned long long)base,
		(unsigned long long)(hv->hypervisor_memory_size >> 20), (unsigned long long)hv->hypervisor_memory_base);
	return false;
}

int image_build(const struct image_spec *spec, uint8_t **image, size_t *size)
{
	struct elf_image hv;
	char error[256];
	uint8_t *files[ARTIFACT_MAX_COMPONENTS] = { 0 };
	size_t sizes[ARTIFACT_MAX_COMPONENTS];
	uint64_t offsets[ARTIFACT_MAX_COMPONENTS], end, base = spec->base;
	uint8_t *out = NULL;
	int status = -1;

	if (spec->component_count > ARTIFACT_MAX_COMPONENTS - 2)
		return die("more than %s partition components", "46");
	if (elf_image_load(spec->hypervisor, &hv, error, sizeof(error)) != 0)
		return die("%s", error);
	if (base == 0)
		base = hv.base - ARTIFACT_HYPERVISOR_OFFSET;
	if (hv.base != base + ARTIFACT_HYPERVISOR_OFFSET || hv.entry != hv.base) {
		elf_image_free(&hv);
		return die("%s is not linked at the artifact base + 0x1000 with its entry first", spec->hypervisor);
	}
	if (hv.layout_offset % ARTIFACT_ALIGN != 0 || hv.layout_offset + hv.layout_size != hv.file_size) {
		elf_image_free(&hv);
		return die("%s: the layout tables must start on a page and end the loaded image", spec->hypervisor);
	}
	/* Partition components start after the hypervisor's .data and .bss. */
	end = align_up(ARTIFACT_HYPERVISOR_OFFSET + hv.memory_size, ARTIFACT_ALIGN);
	for (unsigned int i = 0; i < spec->component_count; i++) {
		files[i] = file_read_all(spec->components[i].path, &sizes[i]);
		if (files[i] == NULL || sizes[i] == 0) {
			die("cannot read component %s (or it is empty)", spec->components[i].path);
			goto out;
		}
		offsets[i] = end;
		end = align_up(end + sizes[i], ARTIFACT_ALIGN);
		if (end > MAX_IMAGE_SIZE) {
			die("the artifact would exceed 1 GiB at %s", spec->components[i].path);
			goto out;
		}
	}
	if (spec->signed_image)
		end += ARTIFACT_SIGNATURE_SIZE;		/* end is 4 KiB aligned, so the signature is too */
	if (!fits_below_event_log(&hv, base, end))
		goto out;
	out = calloc(1, end);
	if (out == NULL) {
		die("out of memory for a %s artifact", "large");
		goto out;
	}
	{
		struct arm64_image_header *arm64 = (void *)out;
		struct artifact_header *h = (void *)(out + ARTIFACT_HEADER_OFFSET);
		unsigned int count = spec->component_count + 2;

		/* b +ARTIFACT_HYPERVISOR_OFFSET */
		arm64->code0 = 0x14000000U | (ARTIFACT_HYPERVISOR_OFFSET / 4);
		arm64->text_offset = ARTIFACT_TEXT_OFFSET;
		arm64->image_size = end;
		arm64->flags = ARM64_IMAGE_FLAGS_4K;
		arm64->magic = ARM64_IMAGE_MAGIC;
		memcpy(h->magic, ARTIFACT_MAGIC, sizeof(h->magic));
		h->format_version = ARTIFACT_FORMAT_VERSION;
		h->header_size = (uint32_t)(sizeof(*h) + count * sizeof(h->components[0]));
		h->image_size = end;
		h->image_version = spec->version;
		h->security_counter = spec->security_counter;
		if (spec->signed_image) {
			h->flags = ARTIFACT_FLAG_SIGNED;
			h->signature_offset = end - ARTIFACT_SIGNATURE_SIZE;
			h->signature_size = ARTIFACT_SIGNATURE_SIZE;
		}
		add_component(out, h, &(struct artifact_component){
			.kind = ARTIFACT_HYPERVISOR, .version = spec->version, .offset = ARTIFACT_HYPERVISOR_OFFSET,
			.size = hv.layout_offset, .load_ipa = hv.base }, hv.bytes);
		add_component(out, h, &(struct artifact_component){
			.kind = ARTIFACT_TABLES, .version = spec->version,
			.offset = ARTIFACT_HYPERVISOR_OFFSET + hv.layout_offset, .size = hv.layout_size,
			.load_ipa = hv.base + hv.layout_offset }, hv.bytes + hv.layout_offset);
		for (unsigned int i = 0; i < spec->component_count; i++) {
			const struct component_arg *a = &spec->components[i];
			add_component(out, h, &(struct artifact_component){
				.kind = a->kind, .partition = (uint16_t)a->partition, .version = spec->version,
				.offset = offsets[i], .size = sizes[i], .load_ipa = a->load_ipa }, files[i]);
		}
	}
	*image = out;
	*size = end;
	status = 0;
out:
	for (unsigned int i = 0; i < spec->component_count; i++)
		free(files[i]);
	elf_image_free(&hv);
	return status;
}
