# Signature verification in the hypervisor (CONFIG_SIGNED_IMAGES): Debian's
# arm64 libmbedcrypto.a, fetched through multiarch, linked as it is; and
# the public key, built in as generated/signing_key.h. Without
# CONFIG_SIGNING_KEY the build makes a development key pair in
# $(objtree)/keys and signs with it.

ARM64_CACHE ?= $(HOME)/.cache/bulkhead/arm64
MBEDTLS_ARM64 := $(ARM64_CACHE)/mbedtls/root
MBEDCRYPTO_A := $(MBEDTLS_ARM64)/usr/lib/aarch64-linux-gnu/libmbedcrypto.a

signing_key_config := $(patsubst "%",%,$(CONFIG_SIGNING_KEY))
ifeq ($(signing_key_config),)
  SIGNING_PUBLIC_KEY := $(objtree)/keys/development.pub.pem
  SIGNING_PRIVATE_KEY ?= $(objtree)/keys/development.pem
  signing_key_is_development := 1
else
  SIGNING_PUBLIC_KEY := $(if $(filter /%,$(signing_key_config)),$(signing_key_config),$(srctree)/$(signing_key_config))
  SIGNING_PRIVATE_KEY ?=
  signing_key_is_development := 0
endif

ifdef CONFIG_SIGNED_IMAGES
hv_libs += $(MBEDCRYPTO_A) $(shell $(CC) -print-libgcc-file-name)

$(MBEDTLS_ARM64)/.unpacked:
	$(quiet) FETCH arm64 libmbedtls-dev
	$(Q)$(srctree)/tools/crypto/fetch-arm64-mbedtls.sh $(ARM64_CACHE)/mbedtls
$(MBEDCRYPTO_A): $(MBEDTLS_ARM64)/.unpacked

# The library's headers, and the bits of <stdio.h> they name.
$(objtree)/hv/core/crypto/%.c.o: HV_CFLAGS += -isystem $(srctree)/core/crypto/libc -isystem $(MBEDTLS_ARM64)/usr/include
$(filter $(objtree)/hv/core/crypto/%,$(hv_objs)): | $(MBEDTLS_ARM64)/.unpacked \
	$(objtree)/include/generated/signing_key.h

$(objtree)/keys/development.pem: $(BULKHEAD_IMAGE)
	$(quiet) KEYGEN '$(patsubst $(objtree)/%,%,$@) (a development key: set CONFIG_SIGNING_KEY for real images)'
	@mkdir -p $(dir $@)
	$(Q)$(BULKHEAD_IMAGE) keygen -o $(objtree)/keys/development
$(objtree)/keys/development.pub.pem: $(objtree)/keys/development.pem
	@test -f $@

$(objtree)/include/generated/signing_key.h: $(SIGNING_PUBLIC_KEY) $(BULKHEAD_IMAGE)
	$(quiet) KEY $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(BULKHEAD_IMAGE) export-key --c-header $< > $@.tmp
	$(Q)echo '#define SIGNING_KEY_IS_DEVELOPMENT $(signing_key_is_development)' >> $@.tmp
	$(Q)mv $@.tmp $@
endif
