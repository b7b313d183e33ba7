/*
 * ECDSA P-256 verification with mbedtls; shared by the hypervisor (with
 * its built-in key) and the host tool (with a key file).
 */
#include <crypto.h>
#include <mbedtls/ecdsa.h>

bool ecdsa_p256_verify(const uint8_t point[ECDSA_P256_POINT_SIZE], const uint8_t digest[32],
		       const uint8_t signature[ARTIFACT_SIGNATURE_SIZE])
{
	mbedtls_ecp_group group;
	mbedtls_ecp_point key;
	mbedtls_mpi r, s;
	bool valid;

	mbedtls_ecp_group_init(&group);
	mbedtls_ecp_point_init(&key);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	valid = mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_SECP256R1) == 0 &&
		mbedtls_ecp_point_read_binary(&group, &key, point, ECDSA_P256_POINT_SIZE) == 0 &&
		mbedtls_mpi_read_binary(&r, signature, 32) == 0 &&
		mbedtls_mpi_read_binary(&s, signature + 32, 32) == 0 &&
		mbedtls_ecdsa_verify(&group, digest, 32, &key, &r, &s) == 0;
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_point_free(&key);
	mbedtls_ecp_group_free(&group);
	return valid;
}
