/*
 * Keys and signatures. Signatures are deterministic (RFC 6979), so the
 * same inputs and key give the same image, byte for byte.
 */
#include "signing.h"

#include <image_check.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/sha256.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int report(const char *what, const char *path, int error)
{
	char text[128];

	mbedtls_strerror(error, text, sizeof(text));
	fprintf(stderr, "bulkhead-image: error: %s %s: %s\n", what, path, text);
	return -1;
}

static int write_text(const char *path, const unsigned char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	size_t length = strlen((const char *)text);

	if (fd < 0 || write(fd, text, length) != (ssize_t)length || close(fd) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int key_generate(const char *prefix)
{
	mbedtls_pk_context pk;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	unsigned char pem[1024];
	char path[4096];
	static const unsigned char personal[] = "bulkhead keygen";
	int status = -1, error;

	mbedtls_pk_init(&pk);
	mbedtls_entropy_init(&entropy);
	mbedtls_ctr_drbg_init(&drbg);
	error = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, personal, sizeof(personal));
	if (error == 0)
		error = mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
	if (error == 0)
		error = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(pk), mbedtls_ctr_drbg_random, &drbg);
	if (error != 0) {
		report("cannot generate a key for", prefix, error);
		goto out;
	}
	snprintf(path, sizeof(path), "%s.pem", prefix);
	/* The private key: readable by its owner only, and created so from the start. */
	unlink(path);
	if (mbedtls_pk_write_key_pem(&pk, pem, sizeof(pem)) != 0 || write_text(path, pem, 0600) != 0)
		goto out;
	snprintf(path, sizeof(path), "%s.pub.pem", prefix);
	if (mbedtls_pk_write_pubkey_pem(&pk, pem, sizeof(pem)) != 0 || write_text(path, pem, 0644) != 0)
		goto out;
	status = 0;
out:
	mbedtls_ctr_drbg_free(&drbg);
	mbedtls_entropy_free(&entropy);
	mbedtls_pk_free(&pk);
	return status;
}

int key_load(const char *path, bool need_private, mbedtls_pk_context *pk)
{
	int error;

	mbedtls_pk_init(pk);
	error = need_private ? mbedtls_pk_parse_keyfile(pk, path, NULL) : mbedtls_pk_parse_public_keyfile(pk, path);
	if (error != 0 && !need_private) {
		/* A private key file holds the public key too. */
		mbedtls_pk_free(pk);
		mbedtls_pk_init(pk);
		error = mbedtls_pk_parse_keyfile(pk, path, NULL);
	}
	if (error != 0)
		return report(need_private ? "cannot read the private key" : "cannot read the key", path, error);
	if (mbedtls_pk_get_type(pk) != MBEDTLS_PK_ECKEY || mbedtls_pk_ec(*pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
		fprintf(stderr, "bulkhead-image: error: %s: not an ECDSA P-256 (secp256r1) key\n", path);
		mbedtls_pk_free(pk);
		return -1;
	}
	return 0;
}

void key_public_point(const mbedtls_pk_context *pk, uint8_t point[KEY_POINT_SIZE])
{
	const mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*pk);
	size_t length = 0;

	mbedtls_ecp_point_write_binary(&ec->grp, &ec->Q, MBEDTLS_ECP_PF_UNCOMPRESSED, &length, point,
				       KEY_POINT_SIZE);
}

int image_sign(uint8_t *image, const mbedtls_pk_context *pk)
{
	struct artifact_header *h = (struct artifact_header *)(image + ARTIFACT_HEADER_OFFSET);
	const mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*pk);
	uint8_t point[KEY_POINT_SIZE], digest[32];
	mbedtls_ecp_group group;
	mbedtls_mpi r, s;
	int error;

	key_public_point(pk, point);
	mbedtls_sha256_ret(point, sizeof(point), h->key_sha256, 0);
	mbedtls_sha256_ret(image, ARTIFACT_HEADER_OFFSET + h->header_size, digest, 0);
	mbedtls_ecp_group_init(&group);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	error = mbedtls_ecp_group_load(&group, MBEDTLS_ECP_DP_SECP256R1);
	if (error == 0)
		error = mbedtls_ecdsa_sign_det_ext(&group, &r, &s, &ec->d, digest, sizeof(digest), MBEDTLS_MD_SHA256,
						   NULL, NULL);
	if (error == 0)
		error = mbedtls_mpi_write_binary(&r, image + h->signature_offset, 32);
	if (error == 0)
		error = mbedtls_mpi_write_binary(&s, image + h->signature_offset + 32, 32);
	mbedtls_mpi_free(&s);
	mbedtls_mpi_free(&r);
	mbedtls_ecp_group_free(&group);
	return error == 0 ? 0 : report("cannot sign", "the image", error);
}
