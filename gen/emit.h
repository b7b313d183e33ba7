/* Writing what the hypervisor and the build consume from a validated layout. */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include "model.h"

#include <stdio.h>

/* The const tables (core/include/layout.h), deterministic for identical input. */
void emit_tables(FILE *out, const struct layout_spec *layout, const struct board *board);

/* One line per boot-artifact component: "kind,partition-id,load-ipa,path". */
void emit_components(FILE *out, const struct layout_spec *layout, const char *dtb_dir);

/* Whether partition p gets board device d (assigned to it, or the root's by default). */
bool partition_has_device(const struct layout_spec *layout, const struct board *board,
			  unsigned int p, unsigned int d);

/* Guest-physical address of the partition's DTB and entry point. */
uint64_t partition_dtb_ipa(const struct partition_spec *p);
uint64_t partition_entry_ipa(const struct partition_spec *p);
uint64_t partition_initrd_ipa(const struct partition_spec *p);

/* One row of a partition's regions (struct layout_region). */
void emit_region(FILE *out, uint64_t ipa, uint64_t pa, uint64_t size, unsigned int access, const char *kind,
		 const char *comment);

/*
 * The PCIe host's share (emit_pci.c). Each writes its rows (nothing when
 * out is NULL) and returns how many: partition i's window regions and
 * INTx interrupts, the streams of the host's device d, and the host's
 * table (false: the layout uses no PCI, and none is written).
 */
unsigned int emit_pci_regions(FILE *out, const struct layout_spec *layout, const struct board *board, unsigned int i);
unsigned int emit_pci_interrupts(FILE *out, const struct layout_spec *layout, const struct board *board,
				 unsigned int i);
unsigned int emit_pci_streams(FILE *out, const struct layout_spec *layout, const struct board *board, unsigned int d);
bool emit_pci_host(FILE *out, const struct layout_spec *layout, const struct board *board);

/* The page whose writes ring channel c's other end, in both partitions. */
uint64_t channel_doorbell_ipa(const struct board *board, unsigned int c);

#endif
