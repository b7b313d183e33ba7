/* Every byte accounted for, and the key an image's hypervisor trusts (image_audit.h). */
#include "image_audit.h"

#include <image_check.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct covered {
	uint64_t start, end;
};

static int by_start(const void *a, const void *b)
{
	const struct covered *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool zero_between(const uint8_t *image, uint64_t start, uint64_t end, uint64_t *offset)
{
	for (uint64_t at = start; at < end; at++) {
		if (image[at] != 0) {
			*offset = at;
			return false;
		}
	}
	return true;
}

bool image_padding_is_zero(const uint8_t *image, uint64_t *offset)
{
	const struct artifact_header *h = image_header(image);
	struct covered ranges[ARTIFACT_MAX_COMPONENTS + 2];
	unsigned int count = 0;
	uint64_t at = 0;

	/* image_parse() has checked that these lie inside the image and do not overlap. */
	ranges[count++] = (struct covered){ 0, ARTIFACT_HEADER_OFFSET + (uint64_t)h->header_size };
	if (h->flags & ARTIFACT_FLAG_SIGNED)
		ranges[count++] = (struct covered){ h->signature_offset, h->signature_offset + h->signature_size };
	for (unsigned int i = 0; i < h->component_count; i++)
		ranges[count++] = (struct covered){ h->components[i].offset,
						    h->components[i].offset + h->components[i].size };
	qsort(ranges, count, sizeof(ranges[0]), by_start);
	for (unsigned int i = 0; i < count; i++) {
		if (!zero_between(image, at, ranges[i].start, offset))
			return false;
		at = ranges[i].end;
	}
	return zero_between(image, at, h->image_size, offset);
}

unsigned int image_hypervisor_key(const uint8_t *image, uint8_t point[ARTIFACT_KEY_POINT_SIZE])
{
	static const struct artifact_key_record pattern = { .tag = ARTIFACT_KEY_TAG };
	const struct artifact_component *hypervisor = &image_header(image)->components[0];
	const uint8_t *code = image + hypervisor->offset;
	unsigned int found = 0;

	for (uint64_t at = 0; at + sizeof(pattern) <= hypervisor->size; at++) {
		if (memcmp(code + at, pattern.tag, sizeof(pattern.tag)) != 0)
			continue;
		if (found++ == 0)
			memcpy(point, code + at + offsetof(struct artifact_key_record, point), ARTIFACT_KEY_POINT_SIZE);
	}
	return found;
}
