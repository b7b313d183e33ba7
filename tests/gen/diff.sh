#!/bin/bash
# bulkhead diff OLD.yaml NEW.yaml prints, one line each, what an update
# changes: memory resized and moved (placement follows), access, fault
# policy, hidden features, WFI trapped or native, partitions added, devices and their interrupts
# reassigned, schedules, channels resized, moved, re-ended, renamed
# (removed and added). Identical layouts
# give "no changes"; a broken new layout is refused at its own position;
# a missing NEW.yaml is a usage error.
. "$SRCTREE/tests/gen/lib.sh"

dir=$(scratch_dir gen-diff)
cat >"$dir/old.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: main, root: true, cpus: [0], memory: [ { size: 256M } ], features: { hide: [sve] } }
  - { name: plc, cpus: [1], memory: [ { size: 32M } ], devices: [rtc, gpio], on_fault: stop }
  - { name: watch, cpus: [2], memory: [ { size: 16M, access: rwx } ] }
channels:
  - name: samples
    size: 64K
    endpoints: [ { partition: plc, access: rw, doorbell: 100 }, { partition: main, access: r, doorbell: 101 } ]
  - name: setpoints
    size: 16K
    endpoints: [ { partition: main, access: rw }, { partition: plc, access: r } ]
YAML
# The update, one change a line.
sed -e 's/size: 256M } ], features: { hide: \[sve\]/size: 128M } ], features: { hide: [sve, pmu]/' \
	-e 's/devices: \[rtc, gpio\], on_fault: stop/devices: [gpio], on_fault: restart/' \
	-e 's/size: 16M, access: rwx } ] }/size: 16M, access: rw } ], devices: [rtc], wfi: trap }\
  - { name: spare, vcpus: [ { schedule: 3, urgent: true } ], memory: [ { size: 8M } ] }\
schedules:\
  - { cpu: 3, major_frame: 10ms, windows: [ { partition: spare, start: 0ms, duration: 2ms } ] }/' \
	-e 's/size: 64K/size: 128K/' \
	-e 's/partition: main, access: r, doorbell: 101/partition: main, access: rw, doorbell: 105/' \
	-e 's/name: setpoints/name: targets/' "$dir/old.yaml" >"$dir/new.yaml"
"$BULKHEAD_SAN" diff "$dir/old.yaml" "$dir/new.yaml" --board "$BOARD_YAML" >"$dir/out" 2>"$dir/err" ||
	fail "diff failed: $(cat "$dir/err")"
cat "$dir/out"
cat >"$dir/want" <<'EOF_WANT'
partition main: memory 0 resized: 256M -> 128M
partition main: hidden features +pmu (+ now hidden, - now visible)
partition plc: memory 0 moved: physical 0x54000000 -> 0x4c000000
partition plc: on fault: stop -> restart
partition watch: memory 0 moved: physical 0x56000000 -> 0x4e000000
partition watch: memory 0 access: rwx -> rw
partition watch: WFI: native -> trap
partition spare: added (vCPUs: scheduled on CPU 3 urgent)
device rtc (IRQ 34): plc -> watch
schedule of CPU 3: added (spare/0 0-2ms)
channel samples: size 64K -> 128K
channel samples: moved: physical 0x57000000 -> 0x4f800000
channel samples: ends plc rw doorbell 100, main r doorbell 101 -> plc rw doorbell 100, main rw doorbell 105
channel setpoints: removed (was main rw, plc r)
channel targets: added (main rw, plc r)
EOF_WANT
diff -u "$dir/want" "$dir/out" || fail "bulkhead diff printed other changes"

"$BULKHEAD_SAN" diff "$dir/old.yaml" "$dir/old.yaml" --board "$BOARD_YAML" >"$dir/same" 2>/dev/null ||
	fail "diff of a layout with itself failed"
[ "$(cat "$dir/same")" = "no changes" ] || fail "a layout differs from itself: $(cat "$dir/same")"

sed 's/devices: \[gpio\]/devices: [gpoi]/' "$dir/new.yaml" >"$dir/broken.yaml"
"$BULKHEAD_SAN" diff "$dir/old.yaml" "$dir/broken.yaml" --board "$BOARD_YAML" >/dev/null 2>"$dir/broken" &&
	fail "a broken new layout was compared"
grep -q "broken.yaml:5:66: error: unknown device 'gpoi'" "$dir/broken" || fail "the broken layout's error: $(cat "$dir/broken")"

status=0
"$BULKHEAD_SAN" diff "$dir/old.yaml" --board "$BOARD_YAML" >/dev/null 2>"$dir/usage" || status=$?
[ $status -eq 2 ] && grep -q "diff needs OLD.yaml NEW.yaml" "$dir/usage" || fail "diff without NEW.yaml: exit $status"

# The other way round: what was added is removed.
"$BULKHEAD_SAN" diff "$dir/new.yaml" "$dir/old.yaml" --board "$BOARD_YAML" >"$dir/back" 2>/dev/null || fail "diff back failed"
for want in "partition spare: removed" "schedule of CPU 3: removed (was spare/0 0-2ms)" "device rtc (IRQ 34): watch -> plc" \
	"partition main: hidden features -pmu (+ now hidden, - now visible)" "channel setpoints: added (main rw, plc r)"; do
	grep -qxF "$want" "$dir/back" || fail "diff back lacks '$want': $(cat "$dir/back")"
done

# PCIe functions, matched by name: added, moved, re-windowed, re-lined, removed;
# the root's `pci: none` hands the host's windows to nobody.
cat >"$dir/pci-old.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: main, root: true, cpus: [0] }
  - { name: disk, cpus: [1], memory: [ { size: 16M } ], pci: [ { name: edu, function: "00:02.0" }, { name: old, function: "00:04.0" } ] }
  - { name: net, cpus: [2], memory: [ { size: 16M } ] }
YAML
cat >"$dir/pci-new.yaml" <<'YAML'
platform: qemu-virt
hypervisor: { memory: { base: 0x40000000, size: 64M } }
partitions:
  - { name: main, root: true, cpus: [0], pci: none }
  - { name: disk, cpus: [1], memory: [ { size: 16M } ] }
  - { name: net, cpus: [2], memory: [ { size: 16M } ], pci: [ { name: edu, function: "00:03.0", window: 2M, window64: 1G, intx: none }, { name: nic, function: "00:05.0" } ] }
YAML
"$BULKHEAD_SAN" diff "$dir/pci-old.yaml" "$dir/pci-new.yaml" --board "$BOARD_YAML" >"$dir/pci" 2>"$dir/err" ||
	fail "diff of PCI functions failed: $(cat "$dir/err")"
cat "$dir/pci"
for want in "function edu: disk -> net" "function edu: 00:02.0 -> 00:03.0" \
	"function edu: window 0x10000000 1M -> 0x10000000 2M" "function edu: window64 none -> 0x8000000000 1G" \
	"function edu: INTx 37 -> none" "function old: removed (was disk, 00:04.0, window 0x10100000 1M, INTx 35)" \
	"function nic: added (net, 00:05.0, window 0x10200000 1M, INTx 36)" "device pcie-ecam: main -> (nobody)"; do
	grep -qxF "$want" "$dir/pci" || fail "the PCI diff lacks '$want'"
done
