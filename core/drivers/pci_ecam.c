/* The host bridge's ECAM, mapped for the hypervisor alone (pci_config.h). */
#include <arch.h>
#include <pci_registers.h>
#include <pci_config.h>

static uintptr_t ecam;

bool pci_config_attach(uint64_t base, unsigned int bus_count)
{
	if (!arch_mmu_map_device(base, (uint64_t)bus_count * PCI_ECAM_BUS_SIZE))
		return false;
	ecam = (uintptr_t)base;
	return true;
}

static uintptr_t address(uint16_t rid, unsigned int offset)
{
	return ecam + (uintptr_t)rid * PCI_CONFIG_SIZE + offset;
}

uint32_t pci_config_read(uint16_t rid, unsigned int offset, unsigned int width)
{
	switch (width) {
	case 1: return *(volatile uint8_t *)address(rid, offset);
	case 2: return *(volatile uint16_t *)address(rid, offset);
	default: return *(volatile uint32_t *)address(rid, offset);
	}
}

void pci_config_write(uint16_t rid, unsigned int offset, unsigned int width, uint32_t value)
{
	switch (width) {
	case 1: *(volatile uint8_t *)address(rid, offset) = (uint8_t)value; break;
	case 2: *(volatile uint16_t *)address(rid, offset) = (uint16_t)value; break;
	default: *(volatile uint32_t *)address(rid, offset) = value; break;
	}
}
