/*
 * The hypervisor's control page (docs/control.md) from Linux user space:
 * found in the device tree, mapped through /dev/mem, one command at a time
 * under an flock, since all of the root's CPUs share the one page.
 */
#define _GNU_SOURCE	/* program_invocation_short_name */
#include "control_page.h"
#include "devmem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static volatile void *page;
static int command_lock = -1;

static uint32_t reg32(unsigned int offset)
{
	return *(volatile uint32_t *)((volatile uint8_t *)page + offset);
}

static uint64_t reg64(unsigned int offset)
{
	return *(volatile uint64_t *)((volatile uint8_t *)page + offset);
}

const char *control_status_text(int32_t status)
{
	switch (status) {
	case BH_OK: return "done";
	case BH_ERR_NOT_SUPPORTED: return "not supported by this hypervisor";
	case BH_ERR_INVALID: return "no such partition or argument";
	case BH_ERR_DENIED: return "not allowed (the root, or the caller itself)";
	case BH_ERR_STATE: return "not in a state for that (already running, or stopped)";
	default: return "refused";
	}
}

struct control_reply control_command(uint32_t cmd, uint64_t arg0, uint64_t arg1, void *data, size_t size)
{
	struct control_reply r;

	/* Another bulkheadctl (stat --watch beside a restart) must not change our arguments. */
	flock(command_lock, LOCK_EX);
	*(volatile uint64_t *)((volatile uint8_t *)page + BH_CTL_ARG0) = arg0;
	*(volatile uint64_t *)((volatile uint8_t *)page + BH_CTL_ARG1) = arg1;
	*(volatile uint32_t *)((volatile uint8_t *)page + BH_CTL_COMMAND) = cmd;
	r.status = (int32_t)reg32(BH_CTL_STATUS);
	r.result0 = reg64(BH_CTL_RESULT0);
	r.result1 = reg64(BH_CTL_RESULT1);
	for (size_t at = 0; data != NULL && at < size && at < BH_CTL_DATA_SIZE; at += 8) {
		uint64_t word = reg64(BH_CTL_DATA + (unsigned int)at);
		memcpy((uint8_t *)data + at, &word, size - at < 8 ? size - at : 8);
	}
	flock(command_lock, LOCK_UN);
	return r;
}

int control_open(void)
{
	struct dt_node node;

	if (!dt_find("bulkhead-control@", NULL, &node))
		return -1;
	page = devmem_map(node.reg[0], BH_CTL_PAGE_SIZE);
	if (page == NULL)
		return -1;
	command_lock = open("/dev/mem", O_RDONLY | O_CLOEXEC);
	if (command_lock < 0) {
		fprintf(stderr, "%s: /dev/mem: %s\n", program_invocation_short_name, strerror(errno));
		return -1;
	}
	if (reg32(BH_CTL_MAGIC) != BH_CTL_MAGIC_VALUE || reg32(BH_CTL_VERSION) >> 16 != BH_CTL_VERSION_MAJOR) {
		fprintf(stderr, "%s: %s is not a Bulkhead control page of version %u\n", program_invocation_short_name,
			node.path, BH_CTL_VERSION_MAJOR);
		return -1;
	}
	return 0;
}

unsigned int control_minor_version(void)
{
	return reg32(BH_CTL_VERSION) & 0xffffU;
}

unsigned int control_partition_count(void)
{
	return (unsigned int)control_command(BH_CTL_CMD_SUMMARY, 0, 0, NULL, 0).result0;
}

int control_get_partition(unsigned int id, struct bh_partition_info *info)
{
	return control_command(BH_CTL_CMD_PARTITION, id, 0, info, sizeof(*info)).status == BH_OK ? 0 : -1;
}

int control_find_partition(const char *name, struct bh_partition_info *info)
{
	unsigned int count = control_partition_count();

	for (unsigned int id = 0; id < count; id++)
		if (control_get_partition(id, info) == 0 && strcmp(info->name, name) == 0)
			return 0;
	fprintf(stderr, "%s: no partition named '%s' (see bulkheadctl list)\n", program_invocation_short_name,
		name);
	return -1;
}
