#!/usr/bin/python3
"""Checks a `bulkhead layout --svg` picture against what it must show.

usage: check_svg.py SVG LAYOUT.yaml BOARD.yaml REPORT.txt WARNINGS.txt CPUS [PARTITION=TEXT...]

The expectations come from elsewhere than the drawing code: the layout's
YAML (partitions, CPUs, schedules, channels, devices, PCIe functions and
their windows, hidden features), the board description (device
interrupts), the text report (every
physical memory range, exact base and size) and the compiler's own
warnings on stderr (each is drawn word for word, those about a
partition's DMA on that partition's card); PARTITION=TEXT: that card
also has a warning containing TEXT. Exits 1 naming the first thing
missing."""
import re
import sys
import xml.etree.ElementTree as ET

import yaml

NS = "{http://www.w3.org/2000/svg}"


def fail(message):
    print("check_svg: " + message, file=sys.stderr)
    sys.exit(1)


def size(text):
    text = str(text).replace("_", "")
    m = re.fullmatch(r"(0x[0-9a-fA-F]+|[0-9]+)([KMGT]?)(iB)?", text)
    if not m:
        fail("cannot read size %r" % text)
    return int(m.group(1), 0) << (10 * " KMGT".index(m.group(2) or " "))


def time_ns(text):
    m = re.fullmatch(r"([0-9]+)(ns|us|ms|s)", str(text))
    if not m:
        fail("cannot read time %r" % text)
    return int(m.group(1)) * {"ns": 1, "us": 1000, "ms": 1000000, "s": 1000000000}[m.group(2)]


def title(element):
    t = element.find(NS + "title")
    return t.text if t is not None else ""


def texts(element):
    return ["".join(t.itertext()) for t in element.iter(NS + "text")]


svg_path, layout_path, board_path, report_path, warnings_path, cpus = sys.argv[1:7]
root = ET.parse(svg_path).getroot()
layout = yaml.safe_load(open(layout_path))
board = yaml.safe_load(open(board_path))
by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
partitions = layout["partitions"]

# Every CPU, as the layout uses it.
pinned, scheduled = {}, set()
for p in partitions:
    for v, cpu in enumerate(p.get("cpus", [])):
        pinned[cpu] = (p["name"], v)
    for v, spec in enumerate(p.get("vcpus", [])):
        if "cpu" in spec:
            pinned[spec["cpu"]] = (p["name"], v)
        else:
            scheduled.add(spec["schedule"])
for cpu in range(int(cpus)):
    g = by_id.get("cpu-%d" % cpu)
    if g is None:
        fail("no cpu-%d" % cpu)
    if ("CPU %d" % cpu) not in texts(g):
        fail("cpu-%d has no label" % cpu)
    if cpu in pinned:
        name, v = pinned[cpu]
        if "pinned to %s vCPU %d" % (name, v) not in title(g):
            fail("CPU %d is not drawn pinned to %s vCPU %d: %r" % (cpu, name, v, title(g)))
    elif cpu in scheduled:
        if "scheduled" not in title(g):
            fail("CPU %d is not drawn scheduled" % cpu)
    elif "unused" not in title(g):
        fail("CPU %d is not drawn unused" % cpu)

# Each schedule: its windows, and idle gaps that fill the rest of the frame exactly.
urgent = {(p["name"], v) for p in partitions for v, s in enumerate(p.get("vcpus", [])) if s.get("urgent")}
for s in layout.get("schedules", []):
    g = by_id["cpu-%d" % s["cpu"]]
    frame = time_ns(s["major_frame"])
    drawn_schedule = [e for e in g.iter(NS + "g") if e.get("class") == "schedule"][0]
    budget = time_ns(s["urgent_budget"]) if "urgent_budget" in s else frame // 10
    if int(drawn_schedule.get("data-major-frame")) != frame or int(drawn_schedule.get("data-urgent-budget")) != budget:
        fail("CPU %d: frame and urgent budget drawn as %s and %s" % (s["cpu"], drawn_schedule.get("data-major-frame"),
                                                                    drawn_schedule.get("data-urgent-budget")))
    drawn = [(r.get("data-partition"), int(r.get("data-start")), int(r.get("data-duration")), title(r))
             for r in g.iter(NS + "rect") if r.get("class") == "window"]
    for w in s["windows"]:
        want = (w["partition"], time_ns(w["start"]), time_ns(w["duration"]))
        match = [d for d in drawn if d[:3] == want]
        if not match:
            fail("CPU %d lacks the window %r" % (s["cpu"], want))
        is_urgent = (w["partition"], w.get("vcpu", 0)) in urgent
        if is_urgent != ("urgent" in match[0][3]):
            fail("window %r: urgent is %s in the layout, not so in the picture" % (want, is_urgent))
    spans = sorted([(d[1], d[2]) for d in drawn] +
                   [(int(r.get("data-start")), int(r.get("data-duration")))
                    for r in g.iter(NS + "rect") if r.get("class") == "idle"])
    at = 0
    for start, duration in spans:
        if start != at:
            fail("CPU %d: the picture skips or overlaps time at %d ns" % (s["cpu"], at))
        at = start + duration
    if at != frame:
        fail("CPU %d: windows and idle gaps end at %d ns, not the frame's %d" % (s["cpu"], at, frame))

# Every physical range of the text report, with its exact base and size.
memory = {(int(g.get("data-base"), 16), int(g.get("data-size"), 16)): g
          for g in root.iter(NS + "g") if "memory" in (g.get("class") or "").split()}
ranges = 0
in_memory = False
for line in open(report_path):
    if line.startswith("Memory (physical)"):
        in_memory = True
        continue
    if in_memory and not line.strip():
        break
    if in_memory:
        # The size column may hold spaces ("63.9M (67043328 bytes)"): kind and owner are the last words.
        m = re.match(r"\s*(0x[0-9a-f]+)-(0x[0-9a-f]+)\s.*\s(\S+)\s+(\S+)\s*$", line)
        base, last = int(m.group(1), 16), int(m.group(2), 16)
        g = memory.get((base, last - base + 1))
        if g is None:
            fail("no memory range %#x, size %#x (%s %s)" % (base, last - base + 1, m.group(3), m.group(4)))
        if m.group(4) not in title(g):
            fail("memory range %#x does not name %s" % (base, m.group(4)))
        ranges += 1
if ranges < 3:
    fail("the report listed only %d memory ranges" % ranges)
if not any("event-log" in g.get("class") for g in memory.values()):
    fail("no event log in the memory map")

# Every partition's card: devices with their interrupts, channel ends, hidden features.
interrupts = {d["name"]: [str(i) for i in d.get("interrupts", [])] for d in board["devices"]}
for p in partitions:
    card = by_id.get("partition-" + p["name"])
    if card is None or p["name"] not in title(card):
        fail("no card for partition %s" % p["name"])
    drawn = {}
    for g in card.iter(NS + "g"):
        if "device" in (g.get("class") or "").split():
            names = g.get("data-devices").split()
            got = g.get("data-interrupts").split()
            want = [i for n in names for i in interrupts[n]]
            if got != want:
                fail("%s: devices %s drawn with interrupts %s, the board says %s" % (p["name"], names, got, want))
            drawn.update({n: g for n in names})
    for name in p.get("devices", []):
        if name not in drawn:
            fail("partition %s: device %s is not drawn" % (p["name"], name))
    # PCIe functions: each drawn with its bus:dev.fn and a window of the size the layout gives (1M by default).
    pci = {g.get("data-name"): g for g in card.iter(NS + "g") if "pci-function" in (g.get("class") or "").split()}
    for f in p.get("pci", []) if isinstance(p.get("pci"), list) else []:
        g = pci.get(f["name"])
        if g is None:
            fail("partition %s: PCI function %s is not drawn" % (p["name"], f["name"]))
        bus, dev, fn = re.fullmatch(r"([0-9a-fA-F]+):([0-9a-fA-F]+)\.([0-7])", f["function"]).groups()
        if g.get("data-function") != "%02x:%02x.%s" % (int(bus, 16), int(dev, 16), fn):
            fail("partition %s: function %s drawn at %s" % (p["name"], f["name"], g.get("data-function")))
        window = f.get("window", "1M")
        want = size(window["size"] if isinstance(window, dict) else window)
        first, last = (int(x, 16) for x in g.get("data-window").split("-"))
        if last - first + 1 != want or (isinstance(window, dict) and "base" in window and first != int(str(window["base"]), 0)):
            fail("partition %s: function %s drawn with window %s" % (p["name"], f["name"], g.get("data-window")))
    hosts = [g for g in card.iter(NS + "g") if g.get("class") == "pci-host"]
    if p.get("root") and (p.get("pci") == "none") != (not hosts):
        fail("partition %s: the PCIe host is %sdrawn" % (p["name"], "" if hosts else "not "))
    features = [g for g in card.iter(NS + "g") if g.get("class") == "features"]
    hidden = features[0].get("data-hidden").split(", ") if features else []
    for f in p.get("features", {}).get("hide", []):
        if f not in hidden:
            fail("partition %s: hidden feature %s is not drawn" % (p["name"], f))

for c in layout.get("channels", []):
    g = by_id.get("channel-" + c["name"])
    if g is None:
        fail("no arrow for channel %s" % c["name"])
    ends = [e["partition"] for e in c["endpoints"]]
    if [g.get("data-from"), g.get("data-to")] != ends or int(g.get("data-size"), 16) != size(c["size"]):
        fail("channel %s drawn between %s and %s, size %s" % (c["name"], g.get("data-from"), g.get("data-to"),
                                                              g.get("data-size")))
    for e in c["endpoints"]:
        if "doorbell" in e and "doorbell %d" % e["doorbell"] not in title(g):
            fail("channel %s: doorbell %d is not drawn" % (c["name"], e["doorbell"]))
    path = g.find(NS + "path")
    heads = [path.get("marker-end") is not None, path.get("marker-start") is not None]
    # An arrowhead where data arrives: at the end the other end writes to.
    want = [c["endpoints"][0].get("access") == "rw", c["endpoints"][1].get("access") == "rw"]
    if heads != want:
        fail("channel %s: arrowheads %s, access says %s" % (c["name"], heads, want))

# Every warning the compiler gave about the layout is drawn, word for word;
# one that names a partition's DMA is on that partition's card.
warning_titles = [title(g) for g in root.iter(NS + "g") if g.get("class") == "warning"]
compiler = re.findall(r"^(.*?):(\d+):(\d+): warning: (.*)$", open(warnings_path).read(), re.M)
for file, line, column, message in compiler:
    if file == layout_path and "line %s:%s: %s" % (line, column, message) not in warning_titles:
        fail("the compiler's warning at line %s:%s is not drawn: %s" % (line, column, message))
warned = set(re.findall(r"warning: (?:device '[^']+' masters DMA that no IOMMU checks: partition|"
                        r"root partition) '([^']+)'", open(warnings_path).read()))
drawn_total = len(warning_titles)
for p in partitions:
    card = by_id["partition-" + p["name"]]
    lines = [title(g) for g in card.iter(NS + "g") if g.get("class") == "warning"]
    has = any("DMA no IOMMU checks" in line or "DMA that no IOMMU checks" in line for line in lines)
    if has != (p["name"] in warned):
        fail("partition %s: compiler warned about DMA: %s, picture: %s" % (p["name"], p["name"] in warned, has))
for expected in sys.argv[7:]:
    name, text = expected.split("=", 1)
    card = by_id["partition-" + name]
    if not any(text in title(g) for g in card.iter(NS + "g") if g.get("class") == "warning"):
        fail("partition %s has no warning saying %r" % (name, text))
if int(by_id["warnings"].get("data-count")) != drawn_total:
    fail("the heading counts %s warnings, the cards show %d" % (by_id["warnings"].get("data-count"), drawn_total))
print("check_svg: %s: %d CPUs, %d memory ranges, %d partitions, %d channels, %d warnings" % (
    svg_path, int(cpus), ranges, len(partitions), len(layout.get("channels", [])), drawn_total))
