/*
 * The boot artifact's checks, in the order that keeps each one safe:
 * sizes and offsets before anything is read through them, the signature
 * before the values it vouches for (counter, digests) are trusted.
 */
#include <image_check.h>
#include <sha256.h>
#include <string.h>

static const char *const status_texts[IMAGE_STATUS_COUNT] = {
	[IMAGE_OK] = "valid",
	[IMAGE_TRUNCATED] = "the image is truncated: shorter than its headers say",
	[IMAGE_NOT_ARM64] = "no arm64 Image header",
	[IMAGE_BAD_MAGIC] = "no Bulkhead header (bad magic)",
	[IMAGE_BAD_FORMAT_VERSION] = "unsupported image format version",
	[IMAGE_BAD_COMPONENT_COUNT] = "the component count is zero or above the format's limit",
	[IMAGE_BAD_HEADER_SIZE] = "the header size does not match the component count",
	[IMAGE_BAD_IMAGE_SIZE] = "the image size is smaller than its headers",
	[IMAGE_BAD_SIGNATURE_PLACE] = "the signature's offset or size is invalid",
	[IMAGE_BAD_KIND] = "a component has an unknown kind",
	[IMAGE_COMPONENT_MISALIGNED] = "a component is not 4 KiB aligned",
	[IMAGE_COMPONENT_OUTSIDE] = "a component lies outside the image or over its headers",
	[IMAGE_COMPONENT_EMPTY] = "a component is empty",
	[IMAGE_COMPONENTS_OVERLAP] = "two components overlap",
	[IMAGE_SIGNATURE_OVERLAPS] = "the signature overlaps a component",
	[IMAGE_NO_HYPERVISOR] = "the first component is not the hypervisor at its fixed offset",
	[IMAGE_DUPLICATE_COMPONENT] = "a component appears twice (same kind and partition)",
	[IMAGE_UNSIGNED] = "the image is not signed, and signed images are required",
	[IMAGE_UNTRUSTED_KEY] = "the image is signed by a key that is not trusted",
	[IMAGE_BAD_SIGNATURE] = "the signature does not verify (header, manifest or signature altered)",
	[IMAGE_ROLLBACK] = "the security counter is below the minimum (rollback refused)",
	[IMAGE_DIGEST_MISMATCH] = "a component's SHA-256 does not match the manifest",
};

const char *image_status_text(enum image_status status)
{
	return (unsigned int)status < IMAGE_STATUS_COUNT ? status_texts[status] : "unknown status";
}

const char *image_kind_name(uint32_t kind)
{
	switch (kind) {
	case ARTIFACT_HYPERVISOR: return "hypervisor";
	case ARTIFACT_KERNEL: return "kernel";
	case ARTIFACT_DTB: return "dtb";
	case ARTIFACT_INITRD: return "initrd";
	case ARTIFACT_TABLES: return "tables";
	default: return "unknown";
	}
}

static struct image_result result(enum image_status status, int component, int other)
{
	return (struct image_result){ .status = status, .component = component, .other = other };
}

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

static struct image_result check_signature_place(const struct artifact_header *h, uint64_t headers_end)
{
	bool signed_image = (h->flags & ARTIFACT_FLAG_SIGNED) != 0;

	if (!signed_image) {
		if (h->signature_offset != 0 || h->signature_size != 0)
			return result(IMAGE_BAD_SIGNATURE_PLACE, -1, -1);
		return result(IMAGE_OK, -1, -1);
	}
	if (h->signature_size != ARTIFACT_SIGNATURE_SIZE || h->signature_offset % ARTIFACT_SIGNATURE_ALIGN != 0 ||
	    h->signature_offset < headers_end || h->signature_offset > h->image_size ||
	    h->signature_size > h->image_size - h->signature_offset)
		return result(IMAGE_BAD_SIGNATURE_PLACE, -1, -1);
	return result(IMAGE_OK, -1, -1);
}

static struct image_result check_component(const struct artifact_header *h, unsigned int i)
{
	const struct artifact_component *c = &h->components[i];

	if (c->kind < ARTIFACT_HYPERVISOR || c->kind > ARTIFACT_KIND_LAST)
		return result(IMAGE_BAD_KIND, (int)i, -1);
	if (c->size == 0)
		return result(IMAGE_COMPONENT_EMPTY, (int)i, -1);
	if (c->offset % ARTIFACT_ALIGN != 0)
		return result(IMAGE_COMPONENT_MISALIGNED, (int)i, -1);
	if (c->offset < ARTIFACT_HYPERVISOR_OFFSET || c->offset > h->image_size ||
	    c->size > h->image_size - c->offset)
		return result(IMAGE_COMPONENT_OUTSIDE, (int)i, -1);
	if ((i == 0) != (c->kind == ARTIFACT_HYPERVISOR) ||
	    (i == 0 && c->offset != ARTIFACT_HYPERVISOR_OFFSET))
		return result(IMAGE_NO_HYPERVISOR, (int)i, -1);
	if ((h->flags & ARTIFACT_FLAG_SIGNED) != 0 &&
	    overlap(c->offset, c->size, h->signature_offset, h->signature_size))
		return result(IMAGE_SIGNATURE_OVERLAPS, (int)i, -1);
	for (unsigned int j = 0; j < i; j++) {
		const struct artifact_component *other = &h->components[j];
		if (overlap(c->offset, c->size, other->offset, other->size))
			return result(IMAGE_COMPONENTS_OVERLAP, (int)j, (int)i);
		if (other->kind == c->kind && other->partition == c->partition)
			return result(IMAGE_DUPLICATE_COMPONENT, (int)j, (int)i);
	}
	return result(IMAGE_OK, -1, -1);
}

struct image_result image_parse(const uint8_t *image, uint64_t available)
{
	const struct arm64_image_header *arm64 = (const void *)image;
	const struct artifact_header *h = image_header(image);
	uint64_t headers_end;
	struct image_result r;

	if (available < ARTIFACT_HEADER_OFFSET + sizeof(*h))
		return result(IMAGE_TRUNCATED, -1, -1);
	if (arm64->magic != ARM64_IMAGE_MAGIC)
		return result(IMAGE_NOT_ARM64, -1, -1);
	if (memcmp(h->magic, ARTIFACT_MAGIC, sizeof(h->magic)) != 0)
		return result(IMAGE_BAD_MAGIC, -1, -1);
	if (h->format_version != ARTIFACT_FORMAT_VERSION)
		return result(IMAGE_BAD_FORMAT_VERSION, -1, -1);
	if (h->component_count == 0 || h->component_count > ARTIFACT_MAX_COMPONENTS)
		return result(IMAGE_BAD_COMPONENT_COUNT, -1, -1);
	if (h->header_size != sizeof(*h) + h->component_count * sizeof(h->components[0]))
		return result(IMAGE_BAD_HEADER_SIZE, -1, -1);
	headers_end = ARTIFACT_HEADER_OFFSET + (uint64_t)h->header_size;
	if (h->image_size < headers_end)
		return result(IMAGE_BAD_IMAGE_SIZE, -1, -1);
	if (h->image_size > available)
		return result(IMAGE_TRUNCATED, -1, -1);
	r = check_signature_place(h, headers_end);
	if (r.status != IMAGE_OK)
		return r;
	for (unsigned int i = 0; i < h->component_count; i++) {
		r = check_component(h, i);
		if (r.status != IMAGE_OK)
			return r;
	}
	return result(IMAGE_OK, -1, -1);
}

static struct image_result check_signature(const uint8_t *image, const struct image_policy *policy)
{
	const struct artifact_header *h = image_header(image);
	uint8_t digest[SHA256_DIGEST_SIZE];

	if ((h->flags & ARTIFACT_FLAG_SIGNED) == 0)
		return result(policy->require_signature ? IMAGE_UNSIGNED : IMAGE_OK, -1, -1);
	if (policy->trusted_key_sha256 == NULL)
		return result(IMAGE_OK, -1, -1);
	if (memcmp(h->key_sha256, policy->trusted_key_sha256, SHA256_DIGEST_SIZE) != 0)
		return result(IMAGE_UNTRUSTED_KEY, -1, -1);
	sha256(image, ARTIFACT_HEADER_OFFSET + (size_t)h->header_size, digest);
	if (!policy->signature_valid(digest, image + h->signature_offset))
		return result(IMAGE_BAD_SIGNATURE, -1, -1);
	return result(IMAGE_OK, -1, -1);
}

struct image_result image_verify(const uint8_t *image, uint64_t available, const struct image_policy *policy)
{
	const struct artifact_header *h = image_header(image);
	struct image_result r = image_parse(image, available);

	if (r.status != IMAGE_OK)
		return r;
	r = check_signature(image, policy);
	if (r.status != IMAGE_OK)
		return r;
	if (h->security_counter < policy->min_security_counter)
		return result(IMAGE_ROLLBACK, -1, -1);
	if (!policy->check_digests)
		return result(IMAGE_OK, -1, -1);
	for (unsigned int i = 0; i < h->component_count; i++) {
		const struct artifact_component *c = &h->components[i];
		uint8_t digest[SHA256_DIGEST_SIZE];

		sha256(image + c->offset, (size_t)c->size, digest);
		if (memcmp(digest, c->sha256, sizeof(digest)) != 0)
			return result(IMAGE_DIGEST_MISMATCH, (int)i, -1);
	}
	return result(IMAGE_OK, -1, -1);
}
