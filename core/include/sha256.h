/*
 * SHA-256 (FIPS 180-4), for the hypervisor and the host tools alike. The
 * block function uses the CPU's SHA-256 instructions when
 * arch_sha256_blocks() has them, and portable C otherwise.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE	32U
#define SHA256_BLOCK_SIZE	64U

struct sha256 {
	uint32_t state[8];
	uint64_t length;		/* bytes hashed so far */
	uint8_t block[SHA256_BLOCK_SIZE];
	size_t used;			/* bytes waiting in block */
};

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t size);
void sha256_final(struct sha256 *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);
void sha256(const void *data, size_t size, uint8_t digest[SHA256_DIGEST_SIZE]);

/*
 * Architecture hook: process `blocks` 64-byte blocks with dedicated
 * instructions and return true, or return false (no such instructions)
 * so the portable code does it. The default answers false.
 */
bool arch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/* K of FIPS 180-4, for architecture code. */
extern const uint32_t sha256_round_constants[64];

#endif
