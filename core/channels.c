/* Channel doorbells and the state channels return to on a restart. */
#include <arch.h>
#include <arch/vgic.h>
#include <channels.h>
#include <layout.h>
#include <log.h>
#include <mmio.h>
#include <partitions.h>

/* The device of a doorbell page: which channel, rung from which end. */
struct doorbell {
	const struct layout_channel *channel;
	unsigned int end;
	uint64_t rings;
};

static struct doorbell doorbells[CONFIG_MAX_PARTITIONS * 8];
static unsigned int doorbell_count;

/* A write rings the other end; reads return how often this end has rung. */
static enum mmio_result doorbell_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct doorbell *bell = device;
	const struct layout_channel_end *other = &bell->channel->ends[1 - bell->end];
	struct partition *peer;

	(void)vcpu;
	if (!access->write) {
		access->value = __atomic_load_n(&bell->rings, __ATOMIC_RELAXED);
		return MMIO_HANDLED;
	}
	__atomic_fetch_add(&bell->rings, 1, __ATOMIC_RELAXED);
	peer = partition_by_id(other->partition);
	if (other->doorbell != 0 && peer != NULL && peer->state == PARTITION_RUNNING)
		vgic_inject(&peer->vcpus[0], other->doorbell);
	return MMIO_HANDLED;
}

void channels_partition_init(struct partition *p)
{
	for (unsigned int c = 0; c < layout.channel_count; c++) {
		const struct layout_channel *ch = &layout.channels[c];
		for (unsigned int e = 0; e < 2; e++) {
			struct doorbell *bell;
			struct mmio_region page;

			if (ch->ends[e].partition != p->id)
				continue;
			if (doorbell_count == sizeof(doorbells) / sizeof(doorbells[0])) {
				log_error("partition %s: too many channel ends for their doorbells", p->name);
				return;
			}
			bell = &doorbells[doorbell_count++];
			*bell = (struct doorbell){ .channel = ch, .end = e };
			page = (struct mmio_region){ .base = ch->doorbell_ipa, .size = 0x1000,
						     .handle = doorbell_mmio, .device = bell, .name = "doorbell" };
			if (!mmio_register(&p->mmio, &page))
				log_error("partition %s: no room for the doorbell of channel %s", p->name, ch->name);
			if (ch->ends[e].doorbell != 0)
				vgic_assign_virtual_spi(p, ch->ends[e].doorbell);
		}
	}
}

/*
 * Only a channel the partition alone writes is its own to clear: where both
 * ends write, the other end may be using it, and keeps it as it is.
 */
void channels_partition_reset(struct partition *p)
{
	for (unsigned int c = 0; c < layout.channel_count; c++) {
		const struct layout_channel *ch = &layout.channels[c];
		for (unsigned int e = 0; e < 2; e++) {
			if (ch->ends[e].partition == p->id && ch->ends[e].writable && !ch->ends[1 - e].writable) {
				arch_memory_zero((void *)(uintptr_t)ch->pa, ch->size);
				arch_memory_clean((void *)(uintptr_t)ch->pa, ch->size);
			}
		}
	}
}
