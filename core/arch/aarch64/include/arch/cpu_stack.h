/* Size of each physical CPU's EL2 stack; shared by boot.S and C. */
#ifndef ARCH_CPU_STACK_H
#define ARCH_CPU_STACK_H

#define CPU_STACK_SIZE		0x4000

#endif
