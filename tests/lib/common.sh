# Shared by the test scripts in tests/build/ and tests/boot/: assertions
# that say what was expected, and the one way tests build and boot.
# Needs SRCTREE and BUILD in the environment (tests/run.sh sets them).
set -eu

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_line FILE EXTENDED-REGEX [WHAT]
expect_line() {
	grep -Eq -- "$2" "$1" || fail "${3:-expected a line matching /$2/} (in $1)"
}

# reject_line FILE EXTENDED-REGEX [WHAT]
reject_line() {
	if grep -Eq -- "$2" "$1"; then fail "${3:-unexpected line matching /$2/} (in $1)"; fi
}

# A scratch directory under the build tree, fresh for each run of a test.
scratch_dir() {
	local dir=$BUILD/tests/work/$1
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "$dir"
}

# make_out OUTDIR ARGS...: the top-level make with O=OUTDIR. Builds use
# both cores (the tests run one at a time); a configuration goal runs
# alone, as it must come before any build in the same call.
make_out() {
	local out=$1 jobs=-j"$(nproc)" arg
	shift
	for arg in "$@"; do
		case $arg in *config) jobs=-j1 ;; esac
	done
	make --no-print-directory "$jobs" -C "$SRCTREE" O="$out" "$@"
}

# set_options OUTDIR KEY=VALUE...: edit a .config as a user would, then
# let Kconfig settle it. VALUE y/n for bools; numbers and strings as-is.
set_options() {
	local out=$1 kv key value
	shift
	for kv in "$@"; do
		key=${kv%%=*} value=${kv#*=}
		case $value in
		y) kconfig-tweak --file "$out/.config" --enable "$key" ;;
		n) kconfig-tweak --file "$out/.config" --disable "$key" ;;
		*[!0-9]*) kconfig-tweak --file "$out/.config" --set-str "$key" "$value" ;;
		*) kconfig-tweak --file "$out/.config" --set-val "$key" "$value" ;;
		esac
	done
	make_out "$out" olddefconfig >/dev/null
}

# appliance_for NAME LAYOUT [KEY=VALUE...]: builds LAYOUT's boot artifact
# with the default configuration plus the given options, in a scratch
# directory whose path it prints. Use as: out=$(appliance_for ...) || exit 1
appliance_for() {
	local name=$1 layout=$2 out
	shift 2
	out=$(scratch_dir "$name")
	make_out "$out" qemu-virt_defconfig >/dev/null
	set_options "$out" "LAYOUT=$layout" "$@"
	make_out "$out" appliance $(shared_build_products) $(shared_guests) >"$out/build.log" 2>&1 ||
		fail "build failed: $(tail -n 5 "$out/build.log")"
	echo "$out"
}

# appliance_again OUT MAKE_ARGS...: rebuilds an appliance_for appliance
# with more make arguments (GUEST_DEFINES_name=...): its guests are then
# built in OUT with their defines; the host tools are still shared.
appliance_again() {
	local out=$1
	shift
	make_out "$out" appliance $(shared_build_products) "$@" >>"$out/build.log" 2>&1
}

# What a QEMU test's appliance takes from the build `make test` made
# before the tests (tests/tests.mk): the host tools and, through
# shared_guests, the test guests, the same sources built once, rather than
# built again for every test. The build tests build everything themselves.
shared_build_products() {
	[ -x "$BUILD/host/bulkhead" ] && [ -x "$BUILD/host/bulkhead-image" ] &&
		echo "BULKHEAD=$BUILD/host/bulkhead BULKHEAD_IMAGE=$BUILD/host/bulkhead-image"
	return 0
}
shared_guests() {
	compgen -G "$BUILD/guests/*.bin" >/dev/null && echo "GUEST_IMAGES=$BUILD/guests"
	return 0
}

# copy_source_tree DEST: the tracked and new files of the source tree,
# committed in a fresh git repository, so a test can dirty it freely.
copy_source_tree() {
	local dest=$1
	mkdir -p "$dest"
	(cd "$SRCTREE" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$dest"
	(cd "$dest" && git init -q && git add -A &&
		git -c user.name=test -c user.email=test@localhost commit -qm copy)
}

# boot LOG IMAGE [qemu-run.sh options] [-- QEMU arguments]: boots and
# keeps the serial output. The machine must power itself off; a hang is
# cut by the test's timeout.
boot() {
	local log=$1 image=$2 options=() status=0
	shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
	[ "${1:-}" = "--" ] && shift
	"$SRCTREE/tools/qemu-run.sh" "${options[@]}" "$image" -- "$@" </dev/null >"$log.raw" 2>&1 || status=$?
	# The UART sends CRLF; tests match lines, so drop the CRs.
	tr -d '\r' <"$log.raw" | awk -f "$SRCTREE/tests/lib/untangle-console.awk" >"$log"
	[ $status -eq 0 ] || fail "QEMU exited with status $status (see $log)"
	cat "$log"
}

config_value() {
	sed -n "s/^CONFIG_$2=//p" "$1/.config" | tr -d '"'
}
