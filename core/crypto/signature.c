/* The image signature against the key built into the hypervisor. */
#include <crypto.h>
#include <generated/signing_key.h>

_Static_assert(sizeof(signing_key.point) == ECDSA_P256_POINT_SIZE, "an uncompressed P-256 point");

const uint8_t *const crypto_trusted_key_sha256 = signing_key_sha256;
const bool crypto_key_is_development = SIGNING_KEY_IS_DEVELOPMENT;

bool crypto_signature_valid(const uint8_t digest[32], const uint8_t signature[ARTIFACT_SIGNATURE_SIZE])
{
	bool valid = ecdsa_p256_verify(signing_key.point, digest, signature);

	crypto_arena_reset();
	return valid;
}
