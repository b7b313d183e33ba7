/*
 * bulkhead-image: builds, signs and checks boot artifacts
 * (core/include/artifact.h, docs/image-format.md). Also reached as
 * `bulkhead image ...`.
 */
#include "commands.h"

#include <errno.h>
#include <image_check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: bulkhead-image COMMAND [OPTIONS]\n"
		"\n"
		"Builds, signs and checks Bulkhead boot images (docs/image-format.md).\n"
		"\n"
		"commands:\n"
		"  keygen -o PREFIX            new ECDSA P-256 key pair: PREFIX.pem (private,\n"
		"                              mode 0600) and PREFIX.pub.pem\n"
		"  pack PACK-OPTIONS -o OUT    an unsigned image\n"
		"  sign --key PRIVATE.pem PACK-OPTIONS -o OUT\n"
		"                              a signed image\n"
		"  verify --key PUBLIC.pem [--min-security-counter N] IMAGE\n"
		"                              the hypervisor's checks, on the host, with the\n"
		"                              signature checked against PUBLIC.pem; also that\n"
		"                              every padding byte is zero and that the image's own\n"
		"                              hypervisor trusts PUBLIC.pem. Says why an image is\n"
		"                              refused and exits 1\n"
		"  verify --structure-only [--require-signature] [--min-security-counter N] IMAGE\n"
		"                              the same but for the signature, which it says it\n"
		"                              did not check\n"
		"  inspect [--json] IMAGE      header and manifest, human-readable or JSON\n"
		"  measurements [--json | --binary FILE] IMAGE\n"
		"                              the event log the hypervisor records for IMAGE at\n"
		"                              boot (--binary: its exact bytes)\n"
		"  export-key --c-header KEY.pem\n"
		"                              the public key as a C header, for the hypervisor\n"
		"\n"
		"PACK-OPTIONS:\n"
		"  --hypervisor ELF            the hypervisor, linked at BASE + 0x%x\n"
		"  --component K,P,A,FILE      FILE of kind K (kernel, dtb, initrd) for partition\n"
		"                              id P, loaded at its address A; repeatable\n"
		"  --base ADDRESS              where the image is loaded (default: 4 KiB below\n"
		"                              the hypervisor's link address)\n"
		"  --version MAJOR.MINOR.PATCH the image's version (default 0.0.0)\n"
		"  --security-counter N        anti-rollback counter (default 0)\n",
		ARTIFACT_HYPERVISOR_OFFSET);
}

int tool_error(const char *fmt, ...)
{
	va_list args;

	fputs("bulkhead-image: error: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	return 1;
}

int parse_u64(const char *text, uint64_t *value)
{
	char *end;
	unsigned long long parsed;

	if (text[0] == '-')
		return -1;
	errno = 0;
	parsed = strtoull(text, &end, 0);
	if (errno != 0 || end == text || *end != '\0')
		return -1;
	*value = parsed;
	return 0;
}

void print_hex(FILE *out, const uint8_t *bytes, unsigned int size)
{
	for (unsigned int i = 0; i < size; i++)
		fprintf(out, "%02x", bytes[i]);
}

void describe_component(const uint8_t *image, int index, char *text, size_t size)
{
	const struct artifact_component *c = &image_header(image)->components[index];

	if (c->kind == ARTIFACT_HYPERVISOR || c->kind == ARTIFACT_TABLES)
		snprintf(text, size, "component %d (%s)", index, image_kind_name(c->kind));
	else
		snprintf(text, size, "component %d (%s of partition %u)", index, image_kind_name(c->kind),
			 c->partition);
}

int main(int argc, char **argv)
{
	const char *command = argc > 1 ? argv[1] : NULL;

	if (command == NULL) {
		usage(stderr);
		return 2;
	}
	if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 || strcmp(command, "help") == 0) {
		usage(stdout);
		return 0;
	}
	argc -= 1;
	argv += 1;
	if (strcmp(command, "keygen") == 0)
		return command_keygen(argc, argv);
	if (strcmp(command, "pack") == 0)
		return command_pack(argc, argv, 0);
	if (strcmp(command, "sign") == 0)
		return command_pack(argc, argv, 1);
	if (strcmp(command, "verify") == 0)
		return command_verify(argc, argv);
	if (strcmp(command, "inspect") == 0)
		return command_inspect(argc, argv);
	if (strcmp(command, "measurements") == 0)
		return command_measurements(argc, argv);
	if (strcmp(command, "export-key") == 0)
		return command_export_key(argc, argv);
	tool_error("unknown command '%s' (see --help)", command);
	return 2;
}
