/*
 * The boot artifact: one file that carries the hypervisor and every
 * partition's images, booted with a single `qemu -kernel`. It starts with
 * an arm64 Image header (so QEMU and boot loaders load it like a Linux
 * kernel), then the Bulkhead header and component table, then the
 * hypervisor at ARTIFACT_HYPERVISOR_OFFSET, then the components, each
 * 4 KiB aligned. docs/image-format.md describes it. Shared by the
 * hypervisor and the host packer; fixed-width little-endian fields only.
 */
#ifndef ARTIFACT_H
#define ARTIFACT_H

#include <stdint.h>

/* Where the arm64 Image protocol places the artifact above the start of RAM. */
#define ARTIFACT_TEXT_OFFSET		0x80000U
#define ARTIFACT_HEADER_OFFSET		0x40U
#define ARTIFACT_HYPERVISOR_OFFSET	0x1000U
#define ARTIFACT_ALIGN			0x1000U

#define ARTIFACT_MAGIC			"BULKHEAD"
#define ARTIFACT_FORMAT_VERSION		1U
#define ARTIFACT_MAX_COMPONENTS		62U	/* what fits before the hypervisor */

#define ARM64_IMAGE_MAGIC		0x644d5241U	/* "ARM\x64" */
#define ARM64_IMAGE_FLAGS_4K		(1U << 1)	/* little-endian, 4 KiB pages, fixed base */

struct arm64_image_header {
	uint32_t code0;		/* branch to the hypervisor */
	uint32_t code1;
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t flags;
	uint64_t reserved[3];
	uint32_t magic;
	uint32_t pe_offset;
};

enum artifact_component_kind {
	ARTIFACT_HYPERVISOR = 1,
	ARTIFACT_KERNEL = 2,	/* a partition's entry image: Linux Image or bare-metal binary */
	ARTIFACT_DTB = 3,
	ARTIFACT_INITRD = 4,
};

struct artifact_component {
	uint32_t kind;		/* enum artifact_component_kind */
	uint16_t partition;	/* owning partition id (0 for the hypervisor) */
	uint16_t reserved;
	uint64_t offset;	/* from the start of the artifact */
	uint64_t size;
	uint64_t load_ipa;	/* where it goes in its partition */
	uint8_t sha256[32];
};

struct artifact_header {
	char magic[8];
	uint32_t format_version;
	uint32_t component_count;
	uint64_t image_size;		/* the whole artifact, in bytes */
	uint64_t signature_offset;	/* 0: unsigned (the signing tool fills these) */
	uint64_t signature_size;
	uint8_t reserved[24];
	struct artifact_component components[];
};

_Static_assert(sizeof(struct arm64_image_header) == ARTIFACT_HEADER_OFFSET, "arm64 header");
_Static_assert(sizeof(struct artifact_component) == 64, "component entry");
_Static_assert(sizeof(struct artifact_header) == 64, "artifact header");
_Static_assert(ARTIFACT_HEADER_OFFSET + sizeof(struct artifact_header) +
	       ARTIFACT_MAX_COMPONENTS * sizeof(struct artifact_component) <= ARTIFACT_HYPERVISOR_OFFSET,
	       "the component table must end before the hypervisor");

#endif
