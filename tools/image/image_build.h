/* Laying out a boot artifact (artifact.h) in memory from its parts. */
#ifndef IMAGE_BUILD_H
#define IMAGE_BUILD_H

#include <artifact.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct component_arg {
	enum artifact_component_kind kind;
	unsigned int partition;
	uint64_t load_ipa;
	const char *path;
};

struct image_spec {
	uint64_t base;			/* 0: 4 KiB below the hypervisor's link address */
	const char *hypervisor;		/* ELF */
	struct component_arg components[ARTIFACT_MAX_COMPONENTS];
	unsigned int component_count;
	uint32_t version;		/* ARTIFACT_VERSION, of the image and each component */
	uint64_t security_counter;
	bool signed_image;		/* leave room for the signature and flag it */
};

/* 0 with *image (malloc'd) and *size set, or -1 with a message printed. */
int image_build(const struct image_spec *spec, uint8_t **image, size_t *size);

/* "1.2.3" → ARTIFACT_VERSION(1, 2, 3); 0 or -1. */
int parse_version(const char *text, uint32_t *version);

#endif
