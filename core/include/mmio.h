/*
 * Emulated MMIO: a partition's access to an address its stage-2 tables do
 * not map arrives here decoded once (address, width, direction, value),
 * and goes to the emulator registered for that range. Nothing in the abort
 * path knows which devices exist.
 */
#ifndef MMIO_H
#define MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

struct mmio_access {
	uint64_t address;	/* guest-physical */
	uint64_t offset;	/* from the start of the emulated range */
	unsigned int width;	/* bytes: 1, 2, 4 or 8 */
	bool write;
	uint64_t value;		/* written value, or the value read back */
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_FAULT,		/* the device refuses this access: the partition's fault policy applies */
};

typedef enum mmio_result (*mmio_handler)(struct vcpu *vcpu, void *device,
					 struct mmio_access *access);

struct mmio_region {
	uint64_t base;
	uint64_t size;
	mmio_handler handle;
	void *device;
	const char *name;	/* for fault reports */
};

/* Emulated ranges per partition: console, GIC distributor and redistributors, control page,
 * PCI config space, channel doorbells. */
#define MMIO_REGIONS_PER_PARTITION 9

struct mmio_map {
	struct mmio_region regions[MMIO_REGIONS_PER_PARTITION];
	unsigned int count;
};

/* Registration happens at boot only; false when the map is full. */
bool mmio_register(struct mmio_map *map, const struct mmio_region *region);

/* NULL when no emulator covers the address. */
const struct mmio_region *mmio_find(const struct mmio_map *map, uint64_t address);

#endif
