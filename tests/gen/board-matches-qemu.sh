#!/bin/bash
# Every device of platform/qemu-virt/board.yaml sits where QEMU's own
# device tree puts it, with the same size and interrupts, so the board
# description cannot drift from the machine it describes; and its
# hypervisor-uart is where the hypervisor prints (platform.h); the PCIe host's
# INTx lines are the SPIs slot 0 raises in QEMU's interrupt-map.
. "$SRCTREE/tests/gen/lib.sh"

dts=$(scratch_dir gen-board-matches-qemu)/virt.dts
dtc -I dtb -O dts "$(board_dtb)" -o "$dts" 2>/dev/null || fail "dtc could not read QEMU's device tree"
/usr/bin/python3 - "$BOARD_YAML" "$dts" "$SRCTREE/platform/qemu-virt/platform.h" <<'PY'
import re, sys
board, dts = open(sys.argv[1]).read(), open(sys.argv[2]).read()
platform_h = open(sys.argv[3]).read()
# Nodes of QEMU's tree: unit address -> (reg cells, interrupts cells).
nodes = {}
for m in re.finditer(r'\n\t([\w,-]+)@([0-9a-f]+) \{(.*?)\n\t\};', dts, re.S):
    body = m.group(3)
    reg = re.search(r'\n\t\treg = <([^>]*)>', body)
    irq = re.search(r'\n\t\tinterrupts = <([^>]*)>', body)
    nodes[int(m.group(2), 16)] = (reg and [int(x, 16) for x in reg.group(1).split()],
                                 irq and [int(x, 16) for x in irq.group(1).split()], m.group(1))
def num(s):
    s = s.replace('_', '')
    mult = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}.get(s[-1], 1)
    return int(s[:-1] if mult > 1 else s, 0) * mult
problems, checked = [], 0
for m in re.finditer(r'\{ name: ([\w-]+), base: (\w+), size: (\w+)(?:, interrupts: \[([\d, ]+)\])?', board):
    name, base, size = m.group(1), num(m.group(2)), num(m.group(3))
    irqs = [int(x) for x in m.group(4).split(',')] if m.group(4) else []
    if name.startswith(('pcie-', 'gic-')):
        continue  # windows of one node and the GIC's ranges: checked below
    node = nodes.get(base)
    if node is None:
        if name == 'platform-bus':
            continue  # a bus node with ranges, not reg
        problems.append('%s at %#x: no device node in QEMU\'s tree' % (name, base)); continue
    reg, irq, _ = node
    if reg and (reg[2] << 32 | reg[3]) != size and name != 'flash':
        problems.append('%s: size %#x, QEMU says %#x' % (name, size, reg[2] << 32 | reg[3]))
    qemu_irqs = [32 + irq[i + 1] for i in range(0, len(irq), 3) if irq[i] == 0] if irq else []
    if irqs != qemu_irqs:
        problems.append('%s: interrupts %s, QEMU says %s' % (name, irqs, qemu_irqs))
    checked += 1
gic = nodes.get(0x8000000)
if not gic or gic[0][1] != 0x8000000 or gic[0][5] != 0x80a0000:
    problems.append('GIC distributor/redistributors not where board.yaml says')
pcie = re.search(r'pcie@10000000 \{(.*?)\n\t\};', dts, re.S).group(1)
if '0x40 0x10000000 0x00 0x10000000' not in pcie or '0x2000000 0x00 0x10000000 0x00 0x10000000 0x00 0x2eff0000' not in pcie:
    problems.append('PCIe ECAM or MMIO window moved')
# The host's INTx lines: slot 0's INTA..INTD in QEMU's interrupt-map (rows of
# child address (3), pin, GIC phandle, GIC address (2), SPI specifier (3)).
intx = [int(x) for x in re.search(r'\npci-host: \{[^}]*intx: \[([\d, ]+)\]', board).group(1).split(',')]
cells = [int(x, 16) for x in re.search(r'\n\t\tinterrupt-map = <([^>]*)>', pcie).group(1).split()]
slot0 = {row[3]: row[8] + 32 for row in (cells[i:i + 10] for i in range(0, len(cells), 10)) if row[0] == 0}
if [slot0.get(pin) for pin in (1, 2, 3, 4)] != intx:
    problems.append('pci-host intx %s, QEMU says slot 0 raises %s' % (intx, [slot0.get(p) for p in (1, 2, 3, 4)]))
# The UART the board says the hypervisor prints on is the one it does print on.
log_uart = re.search(r'\nhypervisor-uart: ([\w-]+)', board).group(1)
log_base = re.search(r'\{ name: %s, base: (\w+)' % log_uart, board).group(1)
if num(log_base) != int(re.search(r'#define PLATFORM_UART_BASE\s+(\w+)', platform_h).group(1), 0):
    problems.append('hypervisor-uart %s is not at platform.h\'s PLATFORM_UART_BASE' % log_uart)
if problems or checked < 35:
    print('\n'.join(problems) or 'only %d devices checked' % checked)
    sys.exit(1)
print('%d devices match QEMU' % checked)
PY
