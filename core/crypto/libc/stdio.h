/*
 * What Debian's mbedtls headers need of <stdio.h> (it is built with
 * MBEDTLS_FS_IO): the FILE type for prototypes the hypervisor never
 * calls. The hypervisor has no files; core/crypto/libc.c fails them.
 */
#ifndef CRYPTO_LIBC_STDIO_H
#define CRYPTO_LIBC_STDIO_H

#include <stddef.h>

typedef struct crypto_no_file FILE;

#endif
