/*
 * What `bulkhead-image verify` checks beyond the hypervisor's own checks
 * (image_check.h): that no byte of the file escapes every check, and which
 * key the image's own hypervisor will check it against at boot.
 */
#ifndef IMAGE_AUDIT_H
#define IMAGE_AUDIT_H

#include <artifact.h>

#include <stdbool.h>
#include <stdint.h>

/*
 * A parsed image's bytes that neither the signature (the headers), a
 * component's digest nor the signature itself covers are padding and must
 * be zero. False with *offset the first that is not.
 */
bool image_padding_is_zero(const uint8_t *image, uint64_t *offset);

/*
 * How many key records (artifact_key_record) the image's hypervisor
 * carries; with exactly one, its point is copied out. None: the
 * hypervisor was built without CONFIG_SIGNED_IMAGES and checks no
 * signature at boot.
 */
unsigned int image_hypervisor_key(const uint8_t *image, uint8_t point[ARTIFACT_KEY_POINT_SIZE]);

#endif
