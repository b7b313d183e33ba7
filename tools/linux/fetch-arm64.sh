#!/bin/sh
# fetch-arm64.sh CACHE_DIR [stock|rt]
#
# The arm64 Debian packages the Linux root partition is built from,
# fetched through multiarch and unpacked to CACHE_DIR/root by
# tools/deb-arm64.sh. stock (the default): the kernel linux-image-arm64
# currently depends on (linux-image-6.1.0-N-arm64) and busybox-static,
# which every flavour's initramfs takes; rt: the PREEMPT_RT kernel behind
# linux-image-rt-arm64 (linux-image-6.1.0-N-rt-arm64) alone.
set -eu
deb_arm64=$(dirname "$0")/../deb-arm64.sh
case ${2:-stock} in
stock) exec "$deb_arm64" "$1" 'dep-of:linux-image-arm64:linux-image-6[^ ]*-arm64' busybox-static:arm64 ;;
rt) exec "$deb_arm64" "$1" 'dep-of:linux-image-rt-arm64:linux-image-6[^ ]*-rt-arm64' ;;
*) echo "usage: $0 CACHE_DIR [stock|rt]" >&2; exit 2 ;;
esac
