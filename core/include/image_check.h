/*
 * Checking a boot artifact (artifact.h): the same code runs in the
 * hypervisor before it loads anything, in `bulkhead-image verify` on the
 * host, and under the fuzzer. image_parse() checks the structure: every
 * length and offset, before anything else reads them. image_verify()
 * then checks the signature, the anti-rollback counter and every
 * component's digest. Each refusal has its own status, and names the
 * component it concerns.
 */
#ifndef IMAGE_CHECK_H
#define IMAGE_CHECK_H

#include <artifact.h>

#include <stdbool.h>
#include <stdint.h>

enum image_status {
	IMAGE_OK = 0,
	IMAGE_TRUNCATED,		/* shorter than its headers, or than its image size */
	IMAGE_NOT_ARM64,
	IMAGE_BAD_MAGIC,
	IMAGE_BAD_FORMAT_VERSION,
	IMAGE_BAD_COMPONENT_COUNT,
	IMAGE_BAD_HEADER_SIZE,
	IMAGE_BAD_IMAGE_SIZE,
	IMAGE_BAD_SIGNATURE_PLACE,
	IMAGE_BAD_KIND,
	IMAGE_COMPONENT_MISALIGNED,
	IMAGE_COMPONENT_OUTSIDE,
	IMAGE_COMPONENT_EMPTY,
	IMAGE_COMPONENTS_OVERLAP,
	IMAGE_SIGNATURE_OVERLAPS,
	IMAGE_NO_HYPERVISOR,
	IMAGE_DUPLICATE_COMPONENT,
	IMAGE_UNSIGNED,
	IMAGE_UNTRUSTED_KEY,
	IMAGE_BAD_SIGNATURE,
	IMAGE_ROLLBACK,
	IMAGE_DIGEST_MISMATCH,
	IMAGE_STATUS_COUNT,
};

struct image_result {
	enum image_status status;
	int component;		/* the component concerned, or -1 */
	int other;		/* the second one (overlaps, duplicates), or -1 */
};

struct image_policy {
	/* Signatures are checked against this key (SHA-256 of its point); NULL: not checked. */
	const uint8_t *trusted_key_sha256;
	/* True if signature (r then s) over digest verifies with the trusted key. */
	bool (*signature_valid)(const uint8_t digest[32], const uint8_t signature[ARTIFACT_SIGNATURE_SIZE]);
	bool require_signature;
	uint64_t min_security_counter;
	bool check_digests;
};

/* `available` is how many bytes from `image` may be read. */
struct image_result image_parse(const uint8_t *image, uint64_t available);
struct image_result image_verify(const uint8_t *image, uint64_t available, const struct image_policy *policy);

/* A sentence for a status: "the signature does not verify". */
const char *image_status_text(enum image_status status);
/* "hypervisor", "tables", "kernel", "dtb", "initrd", or "unknown". */
const char *image_kind_name(uint32_t kind);

static inline const struct artifact_header *image_header(const uint8_t *image)
{
	return (const struct artifact_header *)(const void *)(image + ARTIFACT_HEADER_OFFSET);
}

#endif
