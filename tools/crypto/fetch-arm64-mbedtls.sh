#!/bin/sh
# fetch-arm64-mbedtls.sh CACHE_DIR
#
# Debian's arm64 libmbedtls-dev, fetched through multiarch and unpacked to
# CACHE_DIR/root by tools/deb-arm64.sh: the hypervisor links its static
# libmbedcrypto.a (built by Debian, unmodified) to verify image signatures.
set -eu
"$(dirname "$0")/../deb-arm64.sh" "$1" libmbedtls-dev:arm64
[ -f "$1/root/usr/lib/aarch64-linux-gnu/libmbedcrypto.a" ] ||
	{ echo "fetch-arm64-mbedtls: the package has no libmbedcrypto.a" >&2; exit 1; }
