/*
 * bulkhead-image: builds the boot artifact (core/include/artifact.h) from
 * the hypervisor ELF and the partitions' images. docs/image-format.md
 * describes the result; signing lands in the same tool.
 */
#include "elf_image.h"

#include <artifact.h>
#include <errno.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_SIZE (1ULL << 30)

struct component_arg {
	enum artifact_component_kind kind;
	unsigned long partition;
	unsigned long long load_ipa;
	const char *path;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: bulkhead-image pack [--base ADDRESS] --hypervisor ELF -o OUTPUT\n"
		"                           [--component KIND,PARTITION,LOAD_IPA,FILE]...\n"
		"\n"
		"Packs the hypervisor and partition images into one boot artifact that\n"
		"QEMU (or a boot loader) loads as an arm64 Image at ADDRESS.\n"
		"  --base ADDRESS       where the artifact is loaded (RAM base + 0x%x);\n"
		"                       by default, 4 KiB below the hypervisor's link address\n"
		"  --hypervisor ELF     the hypervisor, linked at ADDRESS + 0x%x\n"
		"  --component K,P,A,F  file F of kind K (kernel, dtb, initrd) for the\n"
		"                       partition with id P, loaded at its address A\n"
		"  -o OUTPUT            the artifact to write\n",
		ARTIFACT_TEXT_OFFSET, ARTIFACT_HYPERVISOR_OFFSET);
}

static int die(const char *fmt, const char *arg)
{
	fprintf(stderr, "bulkhead-image: error: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

static int parse_number(const char *text, unsigned long long *value)
{
	char *end;

	errno = 0;
	*value = strtoull(text, &end, 0);
	return errno == 0 && end != text && *end == '\0' ? 0 : -1;
}

static int parse_component(const char *text, struct component_arg *c)
{
	char kind[16], partition[32], address[32];
	unsigned long long value;
	int consumed = 0;

	if (sscanf(text, "%15[^,],%31[^,],%31[^,],%n", kind, partition, address, &consumed) != 3 ||
	    text[consumed] == '\0')
		return -1;
	c->path = text + consumed;
	if (strcmp(kind, "kernel") == 0)
		c->kind = ARTIFACT_KERNEL;
	else if (strcmp(kind, "dtb") == 0)
		c->kind = ARTIFACT_DTB;
	else if (strcmp(kind, "initrd") == 0)
		c->kind = ARTIFACT_INITRD;
	else
		return -1;
	if (parse_number(partition, &value) != 0 || value > 0xffff)
		return -1;
	c->partition = (unsigned long)value;
	return parse_number(address, &c->load_ipa);
}

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t used = 0, capacity = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (used == capacity) {
			uint8_t *bigger;
			capacity = capacity ? capacity * 2 : 1 << 16;
			bigger = realloc(data, capacity);
			if (bigger == NULL) {
				free(data);
				fclose(f);
				return NULL;
			}
			data = bigger;
		}
		size_t n = fread(data + used, 1, capacity - used, f);
		used += n;
		if (n == 0)
			break;
	}
	fclose(f);
	*size = used;
	return data;
}

static uint64_t align_up(uint64_t value)
{
	return (value + ARTIFACT_ALIGN - 1) & ~(uint64_t)(ARTIFACT_ALIGN - 1);
}

static int pack(unsigned long long base, const char *hypervisor, const char *output,
		const struct component_arg *args, unsigned int count)
{
	struct elf_image hv;
	char error[256];
	uint8_t *files[ARTIFACT_MAX_COMPONENTS] = { 0 };
	size_t sizes[ARTIFACT_MAX_COMPONENTS];
	uint64_t offsets[ARTIFACT_MAX_COMPONENTS], end;
	uint8_t *out;
	FILE *f;
	int status = 1;

	if (elf_image_load(hypervisor, &hv, error, sizeof(error)) != 0)
		return die("%s", error);
	if (base == 0)
		base = hv.base - ARTIFACT_HYPERVISOR_OFFSET;
	if (hv.base != base + ARTIFACT_HYPERVISOR_OFFSET || hv.entry != hv.base) {
		elf_image_free(&hv);
		return die("%s is not linked at the artifact base + 0x1000 with its entry first", hypervisor);
	}
	end = align_up(ARTIFACT_HYPERVISOR_OFFSET + hv.memory_size);
	for (unsigned int i = 0; i < count; i++) {
		files[i] = read_all(args[i].path, &sizes[i]);
		if (files[i] == NULL || sizes[i] == 0) {
			die("cannot read component %s (or it is empty)", args[i].path);
			goto out;
		}
		offsets[i] = end;
		end = align_up(end + sizes[i]);
		if (end > MAX_IMAGE_SIZE) {
			die("the artifact would exceed 1 GiB at %s", args[i].path);
			goto out;
		}
	}
	out = calloc(1, end);
	if (out == NULL) {
		die("out of memory for a %s artifact", "large");
		goto out;
	}
	{
		struct arm64_image_header *image = (void *)out;
		struct artifact_header *header = (void *)(out + ARTIFACT_HEADER_OFFSET);

		/* b +ARTIFACT_HYPERVISOR_OFFSET */
		image->code0 = 0x14000000U | (ARTIFACT_HYPERVISOR_OFFSET / 4);
		image->text_offset = ARTIFACT_TEXT_OFFSET;
		image->image_size = end;
		image->flags = ARM64_IMAGE_FLAGS_4K;
		image->magic = ARM64_IMAGE_MAGIC;
		memcpy(header->magic, ARTIFACT_MAGIC, sizeof(header->magic));
		header->format_version = ARTIFACT_FORMAT_VERSION;
		header->component_count = count + 1;
		header->image_size = end;
		memcpy(out + ARTIFACT_HYPERVISOR_OFFSET, hv.bytes, hv.file_size);
		header->components[0] = (struct artifact_component){
			.kind = ARTIFACT_HYPERVISOR, .offset = ARTIFACT_HYPERVISOR_OFFSET,
			.size = hv.file_size, .load_ipa = hv.base };
		mbedtls_sha256_ret(hv.bytes, hv.file_size, header->components[0].sha256, 0);
		for (unsigned int i = 0; i < count; i++) {
			struct artifact_component *c = &header->components[i + 1];
			*c = (struct artifact_component){
				.kind = args[i].kind, .partition = (uint16_t)args[i].partition,
				.offset = offsets[i], .size = sizes[i], .load_ipa = args[i].load_ipa };
			memcpy(out + offsets[i], files[i], sizes[i]);
			mbedtls_sha256_ret(files[i], sizes[i], c->sha256, 0);
		}
	}
	f = fopen(output, "wb");
	if (f == NULL || fwrite(out, 1, end, f) != end || fclose(f) != 0)
		die("cannot write %s", output);
	else
		status = 0;
	free(out);
out:
	for (unsigned int i = 0; i < count; i++)
		free(files[i]);
	elf_image_free(&hv);
	return status;
}

int main(int argc, char **argv)
{
	struct component_arg components[ARTIFACT_MAX_COMPONENTS - 1];
	unsigned int count = 0;
	unsigned long long base = 0;
	const char *hypervisor = NULL, *output = NULL;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "pack") != 0)
		return die("unknown command '%s' (see --help)", argv[1]), 2;
	for (int i = 2; i < argc; i++) {
		const char *opt = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (value == NULL)
			return die("%s needs a value", opt), 2;
		i++;
		if (strcmp(opt, "--base") == 0) {
			if (parse_number(value, &base) != 0)
				return die("--base: '%s' is not a number", value), 2;
		} else if (strcmp(opt, "--hypervisor") == 0) {
			hypervisor = value;
		} else if (strcmp(opt, "-o") == 0) {
			output = value;
		} else if (strcmp(opt, "--component") == 0) {
			if (count == ARTIFACT_MAX_COMPONENTS - 1)
				return die("more than %s components", "61"), 2;
			if (parse_component(value, &components[count]) != 0)
				return die("--component '%s': expected KIND,PARTITION,LOAD_IPA,FILE "
					   "with KIND kernel, dtb or initrd", value), 2;
			count++;
		} else {
			return die("unknown option '%s' (see --help)", opt), 2;
		}
	}
	if (hypervisor == NULL || output == NULL)
		return die("%s", "pack needs --hypervisor and -o (see --help)"), 2;
	return pack(base, hypervisor, output, components, count);
}
