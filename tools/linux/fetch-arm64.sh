#!/bin/sh
# fetch-arm64.sh CACHE_DIR
#
# Fetches the arm64 Debian packages the Linux root partition is built
# from — a stock kernel (linux-image-arm64's current linux-image-6.1.0-N-arm64)
# and busybox-static — through dpkg multiarch, into CACHE_DIR, and unpacks
# them to CACHE_DIR/root. Nothing is built from source. Runs once: a cache
# with both packages unpacked is left alone. Needs root (dpkg multiarch and
# apt-get update); otherwise prints what to run.
set -eu
cache=$1
stamp=$cache/root/.unpacked

[ -f "$stamp" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "fetch-arm64: the arm64 kernel and busybox are not in $cache yet; as root run:" >&2
	echo "    $0 $cache" >&2
	exit 1
fi
mkdir -p "$cache"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "fetch-arm64: enabling the arm64 architecture for dpkg" >&2
	dpkg --add-architecture arm64
fi
if [ -z "$(apt-cache policy linux-image-arm64:arm64 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
	apt-get update -qq >&2
fi
kernel=$(apt-cache depends linux-image-arm64:arm64 | sed -n 's/.*Depends: \(linux-image-6[^ ]*-arm64\).*/\1/p' | head -n 1)
[ -n "$kernel" ] || { echo "fetch-arm64: cannot find the kernel linux-image-arm64 depends on" >&2; exit 1; }
echo "fetch-arm64: downloading $kernel and busybox-static:arm64" >&2
(cd "$cache" && apt-get download -qq "$kernel" busybox-static:arm64 >&2)
rm -rf "$cache/root"
mkdir -p "$cache/root"
for deb in "$cache"/linux-image-*_arm64.deb "$cache"/busybox-static_*_arm64.deb; do
	dpkg -x "$deb" "$cache/root"
done
touch "$stamp"
