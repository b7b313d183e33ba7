/*
 * The boot artifact: one file that carries the hypervisor, its layout
 * tables and every partition's images, booted with a single
 * `qemu -kernel`. It starts with an arm64 Image header (so QEMU and boot
 * loaders load it like a Linux kernel), then the Bulkhead header and the
 * manifest (one entry per component), then the hypervisor at
 * ARTIFACT_HYPERVISOR_OFFSET, its tables, the partitions' components, each
 * 4 KiB aligned, and last the signature. docs/image-format.md describes
 * it. Shared by the hypervisor and the host tool; fixed-width
 * little-endian fields only.
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
#define ARTIFACT_FORMAT_VERSION		2U
#define ARTIFACT_MAX_COMPONENTS		48U	/* what fits before the hypervisor */

/* ECDSA P-256: the signature is r then s, 32 big-endian bytes each. */
#define ARTIFACT_SIGNATURE_SIZE		64U
#define ARTIFACT_SIGNATURE_ALIGN	16U

#define ARTIFACT_FLAG_SIGNED		(1U << 0)

/*
 * A hypervisor that checks signatures carries the key it trusts as a
 * struct artifact_key_record, so that `bulkhead-image verify` can find in
 * an image the key its own hypervisor will check it against.
 */
#define ARTIFACT_KEY_TAG		"Bulkhead trusted P-256 key"
#define ARTIFACT_KEY_POINT_SIZE		65U	/* uncompressed: 0x04, X, Y */

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
	ARTIFACT_TABLES = 5,	/* the hypervisor's layout tables, right after its code */
};
#define ARTIFACT_KIND_LAST	ARTIFACT_TABLES

/* Versions are MAJOR.MINOR.PATCH packed as 8.8.16 bits. */
#define ARTIFACT_VERSION(major, minor, patch) \
	((uint32_t)(major) << 24 | (uint32_t)(minor) << 16 | (uint32_t)(patch))

struct artifact_component {
	uint32_t kind;		/* enum artifact_component_kind */
	uint16_t partition;	/* owning partition id (0 for the hypervisor and tables) */
	uint16_t reserved0;
	uint32_t version;	/* ARTIFACT_VERSION */
	uint32_t reserved1;
	uint64_t offset;	/* from the start of the artifact */
	uint64_t size;
	uint64_t load_ipa;	/* where it goes in its partition (the hypervisor: its link address) */
	uint64_t reserved2;
	uint8_t sha256[32];
};

/*
 * The signature covers bytes [0, ARTIFACT_HEADER_OFFSET + header_size):
 * the arm64 header, this header (signature fields included) and the
 * manifest. The components are covered through their digests.
 */
struct artifact_header {
	char magic[8];
	uint32_t format_version;
	uint32_t header_size;		/* this header and the manifest, in bytes */
	uint32_t component_count;
	uint32_t flags;			/* ARTIFACT_FLAG_* */
	uint64_t image_size;		/* the whole artifact, signature included */
	uint32_t image_version;		/* ARTIFACT_VERSION */
	uint32_t reserved0;
	uint64_t security_counter;	/* anti-rollback: refused below the built-in minimum */
	uint64_t signature_offset;	/* 0 when unsigned */
	uint64_t signature_size;
	uint8_t key_sha256[32];		/* SHA-256 of the signer's public key point (65 bytes, uncompressed) */
	uint8_t reserved1[32];
	struct artifact_component components[];
};

struct artifact_key_record {
	char tag[32];			/* ARTIFACT_KEY_TAG, zero-padded */
	uint8_t point[ARTIFACT_KEY_POINT_SIZE];
};

_Static_assert(sizeof(struct arm64_image_header) == ARTIFACT_HEADER_OFFSET, "arm64 header");
_Static_assert(sizeof(struct artifact_component) == 80, "component entry");
_Static_assert(sizeof(struct artifact_header) == 128, "artifact header");
_Static_assert(ARTIFACT_HEADER_OFFSET + sizeof(struct artifact_header) +
	       ARTIFACT_MAX_COMPONENTS * sizeof(struct artifact_component) <= ARTIFACT_HYPERVISOR_OFFSET,
	       "the manifest must end before the hypervisor");

#endif
