# The root partition writes the UART itself, a character at a time; the
# hypervisor writes its own and the other partitions' lines whole. A whole
# line can so land inside one of the root's: "c[beat] HEARTBEAT 3" then
# "ontrol-test: PASS x". This puts the root's line back together, so that
# tests can match lines from their start.
{
	line = carry $0
	carry = ""
	if (match(line, /(\[[a-z][a-zA-Z0-9_-]*\] |bulkhead: )/) && RSTART > 1) {
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
