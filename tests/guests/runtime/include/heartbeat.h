/* The heartbeat long-running guests print, so tests see them advance. */
#ifndef GUEST_HEARTBEAT_H
#define GUEST_HEARTBEAT_H

#include <stdint.h>

#define HEARTBEAT_TICK_NS	10000000ULL	/* the virtual timer's period */
#define HEARTBEAT_TICKS_PER_BEAT 10		/* a line every 100 ms */

/* Prints "HEARTBEAT n" (n = 1, 2, ...) every 100 ms from the virtual timer;
 * returns after "beats" lines, never if beats is 0. Sets up the GIC and the
 * timer itself. */
void heartbeat(uint64_t beats);

#endif
