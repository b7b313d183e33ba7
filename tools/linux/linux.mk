# The Linux root partition's images: the kernel CONFIG_ROOT_KERNEL_* chooses
# (Debian's stock or PREEMPT_RT kernel, or your own) and an initramfs of
# busybox, tests/linux/init and that kernel's own modules, built into
# $(objtree)/linux/ where the layout compiler looks for images. Only
# layouts that name them make the build fetch them.

ARM64_CACHE ?= $(HOME)/.cache/bulkhead/arm64
LINUX_DIR := $(objtree)/linux
# busybox comes with the stock kernel's fetch, whichever kernel is chosen.
BUSYBOX_FETCHED := $(ARM64_CACHE)/root/.unpacked

$(ARM64_CACHE)/root/.unpacked:
	$(quiet) FETCH "arm64 kernel and busybox (Debian packages)"
	$(Q)$(srctree)/tools/linux/fetch-arm64.sh $(ARM64_CACHE) stock
$(ARM64_CACHE)/rt/root/.unpacked:
	$(quiet) FETCH "arm64 PREEMPT_RT kernel (Debian package)"
	$(Q)$(srctree)/tools/linux/fetch-arm64.sh $(ARM64_CACHE)/rt rt

# Modules /init loads, in order (tests/linux/init lists them too): the
# virtio-mmio transport, the virtio-pci one (the root's disk is a
# virtio-blk-pci device) after the two libraries it needs, and the block
# driver. A kernel that has one built in needs no module for it.
LINUX_MODULES := virtio_mmio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk

# ROOT_KERNEL_IMAGE: the Image to copy (a file, or for a Debian package a
# glob resolved once it is fetched); ROOT_KERNEL_MODULES: the directory
# holding its lib/modules/VERSION; ROOT_KERNEL_INPUTS: what they come from.
config_path = $(if $(filter /%,$(1)),$(1),$(if $(1),$(abspath $(srctree)/$(1))))
ifdef CONFIG_ROOT_KERNEL_CUSTOM
ROOT_KERNEL_IMAGE := $(call config_path,$(patsubst "%",%,$(CONFIG_ROOT_KERNEL_IMAGE)))
ROOT_KERNEL_MODULES := $(call config_path,$(patsubst "%",%,$(CONFIG_ROOT_KERNEL_MODULES)))
ROOT_KERNEL_INPUTS := $(or $(ROOT_KERNEL_IMAGE),missing-root-kernel-image) $(if $(ROOT_KERNEL_MODULES),$(shell find $(ROOT_KERNEL_MODULES)/lib/modules \
	$(patsubst %,-name %.ko -o,$(LINUX_MODULES)) -false 2>/dev/null))
ifeq ($(ROOT_KERNEL_IMAGE),)
missing-root-kernel-image:
	@echo "*** CONFIG_ROOT_KERNEL_CUSTOM needs your Image as CONFIG_ROOT_KERNEL_IMAGE (make menuconfig: Partitions)" >&2
	@exit 1
else ifeq ($(wildcard $(ROOT_KERNEL_IMAGE)),)
$(ROOT_KERNEL_IMAGE):
	@echo "*** CONFIG_ROOT_KERNEL_IMAGE names $(ROOT_KERNEL_IMAGE), which does not exist (make menuconfig: Partitions)" >&2
	@exit 1
endif
else
ROOT_KERNEL_MODULES := $(ARM64_CACHE)$(if $(CONFIG_ROOT_KERNEL_RT),/rt)/root
ROOT_KERNEL_IMAGE := $(ROOT_KERNEL_MODULES)/boot/vmlinuz-*-arm64
ROOT_KERNEL_INPUTS := $(ROOT_KERNEL_MODULES)/.unpacked
endif

# Which kernel, so that choosing another copies it even when it is older.
$(LINUX_DIR)/kernel.stamp: FORCE
	$(call stamp,$(ROOT_KERNEL_IMAGE) $(ROOT_KERNEL_MODULES))

$(LINUX_DIR)/Image: $(ROOT_KERNEL_INPUTS) $(LINUX_DIR)/kernel.stamp
	$(quiet) COPY $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)cp $$(ls $(ROOT_KERNEL_IMAGE) | head -n 1) $@

# Target tools: static aarch64 programs the root partition runs. A tool
# names the other sources it needs in a "// sources: ..." line.
TARGET_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -static -idirafter $(srctree)/core/include
target_sources = $(addprefix $(srctree)/,$(shell sed -n 's|^// sources: ||p' $(1)))
.SECONDEXPANSION:
$(objtree)/target/%: $(srctree)/tools/target/%.c $$(call target_sources,$(srctree)/tools/target/%.c) \
		$(wildcard $(srctree)/tools/target/lib/*.h) $(addprefix $(srctree)/core/include/,control_abi.h \
		hypercall_abi.h channel_ring.h event_log.h)
	$(quiet) CC $(patsubst $(srctree)/%,%,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_COMPILE)gcc $(TARGET_CFLAGS) -o $@ $(filter %.c,$^)

target_tools := $(patsubst $(srctree)/tools/target/%.c,$(objtree)/target/%,$(wildcard $(srctree)/tools/target/*.c))

$(LINUX_DIR)/initramfs.cpio.gz: $(LINUX_DIR)/Image $(ROOT_KERNEL_INPUTS) $(BUSYBOX_FETCHED) \
		$(srctree)/tools/linux/mkinitramfs.sh $(srctree)/tests/linux/init \
		$(srctree)/tests/linux/control-test $(target_tools)
	$(quiet) CPIO $(patsubst $(objtree)/%,%,$@)
	$(Q)$(srctree)/tools/linux/mkinitramfs.sh $@ $(LINUX_DIR)/Image "$(ROOT_KERNEL_MODULES)" "$(LINUX_MODULES)" \
		$(ARM64_CACHE)/root/bin/busybox $(srctree)/tests/linux/init $(target_tools) $(srctree)/tests/linux/control-test

# Fetched only for layouts that boot Linux.
ifneq ($(shell grep -l 'kernel: *Image' $(LAYOUT_FILE) 2>/dev/null),)
$(GEN_DIR)/tables.c: $(LINUX_DIR)/Image $(LINUX_DIR)/initramfs.cpio.gz
endif

# A Linux partition beside the root (configs/qemu-virt-linux-pair.yaml):
# the same kernel, its own /init (tests/linux/partition-init) and the
# modules of a PCIe disk.
PARTITION_MODULES := virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk
$(LINUX_DIR)/partition-initramfs.cpio.gz: $(LINUX_DIR)/Image $(ROOT_KERNEL_INPUTS) $(BUSYBOX_FETCHED) \
		$(srctree)/tools/linux/mkinitramfs.sh $(srctree)/tests/linux/partition-init $(objtree)/target/bootcount
	$(quiet) CPIO $(patsubst $(objtree)/%,%,$@)
	$(Q)$(srctree)/tools/linux/mkinitramfs.sh $@ $(LINUX_DIR)/Image "$(ROOT_KERNEL_MODULES)" "$(PARTITION_MODULES)" \
		$(ARM64_CACHE)/root/bin/busybox $(srctree)/tests/linux/partition-init $(objtree)/target/bootcount

ifneq ($(shell grep -l 'initrd: *partition-initramfs.cpio.gz' $(LAYOUT_FILE) 2>/dev/null),)
$(GEN_DIR)/tables.c: $(LINUX_DIR)/partition-initramfs.cpio.gz
endif
