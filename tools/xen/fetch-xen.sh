#!/bin/sh
# fetch-xen.sh CACHE_DIR
#
# Debian's Xen 4.17 hypervisor for arm64 (xen-hypervisor-4.17-arm64), the
# peer `make bench` compares Bulkhead with, fetched through multiarch and
# unpacked to CACHE_DIR/root by tools/deb-arm64.sh. Used as Debian built
# it; only the benchmarks need it.
set -eu
"$(dirname "$0")/../deb-arm64.sh" "$1" xen-hypervisor-4.17-arm64:arm64
ls "$1"/root/boot/xen-4.17*-arm64 >/dev/null 2>&1 ||
	{ echo "fetch-xen: the package has no /boot/xen-4.17-*-arm64" >&2; exit 1; }
