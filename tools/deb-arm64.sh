#!/bin/sh
# deb-arm64.sh CACHE_DIR PACKAGE... 
#
# Fetches arm64 Debian packages through dpkg multiarch into CACHE_DIR and
# unpacks them all to CACHE_DIR/root; nothing is built from source. A
# PACKAGE may be "dep-of:META:PATTERN": the first package META:arm64
# depends on whose name matches the sed pattern PATTERN (how the stock
# kernel behind linux-image-arm64 is named). Runs once: a cache already
# unpacked is left alone. Needs root (dpkg multiarch and apt-get update);
# otherwise prints what to run. The fetchers of tools/linux, tools/crypto
# and tools/xen are this script with their package lists.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 CACHE_DIR PACKAGE..." >&2; exit 2; }
cache=$1
shift
stamp=$cache/root/.unpacked
me=$(basename "$0" .sh)

[ -f "$stamp" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "$me: $* not in $cache yet; as root run:" >&2
	echo "    $0 $cache $*" >&2
	exit 1
fi
mkdir -p "$cache"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "$me: enabling the arm64 architecture for dpkg" >&2
	dpkg --add-architecture arm64
fi

# The name apt knows: a dep-of: entry resolved, the rest as given.
package_name() {
	case $1 in
	dep-of:*)
		meta=${1#dep-of:} pattern=${meta#*:} meta=${meta%%:*}
		apt-cache depends "$meta:arm64" | sed -n "s/.*Depends: \($pattern\).*/\1/p" | head -n 1 ;;
	*) echo "$1" ;;
	esac
}
first=$1
case $first in dep-of:*) first=${first#dep-of:}; first=${first%%:*}:arm64 ;; esac
if [ -z "$(apt-cache policy "$first" 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
	apt-get update -qq >&2
fi

names=
for package in "$@"; do
	name=$(package_name "$package")
	[ -n "$name" ] || { echo "$me: cannot resolve $package" >&2; exit 1; }
	names="$names $name"
done
echo "$me: downloading$names" >&2
rm -rf "$cache/debs"
mkdir -p "$cache/debs"
# shellcheck disable=SC2086
(cd "$cache/debs" && apt-get download -qq $names >&2)
rm -rf "$cache/root"
mkdir -p "$cache/root"
for deb in "$cache"/debs/*.deb; do
	dpkg -x "$deb" "$cache/root"
done
touch "$stamp"
