# make run: boot the default build (or IMAGE=FILE) in QEMU on this terminal,
# with QEMU_ARGS='...' added to QEMU's command line (a disk, a device).

strip_quotes = $(patsubst "%",%,$(1))
QEMU_RUN := $(srctree)/tools/qemu-run.sh --cpus $(CONFIG_NR_CPUS) \
	--ram $(CONFIG_QEMU_RAM_MB) --cpu $(call strip_quotes,$(CONFIG_QEMU_CPU))

.PHONY: run
ifdef IMAGE
run:
	$(Q)$(QEMU_RUN) $(abspath $(IMAGE)) -- $(QEMU_ARGS)
else
run: appliance
	$(Q)$(QEMU_RUN) $(objtree)/appliance.img -- $(QEMU_ARGS)
endif
