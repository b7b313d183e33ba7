# make bench: the benchmarks side by side with Xen (tests/bench/run.sh,
# docs/performance.md). Each benchmark builds the appliances it boots in
# $(objtree)/bench/ and fetches what it needs (the Debian kernel, Xen).

.PHONY: bench
bench: $(BULKHEAD_IMAGE)
	$(Q)BUILD=$(objtree) BULKHEAD_IMAGE=$(BULKHEAD_IMAGE) $(srctree)/tests/bench/run.sh
