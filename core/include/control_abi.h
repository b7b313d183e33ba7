/*
 * The control interface (docs/control.md): what the root partition, and
 * any partition its layout grants `control`, may ask of the hypervisor.
 * Two doors to the same operations: an emulated MMIO page (for Linux user
 * space through /dev/mem: bulkheadctl) and the BH_HC_CONTROL hypercall
 * (for bare-metal guests). Shared by the hypervisor and its clients.
 */
#ifndef CONTROL_ABI_H
#define CONTROL_ABI_H

#include <hypercall_abi.h>

#include <stdint.h>

/* Registers of the control page; 32-bit unless marked 64. */
#define BH_CTL_MAGIC		0x000	/* RO: BH_CTL_MAGIC_VALUE */
#define BH_CTL_VERSION		0x004	/* RO: major << 16 | minor */
#define BH_CTL_STATUS		0x008	/* RO: the last command's BH_OK or BH_ERR_* (signed) */
#define BH_CTL_COMMAND		0x00c	/* WO: writing a BH_CTL_CMD_* runs it, with the arguments below */
#define BH_CTL_ARG0		0x010	/* RW, 64 */
#define BH_CTL_ARG1		0x018	/* RW, 64 */
#define BH_CTL_RESULT0		0x020	/* RO, 64 */
#define BH_CTL_RESULT1		0x028	/* RO, 64 */
#define BH_CTL_DATA		0x100	/* RO: the last command's data, BH_CTL_DATA_SIZE bytes */
#define BH_CTL_DATA_SIZE	0xf00
#define BH_CTL_PAGE_SIZE	0x1000

#define BH_CTL_MAGIC_VALUE	0x4c544842U	/* "BHTL" */
#define BH_CTL_VERSION_MAJOR	1
#define BH_CTL_VERSION_MINOR	2

/*
 * Commands. Results go to RESULT0/1 and DATA (through the hypercall: x1,
 * x2, and the caller's buffer with x3 = bytes written).
 */
#define BH_CTL_CMD_SUMMARY	1	/* -> RESULT0 = partitions, RESULT1 = the caller's id */
#define BH_CTL_CMD_PARTITION	2	/* ARG0 = id -> DATA = struct bh_partition_info */
#define BH_CTL_CMD_VCPU		3	/* ARG0 = id, ARG1 = vCPU -> DATA = struct bh_vcpu_info */
#define BH_CTL_CMD_STOP		4	/* ARG0 = id of a running non-root partition */
#define BH_CTL_CMD_START	5	/* ARG0 = id of a stopped non-root partition: loaded afresh */
#define BH_CTL_CMD_RESTART	6	/* ARG0 = id of a non-root partition */
#define BH_CTL_CMD_LOG		7	/* ARG0 = offset -> RESULT0 = log size, RESULT1 = bytes; DATA = log bytes */
#define BH_CTL_CMD_CONSOLE	8	/* ARG0 = id, ARG1 = position -> RESULT0 = next position,
					 * RESULT1 = bytes; DATA = console output from the position
					 * (or from the oldest kept, if it was overwritten) */
#define BH_CTL_CMD_HVLOG	9	/* ARG0 = position -> RESULT0 = next position, RESULT1 =
					 * bytes; DATA = the hypervisor's own log from the position
					 * (or from the oldest kept), whether or not the UART took it */
#define BH_CTL_CMD_HVLOG_STATE	10	/* -> RESULT0 = the position after the log's last byte,
					 * RESULT1 = the bytes the UART has still to take
					 * (0: caught up); since version 1.2 (before:
					 * a position) */

/* Refused because the partition is not in a state the command applies to. */
#define BH_ERR_STATE		(-5)

#define BH_PARTITION_STOPPED	0
#define BH_PARTITION_RUNNING	1
#define BH_PARTITION_LOADING	2	/* being cleared and loaded by a start or restart */

#define BH_PARTITION_ROOT	(1U << 0)
#define BH_PARTITION_CONTROL	(1U << 1)
#define BH_PARTITION_WFI_NATIVE	(1U << 2)	/* a vCPU's WFI does not trap: its idle is run time (1.2) */

struct bh_partition_info {
	char name[32];			/* NUL-terminated */
	uint32_t id;
	uint32_t state;			/* BH_PARTITION_* */
	uint32_t flags;			/* BH_PARTITION_ROOT, BH_PARTITION_CONTROL */
	uint32_t vcpu_count;
	uint32_t restarts;		/* times its images were loaded again */
	uint32_t faults;		/* in its current run */
	uint64_t run_ns;		/* all its vCPUs */
	uint64_t wait_ns;		/* all its vCPUs, in a trapped WFI (since 1.2; older pages: 0) */
};

#define BH_VCPU_OFF		0
#define BH_VCPU_PENDING		1
#define BH_VCPU_RUNNING		2

struct bh_vcpu_info {
	uint32_t cpu;			/* the physical CPU it runs on */
	uint32_t state;			/* BH_VCPU_* */
	uint32_t scheduled;		/* 1: in the CPU's cyclic schedule; 0: pinned */
	uint32_t flags;			/* BH_VCPU_WFI_NATIVE (since 1.2; reserved, 0, before) */
	struct bh_vcpu_stats stats;	/* run_ns: holding its CPU, waiting excluded */
	uint64_t wait_ns;		/* in a trapped WFI until its wake-up (since 1.2) */
};

/* Its WFI does not trap (layout `wfi: native`): idle time is in run_ns, wait_ns stays 0. */
#define BH_VCPU_WFI_NATIVE	(1U << 0)

#endif
