/*
 * The hypervisor's control page from Linux user space (docs/control.md):
 * what bulkheadctl and other root-partition tools build on.
 */
#ifndef CONTROL_PAGE_H
#define CONTROL_PAGE_H

#include <control_abi.h>

#include <stddef.h>
#include <stdint.h>

struct control_reply {
	int32_t status;			/* BH_OK or a BH_ERR_* */
	uint64_t result0, result1;
};

/* Finds and maps the page, and checks its magic and version; -1 with a message printed. */
int control_open(void);

/* Runs one command; data (if not NULL) receives up to size bytes of the data window. */
struct control_reply control_command(uint32_t command, uint64_t arg0, uint64_t arg1, void *data, size_t size);

/* What a status means, for a person. */
const char *control_status_text(int32_t status);

/* The page's minor version: what its records carry (control_abi.h says since when). */
unsigned int control_minor_version(void);

unsigned int control_partition_count(void);
/* 0, or -1 if there is no partition with that id. */
int control_get_partition(unsigned int id, struct bh_partition_info *info);
/* 0, or -1 with a message printed if no partition has that name. */
int control_find_partition(const char *name, struct bh_partition_info *info);

#endif
