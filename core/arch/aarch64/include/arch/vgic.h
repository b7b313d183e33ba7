/*
 * The virtual GICv3 of each partition: an emulated distributor and
 * redistributors (vgic_mmio.c), and the hardware virtual CPU interface fed
 * through list registers (vgic.c).
 */
#ifndef ARCH_VGIC_H
#define ARCH_VGIC_H

#include <stdbool.h>
#include <stdint.h>

struct partition;
struct vcpu;
struct virq;

void vgic_cpu_init(void);

/* Boot: the emulated registers, and the SPIs the layout gives the partition. */
bool vgic_partition_init(struct partition *p, uint64_t gicd_ipa, uint64_t gicr_ipa);
void vgic_assign_spi(struct partition *p, unsigned int intid);
/* An SPI of the partition's own that no device backs (a doorbell): raised by vgic_inject(). */
void vgic_assign_virtual_spi(struct partition *p, unsigned int intid);

/* Returns the partition to its boot state; physical SPIs it owns are quiesced. */
void vgic_partition_reset(struct partition *p);
void vgic_vcpu_reset(struct vcpu *vcpu);

/* Makes a virtual interrupt pending; the target learns of it at its next entry. */
void vgic_inject(struct vcpu *vcpu, unsigned int intid);

/* Physical interrupt intid fired: hand it to its owner. False if nobody owns it. */
bool vgic_forward_physical(unsigned int intid);

/* Around each stay in the hypervisor on behalf of the running vCPU. */
void vgic_sync(struct vcpu *vcpu);
void vgic_flush(struct vcpu *vcpu);

void vgic_maintenance(void);

/* A vCPU leaves, or comes back to, a CPU it shares with others. */
void vgic_save(struct vcpu *vcpu);
void vgic_restore(struct vcpu *vcpu);
/* Whether vcpu has an interrupt it could take now (a reason to end a WFI). */
bool vgic_has_deliverable(struct vcpu *vcpu);
/*
 * Whether a vCPU off its CPU (saved) would take a pending interrupt as soon
 * as it ran: group 1 enabled, priority above its mask and running priority,
 * and IRQs unmasked unless it stopped in WFI (which any such interrupt
 * ends). An interrupt it masks may stay pending for ever: no reason to run it.
 */
bool vgic_saved_vcpu_takes_interrupt(struct vcpu *vcpu, bool in_wfi);

/* A partition wrote ICC_SGI1R_EL1. */
void vgic_send_sgi(struct vcpu *vcpu, uint64_t value);

/* For the MMIO emulation. */
struct virq *vgic_virq(struct vcpu *vcpu, unsigned int intid);
void vgic_virq_set_pending(struct vcpu *vcpu, unsigned int intid, bool pending);
void vgic_virq_set_enabled(struct partition *p, struct virq *virq, unsigned int intid, bool enabled);
struct vcpu *vgic_virq_target(struct partition *p, unsigned int intid, struct vcpu *local);
/* Pending, enabled, distributor on: its target must look at it. Caller holds the lock. */
bool vgic_virq_waiting(struct partition *p, const struct virq *virq);
/* GICD_IROUTER: routes an SPI to vCPU index; true if that made it wait for the new target. */
bool vgic_spi_set_target(struct partition *p, unsigned int intid, unsigned int index);
/*
 * Only a write that made an interrupt wait for a vCPU that had nothing
 * to take wakes it: a write that changed nothing must not cost another
 * CPU an exit. vgic_wake_waiting: after the distributor is enabled.
 */
void vgic_wake(struct vcpu *vcpu);
void vgic_wake_waiting(struct partition *p);

#endif
