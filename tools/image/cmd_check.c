/* verify, inspect and measurements: reading images as the hypervisor does. */
#include "commands.h"
#include "file_io.h"
#include "image_audit.h"
#include "signing.h"

#include <event_log.h>
#include <image_check.h>
#include <layout.h>
#include <sha256.h>
#include <stdlib.h>
#include <string.h>

static uint8_t trusted_point[KEY_POINT_SIZE];

static bool trusted_signature(const uint8_t digest[32], const uint8_t signature[ARTIFACT_SIGNATURE_SIZE])
{
	return ecdsa_p256_verify(trusted_point, digest, signature);
}

static void print_version(FILE *out, uint32_t version)
{
	fprintf(out, "%u.%u.%u", version >> 24, (version >> 16) & 0xff, version & 0xffff);
}

static void print_refusal(const char *path, const uint8_t *image, struct image_result r)
{
	char what[96] = "";

	if (r.component >= 0)
		describe_component(image, r.component, what, sizeof(what));
	fprintf(stderr, "%s: refused: %s", path, image_status_text(r.status));
	if (r.component >= 0)
		fprintf(stderr, ": %s", what);
	if (r.other >= 0) {
		describe_component(image, r.other, what, sizeof(what));
		fprintf(stderr, " and %s", what);
	}
	fputc('\n', stderr);
}

/*
 * Whether the hypervisor inside boots the image as the host found it: 1
 * with the key it trusts in digest, 0 if it carries none (and checks no
 * signature), -1 after saying why it would refuse the image.
 */
static int hypervisor_key(const char *path, const uint8_t *image, bool structure_only, uint8_t digest[32])
{
	const struct artifact_header *h = image_header(image);
	uint8_t point[KEY_POINT_SIZE];
	unsigned int records = image_hypervisor_key(image, point);

	if (records > 1) {
		fprintf(stderr, "%s: refused: its hypervisor carries %u trusted keys, not one\n", path, records);
		return -1;
	}
	if (records == 0) {
		if (structure_only)
			return 0;
		fprintf(stderr, "%s: refused: its hypervisor carries no key: built without CONFIG_SIGNED_IMAGES, "
			"it boots any image, so the signature protects nothing at boot\n", path);
		return -1;
	}
	sha256(point, sizeof(point), digest);
	if (!(h->flags & ARTIFACT_FLAG_SIGNED)) {
		fprintf(stderr, "%s: refused: unsigned, but its hypervisor boots only images signed by key SHA-256 ", path);
		print_hex(stderr, digest, 32);
		fputc('\n', stderr);
		return -1;
	}
	if (memcmp(digest, h->key_sha256, 32) != 0) {
		fprintf(stderr, "%s: refused: its hypervisor trusts key SHA-256 ", path);
		print_hex(stderr, digest, 32);
		fprintf(stderr, ", not the %s, SHA-256 ", structure_only ? "key that signed the image" : "given key");
		print_hex(stderr, h->key_sha256, 32);
		fprintf(stderr, ": it refuses this image at boot\n");
		return -1;
	}
	return 1;
}

int command_verify(int argc, char **argv)
{
	struct image_policy policy = { .signature_valid = trusted_signature, .check_digests = true };
	uint8_t key_digest[32], hypervisor_digest[32];
	const char *path = NULL, *key_path = NULL;
	bool structure_only = false;
	int trusted;
	struct image_result r;
	uint64_t nonzero;
	uint8_t *image;
	size_t size;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) {
			key_path = argv[++i];
		} else if (strcmp(argv[i], "--structure-only") == 0) {
			structure_only = true;
		} else if (strcmp(argv[i], "--require-signature") == 0) {
			policy.require_signature = true;
		} else if (strcmp(argv[i], "--min-security-counter") == 0 && i + 1 < argc) {
			if (parse_u64(argv[++i], &policy.min_security_counter) != 0)
				return tool_error("--min-security-counter: '%s' is not a number", argv[i]), 2;
		} else if (argv[i][0] != '-' && path == NULL) {
			path = argv[i];
		} else {
			return tool_error("verify: unexpected '%s' (see --help)", argv[i]), 2;
		}
	}
	if (path == NULL)
		return tool_error("verify needs an IMAGE (see --help)"), 2;
	if ((key_path == NULL) == !structure_only)
		return tool_error("verify needs either --key PUBLIC.pem, to check the signature, or --structure-only, "
				  "to check all but the signature (see --help)"), 2;
	if (key_path != NULL) {
		mbedtls_pk_context key;
		if (key_load(key_path, false, &key) != 0)
			return 1;
		key_public_point(&key, trusted_point);
		mbedtls_pk_free(&key);
		sha256(trusted_point, sizeof(trusted_point), key_digest);
		policy.trusted_key_sha256 = key_digest;
		policy.require_signature = true;
	}
	image = file_read_all(path, &size);
	if (image == NULL)
		return tool_error("cannot read %s", path);
	r = image_verify(image, size, &policy);
	if (r.status != IMAGE_OK) {
		print_refusal(path, image, r);
		free(image);
		return 1;
	}
	if (size > image_header(image)->image_size) {
		fprintf(stderr, "%s: refused: %zu bytes of trailing data after the %llu-byte image "
			"(never read at boot, but not part of what was signed)\n", path,
			size - (size_t)image_header(image)->image_size,
			(unsigned long long)image_header(image)->image_size);
		free(image);
		return 1;
	}
	if (!image_padding_is_zero(image, &nonzero)) {
		fprintf(stderr, "%s: refused: byte %#llx is not zero: it is padding, outside the signed headers, "
			"the components and the signature, and nothing else would check it\n", path,
			(unsigned long long)nonzero);
		free(image);
		return 1;
	}
	trusted = hypervisor_key(path, image, structure_only, hypervisor_digest);
	if (trusted < 0) {
		free(image);
		return 1;
	}
	printf("%s: %s: version ", path, structure_only ? "structure valid" : "valid");
	print_version(stdout, image_header(image)->image_version);
	printf(", security counter %llu, %u components, ", (unsigned long long)image_header(image)->security_counter,
	       image_header(image)->component_count);
	if (structure_only)
		printf("%s (signature NOT checked: --structure-only)\n",
		       image_header(image)->flags & ARTIFACT_FLAG_SIGNED ? "signed" : "unsigned");
	else
		printf("signature verified with %s\n", key_path);
	if (trusted == 0) {
		printf("%s: its hypervisor carries no key: it checks no signature at boot\n", path);
	} else {
		printf("%s: its hypervisor trusts %s key, SHA-256 ", path,
		       structure_only ? "the signer's" : "the same");
		print_hex(stdout, hypervisor_digest, 32);
		printf("\n");
	}
	free(image);
	return 0;
}

/* Reads IMAGE and checks its structure; NULL (message printed) if it cannot be read safely. */
static uint8_t *load_parsed(const char *path, size_t *size)
{
	uint8_t *image = file_read_all(path, size);
	struct image_result r;

	if (image == NULL) {
		tool_error("cannot read %s", path);
		return NULL;
	}
	r = image_parse(image, *size);
	if (r.status != IMAGE_OK) {
		print_refusal(path, image, r);
		free(image);
		return NULL;
	}
	return image;
}

static void inspect_json(const uint8_t *image)
{
	const struct artifact_header *h = image_header(image);

	printf("{\n  \"format_version\": %u,\n  \"image_size\": %llu,\n  \"version\": \"", h->format_version,
	       (unsigned long long)h->image_size);
	print_version(stdout, h->image_version);
	printf("\",\n  \"security_counter\": %llu,\n  \"signed\": %s,\n", (unsigned long long)h->security_counter,
	       h->flags & ARTIFACT_FLAG_SIGNED ? "true" : "false");
	if (h->flags & ARTIFACT_FLAG_SIGNED) {
		printf("  \"key_sha256\": \"");
		print_hex(stdout, h->key_sha256, 32);
		printf("\",\n  \"signature_offset\": %llu,\n", (unsigned long long)h->signature_offset);
	}
	printf("  \"components\": [\n");
	for (unsigned int i = 0; i < h->component_count; i++) {
		const struct artifact_component *c = &h->components[i];
		printf("    {\"kind\": \"%s\", ", image_kind_name(c->kind));
		if (c->kind != ARTIFACT_HYPERVISOR && c->kind != ARTIFACT_TABLES)
			printf("\"partition\": %u, ", c->partition);
		printf("\"offset\": %llu, \"size\": %llu, \"load_address\": %llu, \"version\": \"",
		       (unsigned long long)c->offset, (unsigned long long)c->size, (unsigned long long)c->load_ipa);
		print_version(stdout, c->version);
		printf("\", \"sha256\": \"");
		print_hex(stdout, c->sha256, 32);
		printf("\"}%s\n", i + 1 < h->component_count ? "," : "");
	}
	printf("  ]\n}\n");
}

static void inspect_text(const char *path, const uint8_t *image, size_t size)
{
	const struct artifact_header *h = image_header(image);

	printf("image %s: format %u, %llu bytes", path, h->format_version, (unsigned long long)h->image_size);
	if (size > h->image_size)
		printf(" (and %zu bytes of trailing data)", size - (size_t)h->image_size);
	printf(", version ");
	print_version(stdout, h->image_version);
	printf(", security counter %llu\n", (unsigned long long)h->security_counter);
	if (h->flags & ARTIFACT_FLAG_SIGNED) {
		printf("signed: ECDSA P-256 at %#llx, key SHA-256 ", (unsigned long long)h->signature_offset);
		print_hex(stdout, h->key_sha256, 32);
		printf("\n");
	} else {
		printf("signed: no\n");
	}
	printf("%-3s %-10s %-9s %-10s %-10s %-12s %-8s %s\n", "#", "kind", "partition", "offset", "size",
	       "load at", "version", "sha256");
	for (unsigned int i = 0; i < h->component_count; i++) {
		const struct artifact_component *c = &h->components[i];
		char partition[8] = "-", version[24];

		if (c->kind != ARTIFACT_HYPERVISOR && c->kind != ARTIFACT_TABLES)
			snprintf(partition, sizeof(partition), "%u", c->partition);
		snprintf(version, sizeof(version), "%u.%u.%u", c->version >> 24, (c->version >> 16) & 0xff,
			 c->version & 0xffff);
		printf("%-3u %-10s %-9s %#-10llx %-10llu %#-12llx %-8s ", i, image_kind_name(c->kind), partition,
		       (unsigned long long)c->offset, (unsigned long long)c->size, (unsigned long long)c->load_ipa,
		       version);
		print_hex(stdout, c->sha256, 32);
		printf("\n");
	}
}

int command_inspect(int argc, char **argv)
{
	bool json = argc == 3 && strcmp(argv[1], "--json") == 0;
	const char *path = argv[argc - 1];
	uint8_t *image;
	size_t size;

	if (argc != 2 + json || path[0] == '-')
		return tool_error("usage: bulkhead-image inspect [--json] IMAGE"), 2;
	image = load_parsed(path, &size);
	if (image == NULL)
		return 1;
	if (json)
		inspect_json(image);
	else
		inspect_text(path, image, size);
	free(image);
	return 0;
}

int command_measurements(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[argc - 1] : NULL, *binary = NULL;
	bool json = false;
	struct event_log log;
	uint8_t *image, *buffer;
	size_t size;

	for (int i = 1; i < argc - 1; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--binary") == 0 && i + 1 < argc - 1)
			binary = argv[++i];
		else
			return tool_error("usage: bulkhead-image measurements [--json | --binary FILE] IMAGE"), 2;
	}
	if (path == NULL || path[0] == '-')
		return tool_error("usage: bulkhead-image measurements [--json | --binary FILE] IMAGE"), 2;
	image = load_parsed(path, &size);
	if (image == NULL)
		return 1;
	buffer = malloc(LAYOUT_EVENT_LOG_CAPACITY);
	if (buffer == NULL)
		return tool_error("out of memory");
	event_log_init(&log, buffer, LAYOUT_EVENT_LOG_CAPACITY);
	/* What the hypervisor records at boot: every component, in manifest order. */
	for (unsigned int i = 0; i < image_header(image)->component_count; i++) {
		const struct artifact_component *c = &image_header(image)->components[i];
		event_log_component(&log, c, c->sha256, 0);
	}
	if (binary != NULL) {
		if (file_write_all(binary, log.buffer, log.size) != 0) {
			free(buffer);
			free(image);
			return tool_error("cannot write %s", binary);
		}
	} else {
		size_t offset = 0;
		struct event_view view;

		if (json)
			printf("[\n");
		for (unsigned int n = 0; event_log_next(log.buffer, log.size, &offset, &view); n++) {
			if (json) {
				printf("  {\"pcr\": %u, \"type\": \"%s\", \"sha256\": \"", view.pcr,
				       event_log_type_name(view.type));
				print_hex(stdout, view.sha256, 32);
				printf("\", \"description\": \"%.*s\"}%s\n", (int)view.description_size,
				       view.description, offset < log.size ? "," : "");
			} else {
				printf("%2u PCR%-2u %-20s ", n, view.pcr, event_log_type_name(view.type));
				print_hex(stdout, view.sha256, 32);
				printf(" %.*s\n", (int)view.description_size, view.description);
			}
		}
		if (json)
			printf("]\n");
	}
	free(buffer);
	free(image);
	return 0;
}
