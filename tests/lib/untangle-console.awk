# The root partition writes the UART itself, a character at a time, and
# so does the hypervisor, a line at a time. One of its log lines can so
# land inside one of the root's: "cbulkhead: partition x stopped" then
# "ontrol-test: PASS x". This puts the root's line back together, so that
# tests can match lines from their start. Only the hypervisor's own
# "bulkhead: " lines are taken out: "[name] " also occurs inside kernel
# messages ("virtio_blk virtio0: [vda] 2048 blocks").
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
