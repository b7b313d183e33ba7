/*
 * PCI configuration space as the specification lays it out: the offsets
 * and bits the hypervisor reads or filters. Data only; no board address.
 */
#ifndef PCI_REGISTERS_H
#define PCI_REGISTERS_H

#define PCI_CONFIG_SIZE		0x1000U	/* per function, in ECAM */
#define PCI_CONFIG_LEGACY_SIZE	0x100U	/* the part before extended capabilities */
#define PCI_ECAM_BUS_SIZE	0x100000U

/* Requester id: bus << 8 | device << 3 | function. */
#define PCI_RID_BUS(rid)	((unsigned int)(rid) >> 8)
#define PCI_RID_DEVICE(rid)	(((unsigned int)(rid) >> 3) & 0x1f)
#define PCI_RID_FUNCTION(rid)	((unsigned int)(rid) & 7)

#define PCI_VENDOR_ID		0x00
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_CACHE_LINE_SIZE	0x0c
#define PCI_LATENCY_TIMER	0x0d
#define PCI_HEADER_TYPE		0x0e
#define PCI_BIST		0x0f
#define PCI_BAR0		0x10
#define PCI_ROM_TYPE0		0x30
#define PCI_CAPABILITIES	0x34
#define PCI_ROM_TYPE1		0x38
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_HEADER_TYPE_MASK	0x7f
#define PCI_HEADER_MULTI	0x80
#define PCI_HEADER_BRIDGE	1
#define PCI_BARS_TYPE0		6
#define PCI_BARS_TYPE1		2
#define PCI_BARS_MAX		PCI_BARS_TYPE0

#define PCI_COMMAND_IO		(1U << 0)
#define PCI_COMMAND_MEMORY	(1U << 1)
#define PCI_COMMAND_MASTER	(1U << 2)
#define PCI_COMMAND_PARITY	(1U << 6)
#define PCI_COMMAND_SERR	(1U << 8)
#define PCI_COMMAND_INTX_DISABLE (1U << 10)

#define PCI_STATUS_CAP_LIST	(1U << 4)
/* The status bits software clears by writing one: parity, aborts, SERR. */
#define PCI_STATUS_W1C		0xf900U

#define PCI_BAR_IO		(1U << 0)
#define PCI_BAR_MEM_64		(2U << 1)
#define PCI_BAR_MEM_TYPE	(3U << 1)
#define PCI_BAR_PREFETCH	(1U << 3)
#define PCI_BAR_MEM_FLAGS	0xfU
#define PCI_BAR_IO_FLAGS	0x3U

#define PCI_BIST_START		(1U << 6)

#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_EXP		0x10
#define PCI_CAP_ID_MSIX		0x11
#define PCI_CAP_NEXT		1	/* byte offset of the next pointer in a capability */

#define PCI_MSI_FLAGS		2
#define PCI_MSI_FLAGS_64BIT	(1U << 7)
#define PCI_MSI_FLAGS_MASKBIT	(1U << 8)
#define PCI_MSIX_SIZE		12

#define PCI_EXP_DEVCAP		4
#define PCI_EXP_DEVCAP_FLR	(1U << 28)
#define PCI_EXP_DEVCTL		8
#define PCI_EXP_DEVCTL_FLR	(1U << 15)

#endif
