/*
 * mbedtls_time_t is time_t; the hypervisor never asks mbedtls for the
 * time, but the type must match the library's (64 bits on arm64).
 */
#ifndef CRYPTO_LIBC_TIME_H
#define CRYPTO_LIBC_TIME_H

typedef long time_t;

#endif
