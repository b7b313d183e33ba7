# make test: dependencies, every build product, then tests/run.sh.


unit_tests := $(patsubst $(srctree)/tests/unit/%.c,$(objtree)/host-san/tests/unit/%,\
	$(wildcard $(srctree)/tests/unit/test_*.c))

# Each unit test names the core/ sources it exercises in a "// tests: ..." line,
# the host libraries it compares them with in a "// libs: ..." line, and the
# configuration they are built with in a "// defines: ..." line.
unit_sources = $(addprefix $(srctree)/,$(shell sed -n 's|^// tests: ||p' $(1)))
unit_libs = $(shell sed -n 's|^// libs: ||p' $(1))
unit_defines = $(shell sed -n 's|^// defines: ||p' $(1))

.SECONDEXPANSION:
$(objtree)/host-san/tests/unit/%: $(srctree)/tests/unit/%.c \
		$$(call unit_sources,$(srctree)/tests/unit/%.c) $(srctree)/tests/unit/unit.h
	$(quiet) HOSTCC $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(HOST_SANFLAGS) -D_POSIX_C_SOURCE=200809L -idirafter $(srctree)/core/include \
		-idirafter $(srctree)/core/arch/$(ARCH)/include -I$(srctree)/gen \
		-I$(srctree)/tests/unit $(call unit_defines,$<) -o $@ $(filter %.c,$^) $(call unit_libs,$<)

.PHONY: test test-build
test-build: all $(unit_tests) $(objtree)/host-san/bulkhead-image $(objtree)/host-fuzz/fuzz-layout \
	$(objtree)/host-fuzz/fuzz-image

test: test-build
	$(Q)$(srctree)/tests/run.sh $(srctree) $(objtree) '$(or $(TESTS),*)'
