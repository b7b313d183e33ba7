# Test guests: small bare-metal EL1 programs, one per folder of
# tests/guests/ (other than runtime/), each linked with the runtime into
# $(objtree)/guests/NAME.elf and flattened into NAME.bin for a partition.
#
# Expects srctree, objtree, Q and quiet from the including Makefile.
#   GUEST_LOAD_ADDR       link address (default 0x40000000)
#   GUEST_DEFINES_<name>  extra -D flags for one guest's own sources,
#                         e.g. GUEST_DEFINES_attacker='-DATTACK_VICTIM_RAM=0x60000000'

CROSS_COMPILE ?= aarch64-linux-gnu-
GUEST_LOAD_ADDR ?= 0x40000000

guest_dir := $(srctree)/tests/guests
guest_out := $(objtree)/guests
GUEST_CC := $(CROSS_COMPILE)gcc
GUEST_LD := $(CROSS_COMPILE)ld
GUEST_OBJCOPY := $(CROSS_COMPILE)objcopy
# The runtime's headers come first: core/include has headers of the same
# names (console.h, hypercall.h) that belong to the hypervisor.
GUEST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -nostdlib -fno-builtin \
	-nostdinc -isystem $(shell $(GUEST_CC) -print-file-name=include) \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -fno-pie -fno-stack-protector \
	-I$(guest_dir)/runtime/include -I$(srctree)/core/include
GUEST_LDFLAGS := -nostdlib -static -no-pie --no-warn-rwx-segments -T $(guest_out)/guest.lds

guest_names := $(sort $(notdir $(patsubst %/,%,$(filter-out %/runtime/,$(wildcard $(guest_dir)/*/)))))
guest_runtime_srcs := $(wildcard $(guest_dir)/runtime/*.c $(guest_dir)/runtime/*.S) \
	$(srctree)/core/lib/format.c
guest_runtime_srcs := $(filter-out %/guest_name.c %/guest.lds.S,$(guest_runtime_srcs))

guest_objs = $(patsubst $(srctree)/%,$(guest_out)/obj/%.o,$(1))

# Changed flags or link address rebuild every guest object; a guest's
# changed defines rebuild that guest's own objects only.
$(guest_out)/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) $(GUEST_LOAD_ADDR)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(guest_out)/.defines-%: FORCE
	@mkdir -p $(dir $@)
	@echo '$(GUEST_DEFINES_$*)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(guest_out)/guest.lds: $(guest_dir)/runtime/guest.lds.S $(guest_out)/.flags
	$(quiet) LDS $(patsubst $(objtree)/%,%,$@)
	$(Q)$(GUEST_CC) -E -P -x assembler-with-cpp -MMD -MP -MT $@ -MF $@.d \
		-I$(guest_dir)/runtime/include -DGUEST_LOAD_ADDR=$(GUEST_LOAD_ADDR) -o $@ $<

$(guest_out)/obj/%.c.o: $(srctree)/%.c $(guest_out)/.flags
	$(quiet) CC $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) $(guest_defines) -MMD -MP -c -o $@ $<

$(guest_out)/obj/%.S.o: $(srctree)/%.S $(guest_out)/.flags
	$(quiet) AS $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

# Per guest: its own objects (with its defines), its name, the link, the flat binary.
define guest_rule
guest_$(1)_objs := $(call guest_objs,$(wildcard $(guest_dir)/$(1)/*.c $(guest_dir)/$(1)/*.S))
$$(guest_$(1)_objs): guest_defines := $$(GUEST_DEFINES_$(1))
$$(guest_$(1)_objs): $(guest_out)/.defines-$(1)

$(guest_out)/obj/$(1)/guest_name.o: $(guest_dir)/runtime/guest_name.c $(guest_out)/.flags
	$$(quiet) CC $$(patsubst $$(objtree)/%,%,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(GUEST_CC) $$(GUEST_CFLAGS) -DGUEST_NAME='"$(1)"' -MMD -MP -c -o $$@ $$<

$(guest_out)/$(1).elf: $$(guest_$(1)_objs) $(guest_out)/obj/$(1)/guest_name.o \
		$(call guest_objs,$(guest_runtime_srcs)) $(guest_out)/guest.lds
	$$(quiet) LD $$(patsubst $$(objtree)/%,%,$$@)
	$$(Q)$$(GUEST_LD) $$(GUEST_LDFLAGS) -o $$@ $$(filter %.o,$$^)

$(guest_out)/$(1).bin: $(guest_out)/$(1).elf
	$$(quiet) OBJCOPY $$(patsubst $$(objtree)/%,%,$$@)
	$$(Q)$$(GUEST_OBJCOPY) -O binary $$< $$@
endef
$(foreach g,$(guest_names),$(eval $(call guest_rule,$(g))))

.PHONY: guests
guests: $(foreach g,$(guest_names),$(guest_out)/$(g).bin $(guest_out)/$(g).elf)

-include $(shell find $(guest_out) -name '*.d' 2>/dev/null)
