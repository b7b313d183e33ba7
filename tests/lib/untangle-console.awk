# The root partition may write the UART itself, a character at a time,
# and so does the hypervisor, a line at a time. One of its log lines can so
# land inside one of the root's: "cbulkhead: partition x stopped" then
# "ontrol-test: PASS x". This puts the root's line back together, so that
# tests can match lines from their start. Only the hypervisor's own
# "bulkhead: " lines are taken out: "[name] " also occurs inside kernel
# messages ("virtio_blk virtio0: [vda] 2048 blocks").
#
# A line that starts with a partition's prefix ("[name] ", a name as the
# layout allows it) is never split: the hypervisor writes such a line
# whole, so nothing of its own can be inside it, and splitting it would
# let a partition print a line that reads as the hypervisor's
# ("[p] xbulkhead: partition victim stopped"). Kernel timestamps
# ("[    1.234567] ") are no partition name.
# A root's fragment carried over waits for the next line that is not one
# of those: gluing it in front of a prefixed line would unmask it.
/^\[[A-Za-z][A-Za-z0-9_-]*\] / {
	print
	next
}
{
	line = carry $0
	carry = ""
	if (match(line, /bulkhead: /) && RSTART > 1) {
		carry = substr(line, 1, RSTART - 1)
		print substr(line, RSTART)
		next
	}
	print line
}
END {
	if (carry != "")
		print carry
}
