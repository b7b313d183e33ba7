#!/bin/sh
# setup-deps.sh [--check] [--list FILE]
#
# Installs every Debian package that building, running and testing Bulkhead
# needs (tools/debian-packages.txt, or FILE), and nothing else; safe to run
# again (it only installs what is missing). With --check it installs nothing
# and exits 1 if anything is missing. Run as root, or it prints the exact
# command to run instead.
set -eu

check_only= list=$(dirname "$0")/debian-packages.txt
while [ $# -gt 0 ]; do
	case $1 in
	--check) check_only=1; shift ;;
	--list) list=$2; shift 2 ;;
	*) echo "setup-deps: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
packages=$(sed 's/#.*//' "$list")

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
if [ -n "$check_only" ]; then
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
