/*
 * Loading a partition's memory afresh (a start or a restart) in bounded
 * steps: zero its RAM, clear the channels it writes, copy its images from
 * the verified boot image, reset its virtual GIC and vCPUs, hash what was
 * loaded, record it, and let it run. Each step is at most RELOAD_STEP_BYTES
 * of zeroing, copying or hashing and takes no lock, so a reload can be
 * spread over the partition's own time (docs/scheduling.md): the windows
 * of its home CPU (vCPU 0's) on a scheduled CPU, that CPU's idle time on a
 * pinned one. Restarts a partition asks for itself are also rate-limited.
 */
#ifndef RELOAD_H
#define RELOAD_H

#include <sha256.h>

#include <stdbool.h>
#include <stdint.h>

#define RELOAD_STEP_BYTES		0x8000U		/* 32 KiB */
#define RELOAD_MAX_COMPONENTS		4U		/* kernel, dtb, initrd per partition */
/* A self-restart starts no sooner than this after its previous load ended. */
#define SELF_RESTART_INTERVAL_NS	10000000ULL	/* 10 ms */

enum reload_phase {
	RELOAD_NONE,
	RELOAD_WAIT,		/* for its rate limit and for its vCPUs to leave their CPUs */
	RELOAD_DEVICES,		/* its PCI functions quiesced (and reset) before its memory is touched */
	RELOAD_ZERO,
	RELOAD_CHANNELS,
	RELOAD_COPY,
	RELOAD_RESET,
	RELOAD_HASH,
	RELOAD_FINISH,
};

/*
 * A reload in progress. Set under the partition's lock as it becomes
 * PARTITION_LOADING; from then on only the CPU doing the reload (the home
 * CPU, or the controller's CPU for a control command) touches it.
 */
struct reload {
	enum reload_phase phase;
	unsigned int cause;		/* enum restart_cause */
	unsigned int index;		/* region or component being worked on */
	uint64_t offset;		/* bytes of it done */
	bool whole;			/* at boot: every region and image in one step */
	uint64_t not_before;		/* counter: the rate limit of a self-restart */
	uint64_t give_up_at;		/* counter: its vCPUs must have left by then */
	uint64_t window_end;		/* the window the last step was done in */
	struct sha256 hash;
	unsigned int measured;		/* components hashed so far */
	uint8_t digests[RELOAD_MAX_COMPONENTS][SHA256_DIGEST_SIZE];
};

struct partition;
struct cpu;

/* Zeroes a partition's memory and loads its images, all at once (at boot). */
void reload_load_now(struct partition *p);

/*
 * Reloads p, which the caller has just made PARTITION_LOADING, on this CPU
 * now, taking as long as it takes (a control command: the controller's
 * time); false if it ended stopped instead.
 */
bool reload_run_now(struct partition *p, unsigned int cause);

/*
 * Does reload work of the partitions whose home is this CPU: of `only`
 * (non-NULL: the owner of the current window) until the counter reaches
 * `until`, or of any of them without limit (NULL: a pinned CPU's idle
 * loop). Arms the hypervisor timer for what it waits on; true if a reload
 * finished (a vCPU may be due).
 */
bool reload_work(struct cpu *cpu, struct partition *only, uint64_t until);

#endif
