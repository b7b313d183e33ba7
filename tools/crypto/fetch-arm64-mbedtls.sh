#!/bin/sh
# fetch-arm64-mbedtls.sh CACHE_DIR
#
# Fetches Debian's arm64 libmbedtls-dev through dpkg multiarch into
# CACHE_DIR and unpacks it to CACHE_DIR/root: the hypervisor links its
# static libmbedcrypto.a (built by Debian, unmodified) to verify image
# signatures. Runs once; needs root for dpkg multiarch and apt-get update,
# otherwise prints what to run.
set -eu
cache=$1
stamp=$cache/root/.unpacked

[ -f "$stamp" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "fetch-arm64-mbedtls: arm64 mbedtls is not in $cache yet; as root run:" >&2
	echo "    $0 $cache" >&2
	exit 1
fi
mkdir -p "$cache"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "fetch-arm64-mbedtls: enabling the arm64 architecture for dpkg" >&2
	dpkg --add-architecture arm64
fi
if [ -z "$(apt-cache policy libmbedtls-dev:arm64 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
	apt-get update -qq >&2
fi
echo "fetch-arm64-mbedtls: downloading libmbedtls-dev:arm64" >&2
rm -f "$cache"/libmbedtls-dev_*_arm64.deb
(cd "$cache" && apt-get download -qq libmbedtls-dev:arm64 >&2)
rm -rf "$cache/root"
mkdir -p "$cache/root"
dpkg -x "$cache"/libmbedtls-dev_*_arm64.deb "$cache/root"
[ -f "$cache/root/usr/lib/aarch64-linux-gnu/libmbedcrypto.a" ] ||
	{ echo "fetch-arm64-mbedtls: the package has no libmbedcrypto.a" >&2; exit 1; }
touch "$stamp"
