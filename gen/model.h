/*
 * The layout compiler's model: the board it targets and the layout read
 * from YAML, each value with the source position it came from, plus what
 * validation and placement compute (ids, physical addresses).
 */
#ifndef GEN_MODEL_H
#define GEN_MODEL_H

#include "diag.h"

#include <stdbool.h>
#include <stdint.h>

#define MAX_INTERRUPTS_PER_DEVICE 4

struct board_device {
	const char *name;
	uint64_t base;
	uint64_t size;
	uint16_t interrupts[MAX_INTERRUPTS_PER_DEVICE];	/* GIC INTIDs */
	unsigned int interrupt_count;
	bool reserved;		/* the hypervisor's own (the GIC): never assigned */
	bool console;		/* a UART a partition may use as its console */
	bool dma_unprotected;	/* masters DMA that no IOMMU checks: reaches all memory */
	bool dma_iommu;		/* its DMA goes through the board's IOMMU (`dma: <iommu>`) */
	/* `iommu-map`: requester ids rid_base.. are IOMMU streams stream_base.. */
	bool has_iommu_map;
	const char *dma_by;	/* the `dma:` value as written */
	struct source_position dma_at;
	uint64_t rid_base, stream_base, stream_count;
	int owner;		/* computed: partition index, or -1 */
	struct source_position at;
};

/* The IOMMU the hypervisor keeps for itself (`iommu:` in the board description). */
struct board_iommu {
	int device;		/* its MMIO: a reserved board device, or -1: no IOMMU */
	unsigned int event_intid;	/* event queue interrupt */
	unsigned int gerror_intid;	/* global error interrupt */
	unsigned int stream_table;	/* stream ids the hypervisor's table covers (a power of two) */
	struct source_position at;
};

/*
 * The PCIe host bridge (`pci-host:` in the board description): its config
 * space and windows are board devices no layout lists under `devices:`;
 * functions behind it are given by `pci:` (docs/pci.md).
 */
struct board_pci_host {
	bool present;
	int ecam, mmio, mmio64, io;	/* board device indexes; mmio64 and io may be -1 */
	unsigned int bus_count;		/* buses enumerated: 0 .. bus_count - 1 */
	uint16_t intx[4];		/* slot s, pin p (0 = INTA) raises intx[(s + p) % 4] */
	struct source_position at;
};

struct board {
	const char *name;
	const char *file;
	uint64_t ram_base;
	uint64_t ram_size;	/* as configured for this build */
	unsigned int cpu_count;
	uint64_t gicd_base;
	uint64_t gicr_base;
	uint64_t console_base;	/* where an emulated console appears */
	uint64_t pages_base;	/* the control page, then a doorbell page per channel */
#define EMULATED_PAGES_SIZE	0x1000000ULL	/* the window at pages_base no memory may cover */
	unsigned int spi_limit;	/* INTIDs below this exist */
	int log_uart;		/* the device the hypervisor prints on (hypervisor-uart), or -1 */
	struct board_device *devices;
	unsigned int device_count;
	struct board_iommu iommu;
	struct board_pci_host pci;
};

enum access_bits { ACCESS_R = 1, ACCESS_W = 2, ACCESS_X = 4 };

struct region_spec {
	uint64_t size;
	uint64_t pa;		/* given, or placed by the compiler */
	uint64_t ipa;		/* given, or derived */
	bool has_pa, has_ipa;
	unsigned int access;
	struct source_position at, size_at, pa_at, ipa_at;
};

struct vcpu_spec {
	unsigned int cpu;
	bool scheduled;		/* on cpu's schedule instead of pinned to it */
	bool urgent;		/* its interrupts preempt other windows */
	struct source_position at, urgent_at;
};

struct device_ref {
	const char *name;
	int board_index;	/* resolved, or -1 */
	struct source_position at;
};

/* A slice of one of the host's memory windows: placed by the compiler unless a base is given. */
struct pci_window_spec {
	uint64_t base, size;
	bool given, has_base;
	struct source_position at;
};

/* A PCIe function the layout gives a non-root partition (`pci:`). */
struct pci_function_spec {
	const char *name;
	const char *address;	/* "bus:dev.fn" as written */
	unsigned int rid;	/* bus << 8 | dev << 3 | fn, once parsed */
	bool rid_valid;
	struct pci_window_spec mmio, mmio64;
	unsigned int intx_pin;	/* 1..4: INTA..INTD; 0: none */
	unsigned int intx_intid;	/* computed: the SPI the pin raises, 0: none */
	bool dma_acknowledged;	/* listed in the partition's unprotected_dma */
	struct source_position at, name_at, address_at, intx_at;
};

/* CONSOLE_RING: emulated, its output kept for the control interface only, never on the UART. */
enum console_kind { CONSOLE_DEFAULT, CONSOLE_EMULATED, CONSOLE_RING, CONSOLE_DEVICE };
enum image_kind { IMAGE_NONE, IMAGE_KERNEL, IMAGE_BAREMETAL };
enum fault_policy_kind { POLICY_INJECT, POLICY_STOP, POLICY_RESTART };
/* WFI_DEFAULT until validation chooses (docs/scheduling.md, "Idle: WFI"). */
enum wfi_kind { WFI_DEFAULT, WFI_TRAP, WFI_NATIVE };

struct image_spec {
	enum image_kind kind;
	const char *file;	/* as written */
	char *path;		/* resolved on disk, or NULL */
	uint64_t file_size;
	const char *initrd;
	char *initrd_path;
	uint64_t initrd_size;
	const char *cmdline;
	uint64_t entry;
	bool has_entry;
	bool given;		/* the layout has an image key, even if it had errors */
	/* A kernel's arm64 Image header, once read: what it occupies once
	 * loaded (0: the header does not say) and its offset from a 2 MiB base. */
	uint64_t kernel_size, text_offset;
	struct source_position at, file_at, initrd_at, entry_at;
};

struct partition_spec {
	const char *name;
	unsigned int id;
	bool root;
	struct vcpu_spec *vcpus;
	unsigned int vcpu_count;
	struct region_spec *regions;
	unsigned int region_count;
	bool memory_given;	/* the layout has a memory key, even if it had errors */
	struct device_ref *devices;
	unsigned int device_count;
	/* Devices of `devices` whose unchecked DMA the layout acknowledges (unprotected_dma). */
	struct device_ref *dma_acknowledged;
	unsigned int dma_acknowledged_count;
	enum console_kind console;
	const char *console_device;
	struct image_spec image;
	uint64_t hidden_features;
	enum fault_policy_kind on_fault;
	bool control;		/* may use the control interface (the root always may) */
	enum wfi_kind wfi;
	struct pci_function_spec *pci;	/* `pci:` functions (non-root partitions) */
	unsigned int pci_count;
	bool pci_none;		/* the root's `pci: none`: no PCI at all */
	struct source_position at, name_at, root_at, console_at, features_at, wfi_at, pci_at;
};

struct window_spec {
	const char *partition;
	unsigned int vcpu;
	uint64_t start, duration;
	int partition_index;
	struct source_position at;
};

struct schedule_spec {
	unsigned int cpu;
	uint64_t major_frame;
	/* Urgent vCPUs may preempt other windows for this long per frame;
	 * unset: the default, a tenth of the frame (docs/scheduling.md). */
	uint64_t urgent_budget;
	bool urgent_budget_set;
	struct window_spec *windows;
	unsigned int window_count;
	struct source_position at, cpu_at, frame_at, budget_at;
};

struct endpoint_spec {
	const char *partition;
	int partition_index;
	bool writable;
	uint64_t ipa;
	bool has_ipa;
	unsigned int doorbell;	/* INTID raised in this end's partition, 0 if none */
	struct source_position at;
};

struct channel_spec {
	const char *name;
	uint64_t size;
	uint64_t pa;		/* placed */
	struct endpoint_spec endpoints[2];
	unsigned int endpoint_count;
	struct source_position at, size_at;
};

struct layout_spec {
	const char *file;
	const char *platform;
	uint64_t hv_base, hv_size;
	struct source_position hv_at, platform_at, partitions_at;
	struct partition_spec *partitions;
	unsigned int partition_count;
	bool partitions_given;
	struct schedule_spec *schedules;
	unsigned int schedule_count;
	struct channel_spec *channels;
	unsigned int channel_count;
	/* Computed (validate_pci.c): the root's part of the host's windows, size 0: none. */
	uint64_t root_mmio_base, root_mmio_size, root_mmio64_base, root_mmio64_size;
};

struct limits {
	unsigned int max_partitions;
	unsigned int max_vcpus;
};

#endif
