#!/bin/bash
# The command line: --help and --version work on their own, usage mistakes
# exit 2 with a message, a valid layout checks with exit 0, and `layout`
# prints the report and draws the SVG.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-cli)
"$BULKHEAD_SAN" --help | grep -q '^usage: bulkhead COMMAND' || fail "--help"
"$BULKHEAD_SAN" --version | grep -Eq '^bulkhead [0-9]+\.[0-9]+' || fail "--version"
for bad in "" "frobnicate x.yaml" "gen $SRCTREE/configs/qemu-virt-appliance.yaml" "check" "check a.yaml --cpus 0"; do
	status=0
	# shellcheck disable=SC2086
	"$BULKHEAD_SAN" $bad >"$dir/usage" 2>&1 || status=$?
	[ $status -eq 2 ] || fail "'bulkhead $bad' exited $status, expected 2"
	grep -q 'see bulkhead --help' "$dir/usage" || fail "'bulkhead $bad' gave no usage hint"
done
"$BULKHEAD_SAN" check "$SRCTREE/configs/qemu-virt-appliance.yaml" --board "$BOARD_YAML" || fail "check of a valid layout"
"$BULKHEAD_SAN" check "$dir/none.yaml" --board "$BOARD_YAML" 2>"$dir/missing" && fail "a missing layout passed"
grep -q "none.yaml: error: cannot read" "$dir/missing" || fail "a missing layout is not named"
"$BULKHEAD_SAN" layout "$SRCTREE/configs/qemu-virt-shared-cpu.yaml" --board "$BOARD_YAML" --svg "$dir/l.svg" >"$dir/l.txt" ||
	fail "layout report failed"
for want in "Memory (physical)" "hypervisor" "Schedule of CPU 3, major frame 10000 us" "fast vCPU 0" "slow vCPU 0"; do
	grep -qF "$want" "$dir/l.txt" || fail "the report lacks '$want'"
done
grep -q '<svg' "$dir/l.svg" && grep -q '<title>fast vCPU 0: 4ms from 0' "$dir/l.svg" || fail "the SVG lacks the schedule"
/usr/bin/python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$dir/l.svg" || fail "the SVG is not well-formed"

# A partition that shares a CPU loses SVE, SME, pointer authentication, PMU,
# debug, trace, AMU and SPE (their state is not switched), with a warning
# that says so; the tables agree.
cat >"$dir/shared.yaml" <<'YAML'
platform: qemu-virt
hypervisor:
  memory: { base: 0x40000000, size: 64M }
partitions:
  - name: root
    root: true
    cpus: [0]
  - name: shy
    vcpus: [ { schedule: 3 } ]
    memory: [ { size: 16M } ]
schedules:
  - cpu: 3
    major_frame: 10ms
    windows: [ { partition: shy, start: 0ms, duration: 5ms } ]
YAML
"$BULKHEAD_SAN" gen "$dir/shared.yaml" --board "$BOARD_YAML" -o "$dir/shared" 2>"$dir/shared.err" ||
	fail "a shared-CPU layout was refused: $(cat "$dir/shared.err")"
grep -q "warning: partition 'shy' shares a CPU, so sve, sme, pauth, pmu, debug, trace, amu, spe are hidden from it" \
	"$dir/shared.err" || fail "no warning about the hidden unswitched features"
grep -q '\.hidden_features = 0x10017f,' "$dir/shared/tables.c" || fail "the tables do not hide the unswitched features"
