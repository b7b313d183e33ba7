# The appliance the image tests share: tests/layouts/measured.yaml, signed
# with the build's development key, security counter 3 where 2 is the least
# the hypervisor accepts.
measured_appliance() {
	appliance_for measured "$SRCTREE/tests/layouts/measured.yaml" NR_CPUS=2 \
		MIN_SECURITY_COUNTER=2 IMAGE_SECURITY_COUNTER=3 IMAGE_VERSION=1.4.2
}

# repack OUT sign|pack TARGET [OPTIONS...]: the appliance's own inputs, packed again
# into TARGET (signed or not, with the options given).
repack() {
	local out=$1 command=$2 target=$3
	shift 3
	"$BUILD/host-san/bulkhead-image" "$command" --hypervisor "$out/bulkhead.elf" -o "$target" \
		$(sed 's/^/--component /' "$out/gen/components.txt") "$@"
}
