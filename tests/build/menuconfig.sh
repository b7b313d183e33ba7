#!/bin/bash
# make menuconfig runs in a real terminal (tmux), shows the Bulkhead
# menus, and saving writes the option the user toggled into .config.
. "$SRCTREE/tests/lib/common.sh"

out=$(scratch_dir build-menuconfig)
make_out "$out" qemu-virt_defconfig >/dev/null
session=bulkhead-menuconfig-$$
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 120 -y 40 \
	"make --no-print-directory -C '$SRCTREE' O='$out' menuconfig; echo menuconfig-exit-\$?; sleep 30"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

screen() { tmux capture-pane -p -t "$session"; }
wait_for() {
	for _ in $(seq 50); do screen | grep -q "$1" && return 0; sleep 0.2; done
	screen >&2
	fail "menuconfig never showed '$1'"
}
keys() { tmux send-keys -t "$session" "$@"; sleep 0.3; }

wait_for "Bulkhead Configuration"
wait_for "Console and logging"
# Top level: Platform, Partitions, Boot image, Console and logging, Debugging.
keys Down Down Down Down Enter
wait_for "Fault on purpose after the banner"
keys Enter
wait_for "load from an unmapped address"
keys Down Space
wait_for "Debugging"
keys Escape Escape
wait_for "Partitions"
keys Escape Escape
wait_for "save your new configuration"
keys Enter
wait_for "menuconfig-exit-0"
grep -q '^CONFIG_SELFTEST_FAULT_UNMAPPED=y$' "$out/.config" || fail "the toggled option was not saved to .config"
