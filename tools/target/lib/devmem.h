/*
 * For the root partition's user-space tools: finding the hypervisor's
 * pages in the device tree (/proc/device-tree) and mapping them through
 * /dev/mem. Such mappings are device memory: use aligned 32/64-bit loads
 * and stores only.
 */
#ifndef DEVMEM_H
#define DEVMEM_H

#include <stdbool.h>
#include <stdint.h>

struct dt_node {
	char path[256];
	uint64_t reg[4];	/* address, size pairs */
	unsigned int reg_count;	/* pairs */
	bool writable;
	uint32_t interrupt;	/* SPI INTID, 0 if none */
};

/*
 * The first top-level node whose name starts with prefix (and, unless
 * label is NULL, whose "label" is label). False with a message printed
 * if there is none.
 */
bool dt_find(const char *prefix, const char *label, struct dt_node *node);

/* Maps [address, address + size) of physical memory; NULL with a message printed. */
volatile void *devmem_map(uint64_t address, uint64_t size);

#endif
