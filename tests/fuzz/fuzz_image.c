/*
 * libFuzzer target over the boot-image checks the hypervisor runs
 * (core/lib/image_check.c) and the event log that follows them
 * (core/lib/event_log.c): any bytes, as an image and as a log. The first
 * byte picks the policy, so the signature, counter and digest paths are
 * all reached; the signature itself is left to mbedtls (a stand-in
 * answers from the digest). Nothing may read outside the input or trip a
 * sanitizer.
 */
#include <event_log.h>
#include <image_check.h>
#include <layout.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool stand_in_signature(const uint8_t digest[32], const uint8_t signature[ARTIFACT_SIGNATURE_SIZE])
{
	return (digest[0] ^ signature[0]) == 0;
}

static void measure(const uint8_t *image)
{
	static uint8_t buffer[LAYOUT_EVENT_LOG_CAPACITY];
	const struct artifact_header *h = image_header(image);
	struct event_log log;
	struct event_view event;
	size_t offset = 0;

	event_log_init(&log, buffer, sizeof(buffer));
	for (unsigned int i = 0; i < h->component_count; i++)
		event_log_component(&log, &h->components[i], h->components[i].sha256, i);
	while (event_log_next(log.buffer, log.size, &offset, &event))
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_policy policy = { .signature_valid = stand_in_signature };
	struct image_result r;
	struct event_view event;
	size_t offset = 0;
	uint8_t *image;

	if (size < 1)
		return 0;
	policy.require_signature = data[0] & 1;
	policy.check_digests = data[0] & 2;
	policy.min_security_counter = data[0] >> 4;
	/* A copy of exactly the input's length, 8-byte aligned like an image in memory. */
	image = malloc(size - 1 > 0 ? size - 1 : 1);
	if (image == NULL)
		return 0;
	memcpy(image, data + 1, size - 1);
	if (data[0] & 4) {
		static const uint8_t key[32];
		policy.trusted_key_sha256 = key;
	}
	r = image_verify(image, size - 1, &policy);
	if (r.status == IMAGE_OK)
		measure(image);
	(void)image_status_text(r.status);
	while (event_log_next(image, size - 1, &offset, &event))
		;
	free(image);
	return 0;
}
