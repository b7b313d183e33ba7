/* ECDSA P-256 keys and signatures for boot artifacts, with mbedtls. */
#ifndef SIGNING_H
#define SIGNING_H

#include <artifact.h>

#include <mbedtls/pk.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <crypto.h>

#define KEY_POINT_SIZE ECDSA_P256_POINT_SIZE

/* Writes PREFIX.pem (private, mode 0600) and PREFIX.pub.pem; 0 or -1 with a message printed. */
int key_generate(const char *prefix);

/* Loads a PEM key (a private key if need_private); 0 or -1 with a message printed. */
int key_load(const char *path, bool need_private, mbedtls_pk_context *pk);

void key_public_point(const mbedtls_pk_context *pk, uint8_t point[KEY_POINT_SIZE]);

/* Fills the header's key hash and the signature of an image built with room for it. */
int image_sign(uint8_t *image, const mbedtls_pk_context *pk);

#endif
