# Test guests: small bare-metal EL1 programs linked at the start of their
# partition's RAM, each built from tests/guests/<name>/*.c and the runtime.

GUEST_CC := $(CROSS_COMPILE)gcc
GUEST_CFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell $(GUEST_CC) -print-file-name=include) -mgeneral-regs-only -mstrict-align \
	-mno-outline-atomics -fno-pie -fno-stack-protector \
	-I$(srctree)/tests/guests/runtime/include -I$(srctree)/core/include
GUEST_LDFLAGS := -nostdlib -static -no-pie --no-warn-rwx-segments -T $(srctree)/tests/guests/runtime/guest.lds

guest_names := $(notdir $(patsubst %/,%,$(filter-out %/runtime/,$(wildcard $(srctree)/tests/guests/*/))))
guest_runtime_srcs := $(wildcard $(srctree)/tests/guests/runtime/*.c $(srctree)/tests/guests/runtime/*.S) \
	$(srctree)/core/lib/format.c

guest_objs = $(patsubst $(srctree)/%,$(objtree)/guests/obj/%.o,$(1))

# Changed flags rebuild every guest object.
$(objtree)/guests/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(objtree)/guests/obj/%.c.o: $(srctree)/%.c $(objtree)/guests/.flags
	$(quiet) CC $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

$(objtree)/guests/obj/%.S.o: $(srctree)/%.S $(objtree)/guests/.flags
	$(quiet) AS $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

define guest_rule
$(objtree)/guests/$(1).elf: $(call guest_objs,$(wildcard $(srctree)/tests/guests/$(1)/*.c) $(guest_runtime_srcs)) \
		$(srctree)/tests/guests/runtime/guest.lds
	$$(quiet) LD $$(patsubst $$(objtree)/%,%,$$@)
	$$(Q)$$(CROSS_COMPILE)ld $$(GUEST_LDFLAGS) -o $$@ $$(filter %.o,$$^)

$(objtree)/guests/$(1).bin: $(objtree)/guests/$(1).elf
	$$(Q)$$(CROSS_COMPILE)objcopy -O binary $$< $$@
endef
$(foreach g,$(guest_names),$(eval $(call guest_rule,$(g))))

.PHONY: guests
guests: $(foreach g,$(guest_names),$(objtree)/guests/$(g).bin)

-include $(shell find $(objtree)/guests/obj -name '*.d' 2>/dev/null)
