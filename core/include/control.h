/*
 * The control interface (control_abi.h, docs/control.md): its page for
 * partitions the layout gives one, and the hypercall for the rest.
 */
#ifndef CONTROL_H
#define CONTROL_H

#include <partition.h>

#include <stdint.h>

/* Boot: the control page of a partition that may use it. */
void control_partition_init(struct partition *p);

/* BH_HC_CONTROL: x1 command, x2 arg0, x3 arg1, x4 buffer IPA, x5 its size. */
void control_hypercall(struct vcpu *vcpu, const uint64_t *args, uint64_t *results);

#endif
