/* The words a layout gives a bare-metal guest in its image's cmdline. */
#ifndef GUEST_BOOTARGS_H
#define GUEST_BOOTARGS_H

#include <stdbool.h>
#include <stdint.h>

/* Copies the text after "key" (e.g. "role=") up to the next blank from the
 * device tree at dtb into buffer; false, buffer untouched, if there is none. */
bool bootargs_value(uint64_t dtb, const char *key, char *buffer, unsigned int size);

#endif
