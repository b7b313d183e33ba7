/*
 * The physical config space (ECAM) of the PCIe host, which only the
 * hypervisor maps. Accesses are naturally aligned, 1, 2 or 4 bytes.
 */
#ifndef PCI_CONFIG_H
#define PCI_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

/* Maps bus_count buses of ECAM at `base` for the hypervisor; false if it cannot. */
bool pci_config_attach(uint64_t base, unsigned int bus_count);

uint32_t pci_config_read(uint16_t rid, unsigned int offset, unsigned int width);
void pci_config_write(uint16_t rid, unsigned int offset, unsigned int width, uint32_t value);

#endif
