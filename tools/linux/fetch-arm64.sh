#!/bin/sh
# fetch-arm64.sh CACHE_DIR
#
# The arm64 Debian packages the Linux root partition is built from — a
# stock kernel (linux-image-arm64's current linux-image-6.1.0-N-arm64) and
# busybox-static — fetched through multiarch and unpacked to
# CACHE_DIR/root by tools/deb-arm64.sh.
set -eu
exec "$(dirname "$0")/../deb-arm64.sh" "$1" 'dep-of:linux-image-arm64:linux-image-6[^ ]*-arm64' busybox-static:arm64
