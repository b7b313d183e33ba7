# The boot-image tool (host C, mbedtls), built plain and with sanitizers.
# It shares the image checks, SHA-256 and event log with the hypervisor.

image_tool_srcs := $(wildcard $(srctree)/tools/image/*.c) \
	$(addprefix $(srctree)/core/lib/,image_check.c sha256.c event_log.c format.c) \
	$(srctree)/core/crypto/ecdsa_p256.c
image_tool_deps := $(image_tool_srcs) $(wildcard $(srctree)/tools/image/*.h) \
	$(addprefix $(srctree)/core/include/,artifact.h crypto.h image_check.h sha256.h event_log.h layout.h format.h)
IMAGE_TOOL_CFLAGS := $(HOSTCFLAGS) -D_POSIX_C_SOURCE=200809L -idirafter $(srctree)/core/include \
	-I$(srctree)/tools/image

$(objtree)/host/bulkhead-image: $(image_tool_deps)
	$(quiet) HOSTCC $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(IMAGE_TOOL_CFLAGS) -o $@ $(image_tool_srcs) -lmbedcrypto

$(objtree)/host-san/bulkhead-image: $(image_tool_deps)
	$(quiet) HOSTCC $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(IMAGE_TOOL_CFLAGS) $(HOST_SANFLAGS) -o $@ $(image_tool_srcs) -lmbedcrypto
