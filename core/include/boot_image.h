/*
 * The boot image the hypervisor was loaded from, checked once, before
 * anything is carved: structure always; with CONFIG_MEASURED_BOOT every
 * component's digest; with CONFIG_SIGNED_IMAGES the signature, the
 * signing key and the security counter. A refused image stops the
 * machine with the reason, before any partition starts.
 */
#ifndef BOOT_IMAGE_H
#define BOOT_IMAGE_H

#include <artifact.h>

/* Checks (and measures) the image; returns only if it may boot. */
void boot_image_verify(void);

/* The checked image, or NULL if the hypervisor was booted without one. */
const struct artifact_header *boot_image(void);

#endif
