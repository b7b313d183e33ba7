// tests: core/lib/sha256.c
// libs: -lmbedcrypto
/*
 * The hypervisor's SHA-256 against the FIPS 180-4 examples and against
 * mbedtls for every length around the block and padding boundaries, fed
 * whole and in uneven pieces.
 */
#include "unit.h"

#include <mbedtls/sha256.h>
#include <sha256.h>
#include <stdint.h>
#include <stdlib.h>

static void hex(const uint8_t *digest, char out[65])
{
	for (unsigned int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", digest[i]);
}

static void check_known(const char *message, size_t repeat, const char *expected)
{
	struct sha256 ctx;
	uint8_t digest[32];
	char text[65];

	sha256_init(&ctx);
	for (size_t i = 0; i < repeat; i++)
		sha256_update(&ctx, message, strlen(message));
	sha256_final(&ctx, digest);
	hex(digest, text);
	CHECK_STR(text, expected);
}

static void check_against_mbedtls(void)
{
	uint8_t data[300], ours[32], theirs[32];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 131 + 7);
	for (size_t length = 0; length <= sizeof(data); length++) {
		struct sha256 ctx;

		mbedtls_sha256_ret(data, length, theirs, 0);
		sha256(data, length, ours);
		CHECK(memcmp(ours, theirs, 32) == 0);
		/* The same bytes in pieces of 1, 2, 3, ... bytes. */
		sha256_init(&ctx);
		for (size_t done = 0, piece = 1; done < length; done += piece, piece++)
			sha256_update(&ctx, data + done, piece < length - done ? piece : length - done);
		sha256_final(&ctx, ours);
		CHECK(memcmp(ours, theirs, 32) == 0);
	}
}

int main(void)
{
	check_known("", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check_known("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check_known("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	check_known("a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	check_against_mbedtls();
	return unit_finish("sha256");
}
