/*
 * The test-guest runtime in one include: entry, console, verdicts,
 * exceptions and probes, hypercalls and sentinels, PSCI, GICv3, the virtual timer and
 * the heartbeat. docs/test-guests.md describes it.
 */
#ifndef GUEST_H
#define GUEST_H

#include <arch.h>
#include <bootargs.h>
#include <console.h>
#include <entry.h>
#include <exceptions.h>
#include <gic.h>
#include <heartbeat.h>
#include <mmu.h>
#include <hypercall.h>
#include <attack.h>
#include <probe.h>
#include <psci.h>
#include <sentinel.h>
#include <timer.h>
#include <verdict.h>

#include <stdbool.h>
#include <stdint.h>

#endif
