#!/bin/bash
# Benchmark, not a test: Bulkhead's source lines by folder, C and
# assembly (.c, .h, .S), blank lines and comments left out, as Bao's size
# is usually quoted. A folder's figure is its own files and its include/;
# one written "folder/..." counts all its subfolders. Prints a table.
. "$(dirname "$0")/lib.sh"

folders=(core core/lib core/drivers core/crypto/... core/arch/aarch64 platform/qemu-virt gen/... tools/... tests/...)

# code_lines FILE...: lines that are neither blank nor inside a comment.
code_lines() {
	awk '
		FNR == 1 { in_comment = 0 }
		{
			line = $0
			out = ""
			while (line != "") {
				if (in_comment) {
					end = index(line, "*/")
					if (end == 0) { line = ""; break }
					line = substr(line, end + 2); in_comment = 0
				} else {
					start = index(line, "/*"); slash = index(line, "//")
					if (slash > 0 && (start == 0 || slash < start)) { out = out substr(line, 1, slash - 1); line = ""; break }
					if (start == 0) { out = out line; line = ""; break }
					out = out substr(line, 1, start - 1); line = substr(line, start + 2); in_comment = 1
				}
			}
			if (out ~ /[^ \t]/) count++
		}
		END { print count + 0 }' "$@"
}

echo "| source folder (.c .h .S, no blanks or comments) | files | lines |"
echo "|---|---|---|"
hypervisor=0
for folder in "${folders[@]}"; do
	depth=(-maxdepth 1)
	case $folder in */...) folder=${folder%/...} depth=() ;; esac
	mapfile -t files < <(find "$srctree/$folder" "${depth[@]}" -type f \( -name '*.c' -o -name '*.h' -o -name '*.S' \) | sort)
	[ ${#depth[@]} -eq 0 ] || mapfile -t -O "${#files[@]}" files < <(find "$srctree/$folder/include" -type f \
		-name '*.h' 2>/dev/null | sort)
	[ ${#files[@]} -gt 0 ] || continue
	lines=$(code_lines "${files[@]}")
	case $folder in core*|platform*) hypervisor=$((hypervisor + lines)) ;; esac
	echo "| $folder | ${#files[@]} | $lines |"
done
echo "| the hypervisor (core/ and platform/ above) | | $hypervisor |"
