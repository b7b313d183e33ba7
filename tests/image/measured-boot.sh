#!/bin/bash
# A valid signed image boots: the hypervisor verifies it, measures every
# component, and the root partition reads, through its device tree, the
# very bytes `bulkhead-image measurements` predicts; it cannot write them.
. "$SRCTREE/tests/lib/common.sh"
. "$SRCTREE/tests/image/lib.sh"

out=$(measured_appliance) || exit 1
tool=$BUILD/host-san/bulkhead-image
log=$out/serial.log
boot "$log" "$out/appliance.img" --cpus 2 >/dev/null

"$tool" verify --key "$out/keys/development.pub.pem" --require-signature --min-security-counter 2 \
	"$out/appliance.img" || fail "the host refuses the image the build made"
expect_line "$log" "^bulkhead: boot image: version 1\\.4\\.2, security counter 3, 6 components, signature and digests verified$"
expect_line "$log" "^bulkhead: measured boot: 6 events"
expect_line "$log" "^\\[eventlog\\] DONE [0-9]+ passed, 0 failed$" "the root read the log"
reject_line "$log" "^\\[eventlog\\] FAIL"
expect_line "$log" "^\\[worker\\] heartbeat: started" "the other partition started"

# The bytes the root saw, against the host's prediction.
grep '^\[eventlog\] EVENTLOG [0-9]' "$log" | awk '{ printf "%s", $4 }' |
	python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read()))' >"$out/log-from-root.bin"
"$tool" measurements --binary "$out/log-predicted.bin" "$out/appliance.img" || fail "measurements failed"
cmp "$out/log-from-root.bin" "$out/log-predicted.bin" || fail "the root's measurement log differs from the prediction"
size=$(sed -n 's/^\[eventlog\] EVENTLOG size \([0-9]*\) .*/\1/p' "$log")
[ "$size" = "$(stat -c %s "$out/log-predicted.bin")" ] || fail "log size $size in the region header"

# The text form names every component, in manifest order, on the PCRs documented.
"$tool" measurements "$out/appliance.img" >"$out/measurements.txt"
expect_line "$out/measurements.txt" "^ 0 PCR0  EV_POST_CODE +[0-9a-f]{64} hypervisor, version 1\\.4\\.2$"
expect_line "$out/measurements.txt" "^ 1 PCR1  EV_TABLE_OF_DEVICES +[0-9a-f]{64} layout tables, version 1\\.4\\.2$"
expect_line "$out/measurements.txt" "^ 2 PCR4  EV_IPL +[0-9a-f]{64} kernel of partition 0, version 1\\.4\\.2$"
expect_line "$out/measurements.txt" "^ 3 PCR5  EV_IPL +[0-9a-f]{64} dtb of partition 0, version 1\\.4\\.2$"
echo "measured boot: $(wc -l <"$out/measurements.txt") events, $size bytes, identical in the root"
