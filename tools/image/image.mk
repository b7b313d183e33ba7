# The boot-artifact tool (host C, mbedtls), built plain and with sanitizers.

image_tool_srcs := $(wildcard $(srctree)/tools/image/*.c)
IMAGE_TOOL_CFLAGS := $(HOSTCFLAGS) -idirafter $(srctree)/core/include -I$(srctree)/tools/image

$(objtree)/host/bulkhead-image: $(image_tool_srcs) $(wildcard $(srctree)/tools/image/*.h) \
		$(srctree)/core/include/artifact.h
	$(quiet) HOSTCC $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(IMAGE_TOOL_CFLAGS) -o $@ $(image_tool_srcs) -lmbedcrypto

$(objtree)/host-san/bulkhead-image: $(image_tool_srcs) $(wildcard $(srctree)/tools/image/*.h) \
		$(srctree)/core/include/artifact.h
	$(quiet) HOSTCC $(patsubst $(objtree)/%,%,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(IMAGE_TOOL_CFLAGS) $(HOST_SANFLAGS) -o $@ $(image_tool_srcs) -lmbedcrypto
