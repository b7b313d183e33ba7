#!/usr/bin/python3
"""compiler-rules.py SRCTREE [--check-covered]: docs/compiler-rules.md, on stdout.

The layout compiler's rules are its diag_error and diag_warning calls in
gen/*.c: this lists every one, by the part of the input it checks, with
its message (printf conversions shown as placeholders) and the
tests/gen/bad/ case whose first error it is, if any. tests/gen/rules.sh
fails when the committed docs/compiler-rules.md differs from this output.

--check-covered instead prints, one per line, the errors no bad case
produces as its first message, and exits 1 if there are any.
"""
import glob
import os
import re
import sys

# What each file checks, in the order a reader meets it.
SECTIONS = [
    ("yaml_tree.c", "YAML"),
    ("ywalk.c", "Keys and values"),
    ("layout_parse.c", "The layout's structure"),
    ("validate.c", "Partitions, devices, consoles and image files"),
    ("validate_dma.c", "Devices that master DMA no IOMMU checks"),
    ("validate_pci.c", "PCIe functions"),
    ("validate_image.c", "Images: Linux kernels and sizes"),
    ("validate_memory.c", "Memory: regions, channels, placement"),
    ("validate_schedule.c", "Schedules and channels"),
    ("board.c", "The board description"),
    ("main.c", "The command line and files"),
]
CONVERSION = re.compile(r"%[-#0-9.*]*(?:ll|l|z|h)?([sdufxXcp%])")
PLACEHOLDER = {"s": "…", "d": "N", "u": "N", "f": "N", "x": "0x…", "X": "0x…", "c": "…", "p": "…", "%": "%"}


def call_arguments(src, open_paren):
    """The top-level arguments of the call whose '(' is at open_paren."""
    depth, args, cur, j, quoted = 0, [], "", open_paren, False
    while j < len(src):
        c = src[j]
        if quoted:
            cur += c
            if c == "\\":
                cur += src[j + 1]
                j += 1
            elif c == '"':
                quoted = False
        elif c == '"':
            quoted = True
            cur += c
        elif c in "({":
            depth += 1
            if depth > 1 or c == "{":
                cur += c
        elif c in ")}":
            depth -= 1
            if depth == 0:
                args.append(cur.strip())
                return args
            cur += c
        elif c == "," and depth == 1:
            args.append(cur.strip())
            cur = ""
        else:
            cur += c
        j += 1
    return args


STRING = r'"(?:[^"\\]|\\.)*"'


def string_macros(src):
    """NAME -> text for the file's #define NAME "literal"."""
    return {m.group(1): "".join(re.findall(STRING, m.group(2)))
            for m in re.finditer(r'^#define\s+(\w+)\s+((?:%s\s*)+)$' % STRING, src, re.M)}


def literal(text, macros):
    """The C string literals and string macros text consists of, joined, or None."""
    if not re.fullmatch(r'\s*((%s|\w+)\s*)+' % STRING, text):
        return None
    pieces = []
    for piece in re.findall(r'%s|\w+' % STRING, text):
        if piece.startswith('"'):
            pieces.append(piece[1:-1])
        elif piece in macros:
            pieces.append(macros[piece])
        else:
            return None
    return "".join(pieces).encode().decode("unicode_escape")


def calls(srctree):
    """(file, kind, format) for every diag call, in file order."""
    found = []
    for path in sorted(glob.glob(os.path.join(srctree, "gen", "*.c"))):
        name = os.path.basename(path)
        if name == "diag.c":
            continue
        src = open(path, encoding="utf-8").read()
        macros = string_macros(src)
        for m in re.finditer(r"\bdiag_(error|warning)\(", src):
            args = call_arguments(src, m.end() - 1)
            fmt = literal(args[2], macros) if len(args) >= 3 else None
            if fmt is None:
                sys.exit("%s:%d: a diag call whose message is not a string literal"
                         % (path, src.count("\n", 0, m.start()) + 1))
            found.append((name, m.group(1), fmt))
    return found


def as_pattern(fmt):
    out = ""
    for piece in re.split(r"(%[-#0-9.*]*(?:ll|l|z|h)?[sdufxXcp%])", fmt):
        if CONVERSION.fullmatch(piece):
            out += "%" if piece == "%%" else ".*?"
        else:
            out += re.escape(piece)
    return re.compile(out + "$")


def shown(fmt):
    return CONVERSION.sub(lambda m: PLACEHOLDER[m.group(1)], fmt)


def bad_cases(srctree):
    cases = []
    for path in sorted(glob.glob(os.path.join(srctree, "tests", "gen", "bad", "*.yaml"))):
        for line in open(path, encoding="utf-8"):
            if line.startswith("# expect: "):
                message = line[len("# expect: "):].strip().split(": error: ", 1)[-1]
                cases.append((os.path.basename(path)[:-len(".yaml")], message))
    return cases


def main():
    srctree = sys.argv[1]
    found, cases = calls(srctree), bad_cases(srctree)
    # A case belongs to the most specific message it matches (the most literal text).
    covering = {call: [] for call in found}
    errors = [(call, as_pattern(call[2]), len(CONVERSION.sub("", call[2]))) for call in found if call[1] == "error"]
    for case, message in cases:
        matches = [(weight, call) for call, pattern, weight in errors if pattern.match(message)]
        best = max((weight for weight, _ in matches), default=None)
        for weight, call in matches:
            if weight == best:  # the same message checked in two places: both
                covering[call].append(case)
    if "--check-covered" in sys.argv[2:]:
        missing = [(n, f) for (n, k, f), c in covering.items() if k == "error" and not c]
        for name, fmt in missing:
            print("%s: %s" % (name, fmt))
        sys.exit(1 if missing else 0)
    known = {name for name, _ in SECTIONS}
    stray = sorted({name for name, _, _ in found} - known)
    if stray:
        sys.exit("compiler-rules.py: no section for %s" % ", ".join(stray))
    print("# What the layout compiler checks")
    print()
    print("Generated by `tools/compiler-rules.py` from every `diag_error` and")
    print("`diag_warning` call in `gen/`; `gen-rules-documented` fails when this")
    print("file is stale (refresh: `tools/compiler-rules.py . > docs/compiler-rules.md`).")
    print("Each line is the message as the compiler prints it after")
    print("`FILE:LINE:COL: error:` (… and N stand for what it names), then the")
    print("`tests/gen/bad/` case (test `gen-bad-NAME`) whose first error it is.")
    print("docs/config.md explains the rules; this is the complete list.")
    for name, title in SECTIONS:
        entries = [(k, f) for n, k, f in found if n == name]
        if not entries:
            continue
        print()
        print("## %s (`gen/%s`)" % (title, name))
        print()
        seen = set()
        for kind, fmt in entries:
            if (kind, fmt) in seen:
                continue
            seen.add((kind, fmt))
            tests = covering[(name, kind, fmt)]
            where = " — %s" % ", ".join("`%s`" % t for t in tests) if tests else ""
            print("- %s`%s`%s" % ("warning: " if kind == "warning" else "", shown(fmt), where))


main()
