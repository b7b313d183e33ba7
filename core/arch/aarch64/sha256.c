/* SHA-256 blocks by the CPU's own instructions, when it has them. */
#include <arch/sysregs.h>
#include <sha256.h>

#define ID_AA64ISAR0_SHA2_SHIFT	12

void sha256_ce_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

bool arch_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks)
{
	if (((sysreg_id_aa64isar0_el1_read() >> ID_AA64ISAR0_SHA2_SHIFT) & 0xf) == 0)
		return false;
	sha256_ce_blocks(state, data, blocks);
	return true;
}
