/* Validation of the boot artifact's header and component table. */
#include <artifact_reader.h>
#include <layout.h>
#include <platform.h>

#include <stdbool.h>
#include <stdint.h>


static bool ranges_overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a < b + b_size && b < a + a_size;
}

static const char *check_component(const struct artifact_header *h, unsigned int index)
{
	const struct artifact_component *c = &h->components[index];

	if (c->kind < ARTIFACT_HYPERVISOR || c->kind > ARTIFACT_INITRD)
		return "a component has an unknown kind";
	if (c->offset % ARTIFACT_ALIGN != 0)
		return "a component is not 4 KiB aligned";
	if (c->offset < ARTIFACT_HYPERVISOR_OFFSET || c->offset > h->image_size ||
	    c->size > h->image_size - c->offset)
		return "a component lies outside the artifact or over its header";
	for (unsigned int j = 0; j < index; j++) {
		const struct artifact_component *other = &h->components[j];
		if (ranges_overlap(c->offset, c->size, other->offset, other->size))
			return "two components overlap";
	}
	return NULL;
}

const struct artifact_header *artifact_open(const char **why)
{
	const struct artifact_header *h = (const void *)(PLATFORM_ARTIFACT_BASE + ARTIFACT_HEADER_OFFSET);
	const char *magic = ARTIFACT_MAGIC;

	for (unsigned int i = 0; i < sizeof(h->magic); i++) {
		if (h->magic[i] != magic[i]) {
			*why = "no boot artifact header (booted from a bare hypervisor image?)";
			return NULL;
		}
	}
	if (h->format_version != ARTIFACT_FORMAT_VERSION) {
		*why = "unsupported artifact format version";
		return NULL;
	}
	if (h->component_count > ARTIFACT_MAX_COMPONENTS) {
		*why = "too many components";
		return NULL;
	}
	/* The artifact must lie inside the hypervisor's own memory. */
	if (PLATFORM_ARTIFACT_BASE < layout.hypervisor_base ||
	    h->image_size > layout.hypervisor_base + layout.hypervisor_size - PLATFORM_ARTIFACT_BASE) {
		*why = "the artifact is larger than the hypervisor's memory in the layout";
		return NULL;
	}
	for (unsigned int i = 0; i < h->component_count; i++) {
		const char *problem = check_component(h, i);
		if (problem != NULL) {
			*why = problem;
			return NULL;
		}
	}
	return h;
}

const struct artifact_component *artifact_find(const struct artifact_header *artifact,
					       unsigned int partition, enum artifact_component_kind kind)
{
	for (unsigned int i = 0; i < artifact->component_count; i++) {
		const struct artifact_component *c = &artifact->components[i];
		if (c->kind == kind && c->partition == partition)
			return c;
	}
	return NULL;
}

const void *artifact_data(const struct artifact_header *artifact,
			  const struct artifact_component *component)
{
	return (const uint8_t *)artifact - ARTIFACT_HEADER_OFFSET + component->offset;
}
