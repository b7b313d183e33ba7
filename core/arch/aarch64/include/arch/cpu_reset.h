/* The CPU state a vCPU's start clears beyond its EL1 context (cpu_reset.c). */
#ifndef ARCH_CPU_RESET_H
#define ARCH_CPU_RESET_H

#include <arch/features.h>

/* On the CPU the vCPU starts on, before its EL2 controls are loaded. */
void cpu_state_reset(const struct feature_controls *controls);

#endif
