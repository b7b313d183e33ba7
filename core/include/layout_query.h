/* Questions about the layout asked at run time, for reports. */
#ifndef LAYOUT_QUERY_H
#define LAYOUT_QUERY_H

#include <layout.h>

#include <stddef.h>
#include <stdint.h>

/* Writes what the layout puts at a physical address: a device and its
 * owner, a partition's RAM or channel, the hypervisor, or nothing. */
void layout_describe_address(uint64_t address, char *text, size_t size);

/* The same for an address of a partition's own (guest-physical) space.
 * The root's is the physical one; another partition's is not, except at
 * devices (mapped identity): there, the same number names RAM or the
 * hypervisor it could never reach, so it is described as what it is to
 * that partition, an address where nothing is mapped for it. */
void layout_describe_guest_address(const struct layout_partition *partition, uint64_t ipa, char *text,
				   size_t size);

#endif
