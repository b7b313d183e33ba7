/* Loading a board description (platform/<board>/board.yaml). */
#ifndef GEN_BOARD_H
#define GEN_BOARD_H

#include "model.h"
#include "yaml_tree.h"

/* Returns false after reporting errors. ram_size is the build's RAM size. */
bool board_load(const struct ynode *root, const char *file, uint64_t ram_size, struct board *board);
void board_free(struct board *board);

/* Whether device d is one of the PCIe host's (pci-host:): given only through `pci:`. */
bool board_pci_device(const struct board *board, unsigned int d);

int board_find_device(const struct board *board, const char *name);

/*
 * The first DIR/<platform>/board.yaml of the directories, in order, as a
 * string to free; NULL after an error at `at` naming every path tried.
 */
char *board_find_file(const char *platform, struct source_position at, const char *const *dirs,
		      unsigned int dir_count);

#endif
