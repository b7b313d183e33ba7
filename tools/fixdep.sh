#!/bin/sh
# fixdep.sh RAW_DEPFILE OBJTREE
#
# Rewrites a compiler dependency file so that an object depends on the
# Kconfig symbols its sources mention instead of on all of autoconf.h.
# kconfig-conf --silentoldconfig touches include/config/<sym>.h (CONFIG_FOO_BAR
# -> foo/bar.h) whenever that symbol's value changes, so editing one option
# rebuilds exactly the objects that read it.
set -eu
raw=$1
objtree=$2
autoconf=$objtree/include/generated/autoconf.h

# The first rule (joined across continuation lines) is "target: prerequisites".
rule=$(sed -e ':a' -e '/\\$/N' -e 's/\\\n//' -e 'ta' "$raw" | sed -n '1p')
target=${rule%%:*}
prereqs=$(printf '%s\n' "${rule#*:}" | tr ' ' '\n' | grep -v -x -F -e "$autoconf" -e '' || true)

printf '%s:' "$target"
for f in $prereqs; do printf ' \\\n  %s' "$f"; done
printf '\n'

# $(wildcard): a symbol that was never set has no file yet, and a missing
# prerequisite must not force a rebuild on every run.
if [ -n "$prereqs" ]; then
	# shellcheck disable=SC2086
	grep -ohE 'CONFIG_[A-Za-z0-9_]+' $prereqs 2>/dev/null | sort -u |
	while read -r sym; do
		path=$(printf '%s' "${sym#CONFIG_}" | tr 'A-Z_' 'a-z/')
		printf '%s: $(wildcard %s/include/config/%s.h)\n' "$target" "$objtree" "$path"
	done
fi

# Headers become empty rules, so deleting one does not break the build.
for f in $prereqs; do
	case $f in *.h) printf '%s:\n' "$f" ;; esac
done
