# The layout compiler, bulkhead (host C, libyaml + libfdt): built plain for
# the build and with ASan + UBSan for the tests.

gen_srcs := $(wildcard $(srctree)/gen/*.c)
GEN_CFLAGS := $(HOSTCFLAGS) -D_POSIX_C_SOURCE=200809L -Wshadow -I$(srctree)/gen -idirafter $(srctree)/core/include \
	-DBULKHEAD_VERSION='"$(BULKHEAD_VERSION)"' -DBULKHEAD_PLATFORM_DIR='"$(srctree)/platform"'
GEN_LIBS := -lyaml -lfdt

gen_objs = $(patsubst $(srctree)/gen/%.c,$(objtree)/$(1)/gen/%.o,$(gen_srcs))

define gen_build
$(objtree)/$(1)/gen/%.o: $(srctree)/gen/%.c
	$$(quiet) HOSTCC $$(patsubst $$(srctree)/%,%,$$<)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(HOSTCC) $$(GEN_CFLAGS) $(2) -MMD -MP -c -o $$@ $$<

$(objtree)/$(1)/bulkhead: $(call gen_objs,$(1))
	$$(quiet) HOSTLD $$(patsubst $$(objtree)/%,%,$$@)
	$$(Q)$$(HOSTCC) $(2) -o $$@ $$^ $$(GEN_LIBS)

-include $(patsubst %.o,%.d,$(call gen_objs,$(1)))
endef

$(eval $(call gen_build,host,))
$(eval $(call gen_build,host-san,$(HOST_SANFLAGS)))

.PHONY: host-tools
host-tools: $(objtree)/host/bulkhead $(objtree)/host-san/bulkhead

# The fuzz targets (`make fuzz`): every gen source but the command line,
# and the boot-image checks, with libFuzzer.
FUZZ_CC := clang
# And one over the boot-image checks and the event log (tools/image shares them).
$(objtree)/host-fuzz/fuzz-image: $(addprefix $(srctree)/core/lib/,image_check.c sha256.c event_log.c format.c) \
		$(srctree)/tests/fuzz/fuzz_image.c $(wildcard $(srctree)/core/include/*.h)
	$(quiet) CLANG $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -idirafter $(srctree)/core/include \
		-o $@ $(filter %.c,$^)

$(objtree)/host-fuzz/fuzz-layout: $(filter-out %/main.c,$(gen_srcs)) $(srctree)/tests/fuzz/fuzz_layout.c \
		$(wildcard $(srctree)/gen/*.h)
	$(quiet) CLANG $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
		-I$(srctree)/gen -idirafter $(srctree)/core/include \
		-DBOARD_YAML='"$(srctree)/platform/qemu-virt/board.yaml"' -o $@ $(filter %.c,$^) $(GEN_LIBS)

.PHONY: fuzz
fuzz: $(objtree)/host-fuzz/fuzz-layout $(objtree)/host-fuzz/fuzz-image

# The pictures the docs show (docs/config.md), one per example layout,
# redrawn by the build whenever the compiler or a layout changes; the
# gen-svg-docs test fails while a redrawn one is not committed.
doc_pictures := $(patsubst $(srctree)/configs/qemu-virt-%.yaml,$(srctree)/docs/layout-%.svg,\
	$(wildcard $(srctree)/configs/qemu-virt-*.yaml))
$(srctree)/docs/layout-%.svg: $(srctree)/configs/qemu-virt-%.yaml $(srctree)/platform/qemu-virt/board.yaml \
		$(objtree)/host/bulkhead
	$(quiet) SVG $(patsubst $(srctree)/%,%,$@)
	@mkdir -p $(objtree)/docs
	$(Q)$(objtree)/host/bulkhead layout $< --board $(srctree)/platform/qemu-virt/board.yaml \
		--svg $(objtree)/docs/$(notdir $@) >/dev/null 2>$(objtree)/docs/$(notdir $@).log || \
		{ cat $(objtree)/docs/$(notdir $@).log; exit 1; }
	$(Q)cp $(objtree)/docs/$(notdir $@) $@

host-tools: $(doc_pictures)
