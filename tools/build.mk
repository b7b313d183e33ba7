# How the hypervisor image is built from core/, core/arch/$(ARCH)/ and
# platform/$(PLATFORM)/. Included only when a configuration exists.

CROSS_COMPILE ?= aarch64-linux-gnu-
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
SIZE    := $(CROSS_COMPILE)size
HOSTCC  ?= gcc
HOSTCFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g
HOST_SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

ARCH     := $(patsubst "%",%,$(CONFIG_ARCH))
PLATFORM := $(patsubst "%",%,$(CONFIG_PLATFORM))

hv_dirs := core core/lib core/drivers core/arch/$(ARCH) platform/$(PLATFORM)
ifdef CONFIG_SIGNED_IMAGES
hv_dirs += core/crypto
endif
hv_srcs := $(filter-out %.lds.S,$(foreach d,$(hv_dirs),$(wildcard $(srctree)/$(d)/*.c $(srctree)/$(d)/*.S)))
hv_objs := $(patsubst $(srctree)/%,$(objtree)/hv/%.o,$(hv_srcs)) $(objtree)/hv/gen/tables.c.o

# The layout tables: generated from CONFIG_LAYOUT by the layout compiler.
TABLES_C := $(objtree)/gen/tables.c

HV_CFLAGS := -std=c11 -Wall -Wextra -Werror -Wshadow -Wconversion -Wsign-conversion \
	-O2 -g -ffreestanding -fno-builtin -nostdinc -fno-common -fno-pie \
	-fno-stack-protector -mgeneral-regs-only -mstrict-align -mno-outline-atomics \
	-isystem $(shell $(CC) -print-file-name=include) \
	-include $(objtree)/include/generated/autoconf.h \
	-I$(srctree)/core/include -I$(srctree)/core/arch/$(ARCH)/include \
	-I$(srctree)/platform/$(PLATFORM) -I$(objtree)/include
HV_ASFLAGS := -D__ASSEMBLY__ $(filter-out -std=c11,$(HV_CFLAGS))
HV_LDFLAGS := -nostdlib -static -no-pie --gc-sections -z noexecstack \
	-T $(objtree)/hv/linker.ld
hv_libs :=
BULKHEAD_IMAGE := $(objtree)/host/bulkhead-image

include $(srctree)/tools/crypto/crypto.mk

.PHONY: all hypervisor appliance
all: appliance host-tools
hypervisor: $(objtree)/bulkhead.elf $(objtree)/bulkhead.bin
appliance: $(objtree)/appliance.img

# Every object depends on the configuration symbols its sources read, not on
# all of autoconf.h: tools/fixdep.sh rewrites the compiler's dependency file.
define compile
	$(quiet) $(1) $(patsubst $(objtree)/%,%,$(patsubst $(srctree)/%,%,$<))
	@mkdir -p $(dir $@)
	$(Q)$(2) -MD -MP -MF $@.d.raw -c -o $@ $<
	$(Q)$(srctree)/tools/fixdep.sh $@.d.raw $(objtree) > $@.d && rm -f $@.d.raw
endef

# Changed compiler flags rebuild everything they apply to; the stamp file
# changes only when the flags do.
$(objtree)/hv/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(HV_CFLAGS) | $(LD) $(HV_LDFLAGS)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(objtree)/hv/%.c.o: $(srctree)/%.c $(objtree)/hv/.flags | $(objtree)/include/generated/autoconf.h \
		$(objtree)/include/generated/version.h
	$(call compile,CC,$(CC) $(HV_CFLAGS))

$(objtree)/hv/gen/tables.c.o: $(TABLES_C) $(objtree)/hv/.flags | $(objtree)/include/generated/autoconf.h
	$(call compile,CC,$(CC) $(HV_CFLAGS))

$(objtree)/hv/%.S.o: $(srctree)/%.S $(objtree)/hv/.flags | $(objtree)/include/generated/autoconf.h
	$(call compile,AS,$(CC) $(HV_ASFLAGS))

$(objtree)/hv/linker.ld: $(srctree)/core/arch/$(ARCH)/hypervisor.lds.S | $(objtree)/include/generated/autoconf.h
	$(quiet) CPP $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -D__ASSEMBLY__ -D__LINKER__ $(HV_ASFLAGS) -MD -MP -MT $@ -MF $@.d.raw -o $@ $<
	$(Q)$(srctree)/tools/fixdep.sh $@.d.raw $(objtree) > $@.d && rm -f $@.d.raw

$(objtree)/bulkhead.elf: $(hv_objs) $(hv_libs) $(objtree)/hv/linker.ld $(objtree)/hv/.flags
	$(quiet) LD $(patsubst $(objtree)/%,%,$@)
	$(Q)$(LD) $(HV_LDFLAGS) -Map=$(objtree)/bulkhead.map -o $@ $(hv_objs) $(hv_libs)
	$(Q)$(SIZE) $@ | awk 'NR==2 { printf "  %-8s text %d, data %d, bss %d bytes\n", "SIZE", $$1, $$2, $$3 }'

$(objtree)/bulkhead.bin: $(objtree)/bulkhead.elf
	$(quiet) OBJCOPY $(patsubst $(objtree)/%,%,$@)
	$(Q)$(OBJCOPY) -O binary $< $@

# The version header changes only when the version or git revision does,
# so an unchanged tree does not relink.
git_rev := $(shell git -C $(srctree) rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
git_dirty := $(shell git -C $(srctree) diff --quiet HEAD -- 2>/dev/null || echo -dirty)
version_text := \#define BULKHEAD_VERSION "$(BULKHEAD_VERSION)"\n\#define BULKHEAD_GIT_REV "$(git_rev)$(git_dirty)"
$(objtree)/include/generated/version.h: FORCE
	@mkdir -p $(dir $@)
	@printf '$(version_text)\n' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

.PHONY: FORCE
FORCE:

include $(srctree)/gen/gen.mk
include $(srctree)/tools/appliance.mk
include $(srctree)/tools/linux/linux.mk
include $(srctree)/tests/guests/guests.mk
include $(srctree)/tools/image/image.mk
include $(srctree)/tools/run.mk
include $(srctree)/tests/tests.mk
include $(srctree)/tests/bench/bench.mk

-include $(foreach o,$(hv_objs) $(objtree)/hv/linker.ld,$(o).d)
