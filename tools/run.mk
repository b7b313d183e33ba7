# make run: boot the default build (or IMAGE=FILE) in QEMU on this terminal,
# with QEMU_ARGS='...' added to QEMU's command line (a disk, a device).
# The root's disk, DISK=FILE (default $(objtree)/disk.img, made once, 16
# MiB), is a virtio-blk-pci device: on PCIe, so its DMA goes through the
# SMMU; DISK= boots without it.

strip_quotes = $(patsubst "%",%,$(1))
DISK ?= $(objtree)/disk.img
QEMU_RUN := $(srctree)/tools/qemu-run.sh --cpus $(CONFIG_NR_CPUS) \
	--ram $(CONFIG_QEMU_RAM_MB) --cpu $(call strip_quotes,$(CONFIG_QEMU_CPU)) \
	$(if $(DISK),--disk $(abspath $(DISK)))

# Made once and then the user's: a rebuild never overwrites what the root wrote.
$(objtree)/disk.img:
	$(quiet) DISK $(patsubst $(objtree)/%,%,$@)
	$(Q)truncate -s 16M $@.tmp && printf 'bulkhead root disk: 16 MiB, yours to write\n' | \
		dd of=$@.tmp conv=notrunc status=none && mv $@.tmp $@

.PHONY: run
ifdef IMAGE
run: $(filter $(objtree)/disk.img,$(DISK))
	$(Q)$(QEMU_RUN) $(abspath $(IMAGE)) -- $(QEMU_ARGS)
else
run: appliance $(filter $(objtree)/disk.img,$(DISK))
	$(Q)$(QEMU_RUN) $(objtree)/appliance.img -- $(QEMU_ARGS)
endif
