# From the layout to the bootable appliance: the board's device tree as
# QEMU builds it for this configuration, the layout compiled into tables
# and partition device trees, the test guests the layouts boot, and the
# boot artifact that packs them all.

LAYOUT_FILE := $(abspath $(srctree)/$(patsubst "%",%,$(CONFIG_LAYOUT)))
ifneq ($(filter /%,$(patsubst "%",%,$(CONFIG_LAYOUT))),)
  LAYOUT_FILE := $(patsubst "%",%,$(CONFIG_LAYOUT))
endif
# A layout that does not exist is a configuration error, said plainly.
ifeq ($(wildcard $(LAYOUT_FILE)),)
$(LAYOUT_FILE):
	@echo "*** CONFIG_LAYOUT names $(LAYOUT_FILE), which does not exist (make menuconfig: Partitions)" >&2
	@exit 1
endif
BOARD_FILE := $(srctree)/platform/$(PLATFORM)/board.yaml
GEN_DIR := $(objtree)/gen
BULKHEAD := $(objtree)/host/bulkhead
# Where the layout's test guests are found. Given (GUEST_IMAGES=DIR, as the
# QEMU tests give the guests `make test` built once), none is built here.
ifeq ($(GUEST_IMAGES),)
guest_images := $(objtree)/guests
guest_images_built := guests
else
guest_images := $(GUEST_IMAGES)
endif

GEN_FLAGS = --board $(BOARD_FILE) --board-dtb $(GEN_DIR)/board.dtb --images $(guest_images) --images $(objtree)/linux \
	--ram-size $(CONFIG_QEMU_RAM_MB)M --cpus $(CONFIG_NR_CPUS) \
	--max-partitions $(CONFIG_MAX_PARTITIONS) --max-vcpus $(CONFIG_MAX_VCPUS)

QEMU_MACHINE := virt,virtualization=on,gic-version=3,iommu=smmuv3
QEMU_MACHINE_ARGS := -cpu $(patsubst "%",%,$(CONFIG_QEMU_CPU)) -smp $(CONFIG_NR_CPUS) -m $(CONFIG_QEMU_RAM_MB)

# Stamps that change only when what they record does, so that editing an
# unrelated option regenerates nothing.
define stamp
	@mkdir -p $(dir $@)
	@echo '$(1)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
endef
$(GEN_DIR)/machine.stamp: FORCE
	$(call stamp,$(QEMU_MACHINE_ARGS))
# Which layout and which compiler, too: a layout chosen after a build is
# usually older than the tables, so its timestamp alone would not be seen.
$(GEN_DIR)/gen.stamp: FORCE
	$(call stamp,$(LAYOUT_FILE) $(BULKHEAD) $(GEN_FLAGS))

# QEMU's own description of the machine this configuration runs on.
$(GEN_DIR)/board.dtb: $(GEN_DIR)/machine.stamp
	$(quiet) DUMPDTB $(patsubst $(objtree)/%,%,$@)
	$(Q)qemu-system-aarch64 -M $(QEMU_MACHINE),dumpdtb=$@ $(QEMU_MACHINE_ARGS) -nographic >/dev/null 2>&1 </dev/null || \
	  { echo "*** qemu-system-aarch64 could not describe the machine" >&2; exit 1; }

$(GEN_DIR)/tables.c: $(LAYOUT_FILE) $(BOARD_FILE) $(GEN_DIR)/board.dtb $(BULKHEAD) \
		$(GEN_DIR)/gen.stamp | $(guest_images_built)
	$(quiet) GEN $(patsubst $(srctree)/%,%,$(LAYOUT_FILE))
	$(Q)$(BULKHEAD) gen $(LAYOUT_FILE) $(GEN_FLAGS) -o $(GEN_DIR)

$(GEN_DIR)/components.txt: $(GEN_DIR)/tables.c

-include $(GEN_DIR)/tables.d

# Signed with the private key of CONFIG_SIGNING_KEY (given as
# SIGNING_PRIVATE_KEY=FILE, never stored in .config), or the development key.
ifdef CONFIG_SIGNED_IMAGES
image_sign_args = sign --key $(SIGNING_PRIVATE_KEY)
image_key_deps := $(SIGNING_PRIVATE_KEY)
ifeq ($(SIGNING_PRIVATE_KEY),)
image_key_deps := missing-private-key
.PHONY: missing-private-key
missing-private-key:
	@echo "*** CONFIG_SIGNING_KEY is $(signing_key_config): give its private key as" \
		"make SIGNING_PRIVATE_KEY=FILE, or sign the image with bulkhead-image sign" >&2
	@exit 1
endif
else
image_sign_args = pack
image_key_deps :=
endif

$(objtree)/appliance.img: $(objtree)/bulkhead.elf $(GEN_DIR)/components.txt $(BULKHEAD_IMAGE) $(image_key_deps) \
		$(objtree)/include/config/auto.conf
	$(quiet) PACK $(patsubst $(objtree)/%,%,$@)
	$(Q)$(BULKHEAD_IMAGE) $(image_sign_args) --hypervisor $(objtree)/bulkhead.elf -o $@ \
		--version $(patsubst "%",%,$(CONFIG_IMAGE_VERSION)) --security-counter $(CONFIG_IMAGE_SECURITY_COUNTER) \
		$$(sed 's/^/--component /' $(GEN_DIR)/components.txt)
	@ls -l $@ | awk '{ printf "  %-8s %s bytes\n", "IMAGE", $$5 }'
	@printf '  %-8s hypervisor memory reserved by the layout: %d MiB\n' LAYOUT \
	  $$(( $$(sed -n 's/.*\.hypervisor_size = \(0x[0-9a-f]*\).*/\1/p' $(GEN_DIR)/tables.c) / 1048576 ))
