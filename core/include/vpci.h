/*
 * The config space a partition sees (docs/pci.md): an emulated ECAM at its
 * pci_ecam_ipa holding its own functions only, at their bus:dev.fn. Reads
 * pass through, except BARs (the placed address, or the size mask during a
 * sizing cycle), the capability chain (MSI and MSI-X left out) and the
 * extended capabilities (hidden). Writes other than the command bits,
 * status, cache line size, latency timer, interrupt line and BAR sizing
 * are dropped, and logged once per function per run.
 */
#ifndef VPCI_H
#define VPCI_H

#include <mmio.h>

#include <stdbool.h>
#include <stdint.h>

struct partition;
struct pci_function;

/* The emulated ECAM's MMIO handler; `device` is the partition. */
enum mmio_result vpci_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access);

/*
 * One config access of partition p to its function f (offset within the
 * function's 4 KiB, naturally aligned, 1, 2 or 4 bytes). The caller holds
 * f->lock. A write is applied only while p runs.
 */
uint32_t vpci_read(const struct pci_function *f, unsigned int offset, unsigned int width);
void vpci_write(struct partition *p, struct pci_function *f, unsigned int offset, unsigned int width, uint32_t value);

/* A new run of p: its writes to functions it does not have are logged again. */
void vpci_partition_reset(struct partition *p);

#endif
