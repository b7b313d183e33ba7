#!/bin/bash
# An exception taken at EL2 ends in the panic path: vector, syndrome,
# fault address and every register are printed, then the machine powers
# off (QEMU exits instead of hanging).
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir boot-panic)
make_out "$out" qemu-virt_defconfig >/dev/null
set_options "$out" SELFTEST_PANIC=y
make_out "$out" hypervisor >/dev/null
boot "$out/serial.log" "$out/bulkhead.elf"

log=$out/serial.log
expect_line "$log" "^bulkhead: synchronous exception at EL2$"
expect_line "$log" "ESR_EL2 0x9[0-9a-f]{7}: EC 0x25 \\(data abort at EL2\\)" "ESR names a data abort at EL2"
expect_line "$log" "FAR_EL2 0x00bad00000000000" "FAR is the address that faulted"
expect_line "$log" "ELR_EL2 0x0*4[0-9a-f]{7}" "ELR points into the hypervisor image"
for r in 0 10 20 30; do expect_line "$log" "x$r +[0-9a-f]{16}" "register x$r dumped"; done
expect_line "$log" "sp +[0-9a-f]{16}" "stack pointer dumped"
expect_line "$log" "^bulkhead: PANIC on CPU0: unhandled synchronous exception at EL2"
expect_line "$log" "^bulkhead: machine stopped"
reject_line "$log" "powering off"
