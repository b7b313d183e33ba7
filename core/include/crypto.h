/*
 * Signature verification for the boot image (CONFIG_SIGNED_IMAGES):
 * ECDSA P-256 by Debian's libmbedcrypto, with the public key built in.
 * ecdsa_p256_verify() is shared with the host tool.
 */
#ifndef CRYPTO_H
#define CRYPTO_H

#include <artifact.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SHA-256 of the built-in public key, as image headers name their signer. */
extern const uint8_t *const crypto_trusted_key_sha256;
/* True when the built-in key is the development key made by the build. */
extern const bool crypto_key_is_development;

#define ECDSA_P256_POINT_SIZE	65	/* uncompressed: 0x04, X, Y */

/* True if signature (r then s, big-endian) over digest verifies with the key point. */
bool ecdsa_p256_verify(const uint8_t point[ECDSA_P256_POINT_SIZE], const uint8_t digest[32],
		       const uint8_t signature[ARTIFACT_SIGNATURE_SIZE]);

bool crypto_signature_valid(const uint8_t digest[32], const uint8_t signature[ARTIFACT_SIGNATURE_SIZE]);

/* The library's allocations: all released after verification; the most the arena held. */
void crypto_arena_reset(void);
size_t crypto_arena_peak(void);

#endif
