/* Finding components in the boot image (checked by boot_image.c). */
#include <artifact_reader.h>

#include <stdint.h>

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
