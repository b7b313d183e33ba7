#!/bin/bash
# `make run` of the default configuration boots the demo appliance in a
# real terminal (tmux): Linux as root finds its disk on PCI, reaches a
# shell prompt, takes typed commands, shows the other partition's console
# only when asked (bulkheadctl console), and its poweroff returns to the
# shell that ran make.
. "$SRCTREE/tests/lib/common.sh"

session=bulkhead-run-$$
out=$(scratch_dir boot-make-run-shell)
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 160 -y 50 \
	"make --no-print-directory -C '$SRCTREE' O='$BUILD' run; echo make-run-exit-\$?; sleep 30"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
screen() { tmux capture-pane -p -S -200 -t "$session"; }
wait_for() {
	for _ in $(seq 600); do screen | grep -q "$1" && return 0; sleep 0.2; done
	screen >"$out/screen.txt"
	fail "never saw '$1' (screen in $out/screen.txt)"
}
# Its disk (build/disk.img, made by make run) is on PCIe, behind the SMMU
# Linux does not see.
wait_for "init: disk vda is PCI function 0000:00:"
wait_for "init: iommus \\[\\], 0 iommu groups, 0 kernel lines naming an SMMU"
wait_for "this is the root partition's shell"
wait_for "other partitions' consoles: 'bulkheadctl console NAME --follow'"
# The shell is the root's alone: the bare-metal partition's heartbeat is
# in its ring, one command away, never on the terminal.
tmux send-keys -t "$session" "bulkheadctl console rt | tail -n 1" Enter
wait_for "^HEARTBEAT [0-9]"
tmux capture-pane -p -S - -t "$session" >"$out/screen.txt"
! grep -q '\[rt\] ' "$out/screen.txt" || fail "the rt partition's lines reached the root's terminal ($out/screen.txt)"
tmux send-keys -t "$session" "echo typed-\$((6*7)) && uname -m" Enter
wait_for "typed-42"
wait_for "^aarch64"
# bulkheadctl is in the demo's initramfs and sees the bare-metal partition run.
tmux send-keys -t "$session" "bulkheadctl list" Enter
wait_for "rt  *running  *-  *1@2"
tmux send-keys -t "$session" "poweroff -f" Enter
wait_for "root partition linux powered off: stopping the machine"
wait_for "make-run-exit-0"
