#!/bin/bash
# panic.sh KIND: an exception taken at EL2 ends in the panic path (vector,
# syndrome, fault address, every register, then power-off: QEMU exits
# instead of hanging), and the hypervisor's own image is W^X.
#   unmapped    a load from an unmapped address: translation fault
#   write-text  a store into the hypervisor's code: permission fault
#   exec-data   a branch into the hypervisor's data: instruction abort
#   exec-boot-code  a branch into the signature code, unmapped after boot
. "$SRCTREE/tests/lib/common.sh"

kind=$1
out=$(scratch_dir "boot-panic-$kind")
make_out "$out" qemu-virt_defconfig >/dev/null
case $kind in
unmapped) option=SELFTEST_FAULT_UNMAPPED ;;
write-text) option=SELFTEST_FAULT_WRITE_TEXT ;;
exec-data) option=SELFTEST_FAULT_EXEC_DATA ;;
exec-boot-code) option=SELFTEST_FAULT_EXEC_BOOT_CODE ;;
*) fail "unknown kind '$kind'" ;;
esac
set_options "$out" SELFTEST_NONE=n "$option=y"
make_out "$out" hypervisor >/dev/null
boot "$out/serial.log" "$out/bulkhead.elf"
log=$out/serial.log

text_start=0x$(aarch64-linux-gnu-nm "$out/bulkhead.elf" | awk '$3 == "__image_start" { print $1 }')
fault_in_text=$(printf '%016x' $((0x$(aarch64-linux-gnu-nm "$out/bulkhead.elf" | awk '$3 == "arch_selftest_fault" { print $1 }'))))
data_word=$(printf '%016x' $((0x$(aarch64-linux-gnu-nm "$out/bulkhead.elf" | awk '$3 == "selftest_data_word" { print $1 }'))))
boot_code=$(printf '%016x' $((0x$(aarch64-linux-gnu-nm "$out/bulkhead.elf" | awk '$3 == "__boot_text_start" { print $1 }'))))
[ "$text_start" != 0x ] || fail "no __image_start in the image"

expect_line "$log" "^bulkhead: synchronous exception at EL2$"
case $kind in
unmapped)
	expect_line "$log" "ESR_EL2 0x9[67][0-9a-f]{6}: EC 0x25 \\(data abort at EL2\\)"
	expect_line "$log" "^  translation fault at level [0-3]$"
	expect_line "$log" "FAR_EL2 0x00bad00000000000" "FAR is the address that faulted" ;;
write-text)
	expect_line "$log" "ESR_EL2 0x9[67][0-9a-f]{6}: EC 0x25 \\(data abort at EL2\\)"
	expect_line "$log" "^  permission fault at level 3, on a write$"
	expect_line "$log" "FAR_EL2 0x$fault_in_text" "FAR is the code address written to" ;;
exec-data)
	expect_line "$log" "ESR_EL2 0x86[0-9a-f]{6}: EC 0x21 \\(instruction abort at EL2\\)"
	expect_line "$log" "^  permission fault at level 3$"
	expect_line "$log" "FAR_EL2 0x$data_word" "FAR is the data word branched to"
	expect_line "$log" "ELR_EL2 0x$data_word" ;;
exec-boot-code)
	expect_line "$log" "^bulkhead: boot-only code unmapped: [1-9][0-9]* KiB$"
	expect_line "$log" "ESR_EL2 0x86[0-9a-f]{6}: EC 0x21 \\(instruction abort at EL2\\)"
	expect_line "$log" "^  translation fault at level 3$"
	expect_line "$log" "FAR_EL2 0x$boot_code" "FAR is the unmapped signature code" ;;
esac
for r in 0 10 20 30; do expect_line "$log" "x$r +[0-9a-f]{16}" "register x$r dumped"; done
expect_line "$log" "sp +[0-9a-f]{16}" "stack pointer dumped"
expect_line "$log" "^bulkhead: PANIC on CPU0: unhandled synchronous exception at EL2"
expect_line "$log" "^bulkhead: machine stopped"
reject_line "$log" "powering off"
