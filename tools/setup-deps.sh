#!/bin/sh
# setup-deps.sh [--check]
#
# Installs every Debian package that building, running and testing Bulkhead
# needs, and nothing else; safe to run again (it only installs what is
# missing). With --check it installs nothing and exits 1 if anything is
# missing. Run as root, or it prints the exact command to run instead.
set -eu

# One line per purpose, so a reviewer sees why each package is here.
packages="
	make gcc libc6-dev git
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	kconfig-frontends-nox
	libyaml-dev libfdt-dev libmbedtls-dev device-tree-compiler
	clang libclang-rt-14-dev
	qemu-system-arm
	python3 python3-jsonschema
	tmux
"

missing=
for p in $packages; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $status in
	*"install ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "setup-deps: missing Debian packages:$missing" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "setup-deps: missing Debian packages:$missing" >&2
	echo "setup-deps: install them with:" >&2
	echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi

echo "setup-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; an old list may name removed versions.
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2
echo "setup-deps: done" >&2
