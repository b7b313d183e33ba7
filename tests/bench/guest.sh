#!/bin/bash
# Benchmark, not a test: the bench guest (tests/guests/bench) under
# Bulkhead, under Xen 4.17 as a dom0less domain, and with no hypervisor,
# each alone on one CPU of QEMU's virt board under -icount shift=0
# (figures are instruction counts and repeat exactly). Prints rows of the
# report's table: | metric | Bulkhead | Xen | native | Bulkhead / Xen |.
# A run that did not finish with every check passed is an error.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xen.sh"

# The guest's lines, as Bulkhead ([bench]) or Xen (DOM1:) prefix them.
prefix='^(\[bench\] |\(XEN\) DOM1: )?'
done_line="${prefix}DONE [0-9]+ passed, [0-9]+ failed"
checked=$(bench_appliance bench "$srctree/tests/layouts/bench.yaml" NR_CPUS=1)
unchecked=$(bench_appliance bench-unchecked "$srctree/tests/layouts/bench.yaml" NR_CPUS=1 \
	SIGNED_IMAGES=n MEASURED_BOOT=n)
trapped=$(bench_appliance bench-wfi-trap "$srctree/tests/layouts/bench-wfi-trap.yaml" NR_CPUS=1)
work=$build/bench/guest
rm -rf "$work" && mkdir -p "$work"
guest=$checked/guests/bench

for out in "$checked" "$unchecked" "$trapped"; do
	run_until "$out/serial.log" "$done_line" 120 "$srctree/tools/qemu-run.sh" --icount --cpus 1 \
		--cpu "$BENCH_CPU" "$out/appliance.img"
done
run_until "$work/native.log" "$done_line" 120 qemu-system-aarch64 -M virt,gic-version=3 \
	-cpu "$BENCH_CPU" -smp 1 -m 256 -nographic -no-reboot -icount shift=0,sleep=off -kernel "$guest.elf"
# xen_bench NAME ARGS: the guest as Xen's only domain (dom0less: one vCPU,
# 64 MiB, a vpl011), Xen's command line XEN_ARGS plus ARGS; log in NAME.log.
xen_bench() {
	xen_dtb "$work/$1.dtb" "$(printf '\t\txen,xen-bootargs = "%s";\n\t\tbench {\n%s\n%s\n%s\n%s\n%s\n%s\n\t\t};' \
		"$XEN_ARGS${2:+ $2}" 'compatible = "xen,domain";' '#address-cells = <2>; #size-cells = <2>;' \
		'cpus = <1>;' 'memory = <0 65536>;' 'vpl011;' "$(xen_module kernel "$guest.bin" 0)")"
	# shellcheck disable=SC2046
	xen_run "$work/$1.log" "$done_line" "$work/$1.dtb" $(xen_loader "$guest.bin" 0)
}
xen_bench xen ""
# Xen tuned for latency: WFI not trapped, so an idle vCPU stays on its CPU
# as under Bulkhead (Debian builds no null scheduler to go with it).
xen_bench xen-vwfi-native vwfi=native

# figure LOG NAME: the guest's "BENCH NAME value", after every check passed.
figure() {
	grep -Eq "${prefix}DONE [0-9]+ passed, 0 failed" "$1" ||
		{ echo "bench guest: a run failed its checks (see $1)" >&2; exit 1; }
	sed -En "s/${prefix}BENCH $2 ([0-9]+)$/\2/p" "$1" | head -n 1
}

# row TITLE NAME [native [XEN_LOG]]: one table row; "native" if the figure
# exists natively; Xen's figure from XEN_LOG (default xen.log).
row() {
	local bulkhead xen native=-
	bulkhead=$(figure "$checked/serial.log" "$2")
	xen=$(figure "$work/${4:-xen}.log" "$2")
	[ "${3:-}" = native ] && native=$(figure "$work/native.log" "$2")
	table_row "$1" "$bulkhead" "$xen" "$native"
}

row "reset to the guest's first instruction (Bulkhead: image signature checked, measured)" entry native
table_row "reset to the guest's first instruction (Bulkhead: SIGNED_IMAGES=n, MEASURED_BOOT=n)" \
	"$(figure "$unchecked/serial.log" entry)" "$(figure "$work/xen.log" entry)" "$(figure "$work/native.log" entry)"
row "null hypercall, round trip" hypercall
row "trapped ID register read (ID_AA64PFR0_EL1)" id-register native
row "emulated MMIO read (GICD_TYPER)" mmio-read native
row "virtual timer deadline to the guest's IRQ handler, vCPU busy" timer-irq native
row "virtual timer deadline to the guest's IRQ handler, vCPU in WFI (Bulkhead: wfi: native)" timer-irq-wfi native
row "the same, vCPU in WFI (Bulkhead: wfi: native; Xen: vwfi=native)" timer-irq-wfi native xen-vwfi-native
# The wake-up cost of exact accounting: WFI trapped on both sides (Xen's default).
table_row "the same, vCPU in WFI, WFI trapped (Bulkhead: wfi: trap; Xen: its default)" \
	"$(figure "$trapped/serial.log" timer-irq-wfi)" "$(figure "$work/xen.log" timer-irq-wfi)" \
	"$(figure "$work/native.log" timer-irq-wfi)"
row "compute kernel (CoreMark-like, 64 iterations)" compute native
row "memory walk (8 MiB, page by page, 2 passes)" memory native
