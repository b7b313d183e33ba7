# Kconfig targets, using Debian's kconfig-frontends (kconfig-conf, -mconf).
#
# kconfig-conf writes the split per-symbol files include/config/*.h and
# autoconf.h relative to its working directory, so it always runs in the
# output tree; `source` lines in Kconfig resolve through $srctree.

DEFAULT_DEFCONFIG := qemu-virt_defconfig
KCONFIG_CONF  := kconfig-conf
KCONFIG_MCONF := kconfig-mconf
KCONF_ENV := srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG) \
	KCONFIG_AUTOCONFIG=$(objtree)/include/config/auto.conf \
	KCONFIG_AUTOHEADER=$(objtree)/include/generated/autoconf.h
KCONFIG_FILES := $(srctree)/Kconfig $(wildcard $(srctree)/*/Kconfig $(srctree)/*/*/Kconfig)

kconfig_run = mkdir -p $(objtree)/include/config $(objtree)/include/generated && \
	cd $(objtree) && $(KCONF_ENV)

.PHONY: menuconfig defconfig olddefconfig savedefconfig
menuconfig: | kconfig-tools
	$(Q)$(kconfig_run) $(KCONFIG_MCONF) $(srctree)/Kconfig

%_defconfig: | kconfig-tools
	$(Q)test -f $(srctree)/configs/$@ || { echo "*** no configs/$@ (see make help)" >&2; exit 1; }
	$(Q)$(kconfig_run) $(KCONFIG_CONF) -s --defconfig=$(srctree)/configs/$@ $(srctree)/Kconfig
	@echo '*** configuration written to $(KCONFIG_CONFIG)'

defconfig: $(DEFAULT_DEFCONFIG)

olddefconfig: | kconfig-tools
	$(Q)$(kconfig_run) $(KCONFIG_CONF) -s --olddefconfig $(srctree)/Kconfig

savedefconfig: | kconfig-tools
	$(Q)$(kconfig_run) $(KCONFIG_CONF) --savedefconfig=$(objtree)/defconfig $(srctree)/Kconfig
	@echo '*** minimal configuration written to $(objtree)/defconfig'

# auto.conf (the make fragment) and autoconf.h follow .config and every
# Kconfig file. New symbols take their defaults first, so the silent
# update never stops to ask.
$(objtree)/include/config/auto.conf $(objtree)/include/generated/autoconf.h: \
		$(KCONFIG_CONFIG) $(KCONFIG_FILES)
	$(quiet) KCONFIG $(KCONFIG_CONFIG)
	$(Q)$(kconfig_run) $(KCONFIG_CONF) -s --olddefconfig $(srctree)/Kconfig </dev/null
	$(Q)$(kconfig_run) $(KCONFIG_CONF) -s --silentoldconfig $(srctree)/Kconfig </dev/null
	$(Q)touch $(objtree)/include/config/auto.conf $(objtree)/include/generated/autoconf.h

.PHONY: kconfig-tools
kconfig-tools:
	@command -v $(KCONFIG_CONF) >/dev/null && command -v $(KCONFIG_MCONF) >/dev/null || \
	  $(srctree)/tools/setup-deps.sh
