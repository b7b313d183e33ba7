# Bulkhead top-level Makefile.
#
#   make [O=dir] [V=1] <target>      `make help` lists the targets.
#
# In-tree builds keep .config at the top and products under build/; with
# O=dir both live in dir and the source tree is never written.

BULKHEAD_VERSION := 0.1.0

MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.SUFFIXES:
.DEFAULT_GOAL := all

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ifeq ($(origin O),command line)
  objtree := $(abspath $(O))
  KCONFIG_CONFIG := $(objtree)/.config
else
  objtree := $(srctree)/build
  KCONFIG_CONFIG := $(srctree)/.config
endif

ifeq ($(V),1)
  Q :=
  quiet := @true
else
  Q := @
  quiet := @printf '  %-8s %s\n'
endif

export srctree objtree KCONFIG_CONFIG

include $(srctree)/tools/kconfig.mk

# Targets that only edit the configuration, or clean, must not need one.
no_config_goals := help clean distclean menuconfig defconfig olddefconfig \
	savedefconfig %_defconfig deps
config_goals := $(filter-out $(no_config_goals),$(or $(MAKECMDGOALS),all))
config_goals := $(filter-out %_defconfig,$(config_goals))

ifneq ($(config_goals),)
  # A fresh machine is set up by the build itself (Debian packages only).
  ifneq ($(shell $(srctree)/tools/setup-deps.sh >&2; echo $$?),0)
    $(error missing dependencies: see the message above)
  endif
  # A fresh checkout builds the default configuration.
  ifeq ($(wildcard $(KCONFIG_CONFIG)),)
    $(info *** No configuration at $(KCONFIG_CONFIG): using configs/$(DEFAULT_DEFCONFIG))
    $(shell mkdir -p $(objtree) && cd $(objtree) && $(KCONF_ENV) $(KCONFIG_CONF) -s \
	--defconfig=$(srctree)/configs/$(DEFAULT_DEFCONFIG) $(srctree)/Kconfig >/dev/null)
  endif
  -include $(objtree)/include/config/auto.conf
  include $(srctree)/tools/build.mk
endif

.PHONY: help
help:
	@echo 'Bulkhead $(BULKHEAD_VERSION) - make targets'
	@echo ''
	@echo '  all              build the hypervisor image and the host tools (default)'
	@echo '  run              build, then boot it in QEMU on this terminal (Ctrl-A X quits)'
	@echo '  run IMAGE=FILE   boot FILE instead, with the same QEMU command line'
	@echo "  run QEMU_ARGS='...'  add to QEMU's command line (a device)"
	@echo '  run DISK=FILE    the root'"'"'s virtio-blk-pci disk (default build/disk.img; DISK= none)'
	@echo '  test             install missing dependencies, build, run every test'
	@echo '  test TESTS=GLOB  run only the tests whose names match GLOB'
	@echo '  bench            run the benchmarks beside Xen and natively, print the table'
	@echo '  deps             install the Debian packages the build and tests need'
	@echo ''
	@echo 'Configuration (Kconfig):'
	@echo '  menuconfig       edit .config in a terminal menu'
	@echo '  <board>_defconfig  start from configs/<board>_defconfig:'
	@$(foreach d,$(notdir $(wildcard $(srctree)/configs/*_defconfig)),echo '                     $(d)';)
	@echo '  defconfig        start from configs/$(DEFAULT_DEFCONFIG)'
	@echo '  olddefconfig     update .config, new options at their defaults'
	@echo '  savedefconfig    write the minimal configuration to $$(O)/defconfig'
	@echo ''
	@echo 'Cleaning:'
	@echo '  clean            remove build products, keep .config'
	@echo '  distclean        remove build products and .config'
	@echo ''
	@echo 'Options: O=dir (build out of tree), V=1 (show full command lines)'

.PHONY: clean distclean
clean:
	$(quiet) CLEAN $(objtree)
	$(Q)if [ "$(objtree)" = "$(srctree)/build" ]; then rm -rf $(objtree); \
	else find $(objtree) -mindepth 1 -maxdepth 1 ! -name .config ! -name .config.old \
	     -exec rm -rf {} +; fi

distclean: clean
	$(Q)rm -f $(KCONFIG_CONFIG) $(KCONFIG_CONFIG).old
	$(Q)if [ "$(objtree)" != "$(srctree)/build" ]; then rm -rf $(objtree); fi

.PHONY: deps
deps:
	$(Q)$(srctree)/tools/setup-deps.sh
