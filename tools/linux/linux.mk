# The Linux root partition's images: Debian's stock arm64 kernel and an
# initramfs of busybox and tests/linux/init, built into $(objtree)/linux/
# where the layout compiler looks for images. Only layouts that name them
# make the build fetch them.

ARM64_CACHE ?= $(HOME)/.cache/bulkhead/arm64
LINUX_DIR := $(objtree)/linux

$(ARM64_CACHE)/root/.unpacked:
	$(quiet) FETCH "arm64 kernel and busybox (Debian packages)"
	$(Q)$(srctree)/tools/linux/fetch-arm64.sh $(ARM64_CACHE)

$(LINUX_DIR)/Image: $(ARM64_CACHE)/root/.unpacked
	$(quiet) COPY $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)cp $$(ls $(ARM64_CACHE)/root/boot/vmlinuz-*-arm64 | head -n 1) $@

# Modules /init loads, in order: the virtio-mmio transport and the block driver.
LINUX_MODULES := virtio_mmio virtio_blk

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

$(LINUX_DIR)/initramfs.cpio.gz: $(ARM64_CACHE)/root/.unpacked $(srctree)/tests/linux/init \
		$(srctree)/tests/linux/control-test $(target_tools)
	$(quiet) CPIO $(patsubst $(objtree)/%,%,$@)
	$(Q)rm -rf $(LINUX_DIR)/initramfs && mkdir -p $(LINUX_DIR)/initramfs/bin \
		$(LINUX_DIR)/initramfs/proc $(LINUX_DIR)/initramfs/sys $(LINUX_DIR)/initramfs/dev
	$(Q)cp $(ARM64_CACHE)/root/bin/busybox $(LINUX_DIR)/initramfs/bin/busybox
	$(Q)install -m 755 $(srctree)/tests/linux/init $(LINUX_DIR)/initramfs/init
	$(Q)install -m 755 $(target_tools) $(srctree)/tests/linux/control-test $(LINUX_DIR)/initramfs/bin/
	$(Q)mkdir -p $(LINUX_DIR)/initramfs/lib/modules && for m in $(LINUX_MODULES); do \
		cp $$(find $(ARM64_CACHE)/root/lib/modules -name "$$m.ko" | head -n 1) $(LINUX_DIR)/initramfs/lib/modules/ || exit 1; \
	done
	@# The same files make the same archive, byte for byte: times, owners and
	@# inode numbers fixed, names sorted; so a boot's instruction count repeats.
	$(Q)cd $(LINUX_DIR)/initramfs && find . -exec touch -h -d @0 {} + && \
		find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 --reproducible | gzip -9n > $@

# Fetched only for layouts that boot Linux.
ifneq ($(shell grep -l 'kernel: *Image' $(LAYOUT_FILE) 2>/dev/null),)
$(GEN_DIR)/tables.c: $(LINUX_DIR)/Image $(LINUX_DIR)/initramfs.cpio.gz
endif
