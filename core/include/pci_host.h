/*
 * The PCIe host bridge the hypervisor keeps (docs/pci.md): its config
 * space is mapped into no partition. At boot the hypervisor enumerates it,
 * gives each present function to its owner (the layout's, else the root),
 * sizes its BARs and places them inside the owner's slice of the windows,
 * before any partition runs. A partition sees its own functions through an
 * emulated ECAM (vpci.h); a stop or restart quiesces them.
 */
#ifndef PCI_HOST_H
#define PCI_HOST_H

#include <layout.h>
#include <pci_registers.h>
#include <spinlock.h>

#include <stdbool.h>
#include <stdint.h>

/* Functions the hypervisor tracks; more present than this are kept from every partition. */
#define PCI_FUNCTIONS_MAX	64
/* Capabilities remembered per function; a longer chain is cut there (hidden, never shown unfiltered). */
#define PCI_CAPS_MAX		16
/* How long a function may take to come back from a Function Level Reset (PCIe: 100 ms). */
#define PCI_FLR_WAIT_NS		100000000ULL

enum pci_bar_kind {
	PCI_BAR_NONE,		/* unimplemented: reads 0, writes ignored */
	PCI_BAR_KIND_MEM32,
	PCI_BAR_KIND_MEM64,	/* this register and the next */
	PCI_BAR_KIND_UPPER,	/* the upper half of a 64-bit BAR */
	PCI_BAR_KIND_IO,
};

struct pci_capability_range {
	uint8_t start, end;	/* [start, end) of a capability hidden from its owner */
};

struct pci_function {
	uint16_t rid;
	uint16_t owner;		/* partition id, when assigned */
	bool assigned;		/* false: kept from every partition (decode and bus master off) */
	bool bridge;		/* type 1 header */
	const char *name;	/* the layout's name, or NULL for a root function without one */
	uint8_t bar_count;	/* BAR registers in its header */
	uint8_t bar_kind[PCI_BARS_MAX];
	uint32_t bar_value[PCI_BARS_MAX];	/* each register as placed (flag bits included) */
	uint32_t bar_mask[PCI_BARS_MAX];	/* each register as the sizing cycle reads it */
	uint64_t bar_size[PCI_BARS_MAX];	/* bytes, at the BAR's first register */
	uint16_t command_allowed;	/* command bits its owner may set */
	uint8_t visible_caps[PCI_CAPS_MAX];	/* offsets, in chain order, MSI and MSI-X left out */
	uint8_t visible_cap_count;
	struct pci_capability_range hidden_caps[PCI_CAPS_MAX];
	uint8_t hidden_cap_count;
	uint8_t pcie_cap;	/* offset of its PCIe capability, or 0 */
	bool flr;		/* the PCIe capability offers Function Level Reset */

	/* The emulation's per-run state, under `lock` (one config access at a time). */
	struct spinlock lock;
	uint8_t sizing;		/* bit n: BAR register n reads its size mask (the guest wrote all ones) */
	bool refusal_logged;	/* a dropped write was logged this run */
};

extern struct pci_function pci_functions[PCI_FUNCTIONS_MAX];
extern unsigned int pci_function_count;

/* Once, on the primary, after partitions_init and before any partition runs. */
void pci_host_init(void);

/* The function with that requester id assigned to partition `partition`, or NULL. */
struct pci_function *pci_function_of(uint16_t rid, unsigned int partition);

/* "disk (00:03.0)" or "00:02.0", for messages. */
void pci_function_describe(const struct pci_function *f, char *buffer, unsigned int size);

struct partition;

/*
 * Quiesces p's functions as it stops or before its memory is reloaded:
 * command cleared (no DMA, no decode), and a Function Level Reset where
 * the function offers one. True if a reset was issued: wait PCI_FLR_WAIT_NS
 * before pci_partition_reset_finish.
 */
bool pci_partition_quiesce(struct partition *p);

/* After the quiesce (and its wait): BARs placed again, the emulation's state reset. */
void pci_partition_reset_finish(struct partition *p);

#endif
