/* Exceptions the hypervisor delivers into a partition's EL1. */
#ifndef ARCH_INJECT_H
#define ARCH_INJECT_H

#include <arch/exception_frame.h>

#include <stdbool.h>
#include <stdint.h>

void inject_undefined(struct exception_frame *frame);
void inject_data_abort(struct exception_frame *frame, uint64_t address, bool write);
void inject_instruction_abort(struct exception_frame *frame, uint64_t address);

#endif
