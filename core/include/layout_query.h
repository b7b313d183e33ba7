/* Questions about the layout asked at run time, for reports. */
#ifndef LAYOUT_QUERY_H
#define LAYOUT_QUERY_H

#include <stddef.h>
#include <stdint.h>

/* Writes what the layout puts at a physical address: a device and its
 * owner, a partition's RAM or channel, the hypervisor, or nothing. */
void layout_describe_address(uint64_t address, char *text, size_t size);

#endif
