/*
 * The static cyclic scheduler. Time is the generic counter, from an epoch
 * the primary fixes before partitions start, so every scheduled CPU's
 * frames line up. A window whose vCPU is off, stopped, or has given the
 * window back with WFI (and has no interrupt waiting) leaves the CPU idle
 * until the next boundary.
 */
#include <arch.h>
#include <console.h>
#include <counter.h>
#include <cpu.h>
#include <layout.h>
#include <partitions.h>
#include <reload.h>
#include <sched.h>
#include <vcpu_account.h>
#include <vcpu_run.h>
#include <arch/vgic.h>


static uint64_t epoch;

void sched_set_epoch(uint64_t counter)
{
	epoch = counter;
}

bool sched_cpu_init(struct cpu *cpu)
{
	for (unsigned int i = 0; i < layout.schedule_count; i++) {
		if (layout.schedules[i].cpu == cpu->index) {
			cpu->schedule = &layout.schedules[i];
			cpu->frame_ticks = counter_ns_to_ticks(layout.schedules[i].major_frame_ns);
			return cpu->frame_ticks > 0;
		}
	}
	return false;
}

static struct vcpu *window_vcpu(const struct layout_window *w)
{
	if (w->partition >= partition_table_count)
		return NULL;
	return partition_vcpu(&partition_table[w->partition], w->vcpu);
}

struct sched_slot sched_slot_at(const struct cpu *cpu, uint64_t now)
{
	const struct layout_schedule *s = cpu->schedule;
	uint64_t elapsed = now > epoch ? now - epoch : 0;
	uint64_t frame = elapsed / cpu->frame_ticks, position = elapsed % cpu->frame_ticks;
	uint64_t base = epoch + frame * cpu->frame_ticks;

	for (unsigned int i = 0; i < s->window_count; i++) {
		const struct layout_window *w = &s->windows[i];
		uint64_t start = counter_ns_to_ticks(w->start_ns), end = counter_ns_to_ticks(w->start_ns + w->duration_ns);

		if (position < start)
			return (struct sched_slot){ .frame = frame, .end = base + start };
		if (position < end)
			return (struct sched_slot){ .vcpu = window_vcpu(w), .serial = frame * s->window_count + i,
						    .frame = frame, .end = base + end };
	}
	return (struct sched_slot){ .frame = frame, .end = base + cpu->frame_ticks };
}

static bool runnable(const struct vcpu *v, const struct sched_slot *slot)
{
	if (v->partition->state != PARTITION_RUNNING)
		return false;
	if (v->state == VCPU_PENDING)
		return true;
	if (v->state != VCPU_RUNNING)
		return false;
	/* Gave this window back: only an interrupt brings it back before the next. */
	return v->yielded_in != slot->serial + 1 || vgic_has_deliverable((struct vcpu *)v);
}

/*
 * An urgent vCPU of this CPU with an interrupt it will take at once runs
 * now, whoever's window it is, until it waits again (WFI), the window ends
 * or the CPU's urgent budget for this frame is spent; the window's owner
 * loses that time, and no more than the budget per frame. An interrupt the
 * vCPU masks (PSTATE.I, its priority mask, a higher active priority) is
 * no reason: it would only spin in someone else's window. Only vCPUs the
 * layout marks urgent do this.
 */
static struct vcpu *urgent_vcpu(const struct cpu *cpu, const struct vcpu *current)
{
	if (cpu->urgent_left == 0)
		return NULL;
	for (unsigned int i = 0; i < vcpu_table_count; i++) {
		struct vcpu *v = &vcpu_table[i];
		if (v->urgent && v->cpu == cpu->index && v != current && v->state == VCPU_RUNNING &&
		    v->saved && v->partition->state == PARTITION_RUNNING && vgic_has_deliverable(v) &&
		    vgic_saved_vcpu_takes_interrupt(v, v->waiting))
			return v;
	}
	return NULL;
}

bool sched_urgent_pending(const struct vcpu *current)
{
	struct cpu *cpu = cpu_this();

	return cpu->schedule != NULL && urgent_vcpu(cpu, current) != NULL;
}

/*
 * Charges the urgent run that just ended to this frame's budget, and
 * starts each frame with the whole budget. Every exit from a vCPU on a
 * scheduled CPU comes back through sched_run, so no urgent run escapes.
 */
static void urgent_budget_update(struct cpu *cpu, const struct sched_slot *slot, uint64_t now)
{
	if (cpu->urgent_since != 0) {
		uint64_t used = now - cpu->urgent_since;
		cpu->urgent_left = used < cpu->urgent_left ? cpu->urgent_left - used : 0;
		cpu->urgent_since = 0;
	}
	if (cpu->urgent_frame != slot->frame + 1) {
		cpu->urgent_frame = slot->frame + 1;
		cpu->urgent_left = counter_ns_to_ticks(cpu->schedule->urgent_budget_ns);
	}
}

_Noreturn void sched_run(struct cpu *cpu)
{
	for (;;) {
		uint64_t now = arch_counter_read();
		struct sched_slot slot = sched_slot_at(cpu, now);
		struct vcpu *v = slot.vcpu, *urgent;

		urgent_budget_update(cpu, &slot, now);
		urgent = urgent_vcpu(cpu, NULL);
		if (urgent != NULL && urgent != v) {
			bool still_runs;

			/* Claimed under the lock a restart takes: it then finds the vCPU here, or never entered. */
			spin_lock(&urgent->partition->lock);
			still_runs = urgent->state == VCPU_RUNNING && urgent->partition->state == PARTITION_RUNNING;
			if (still_runs)
				cpu->vcpu = urgent;
			spin_unlock(&urgent->partition->lock);
			if (still_runs) {
				uint64_t entered = arch_counter_read();
				cpu->preempt = false;
				arch_timer_set_deadline(entered + cpu->urgent_left < slot.end ?
							entered + cpu->urgent_left : slot.end);
				cpu->urgent_since = entered;
				account_running(urgent, entered);
				urgent->waiting = false;
				arch_vcpu_resume(urgent);
			}
		}

		cpu->preempt = false;
		arch_timer_set_deadline(slot.end);
		/* The window's owner restarting itself: the work is done in its window. */
		if (v != NULL && __atomic_load_n(&v->partition->state, __ATOMIC_ACQUIRE) == PARTITION_LOADING &&
		    reload_work(cpu, v->partition, slot.end))
			continue;
		if (v != NULL) {
			bool start = false, resume = false;

			spin_lock(&v->partition->lock);
			if (runnable(v, &slot)) {
				start = v->state == VCPU_PENDING;
				resume = !start;
				v->state = VCPU_RUNNING;
				cpu->vcpu = v;
			}
			spin_unlock(&v->partition->lock);
			if (start || resume) {
				if (v->last_window != slot.serial + 1) {
					v->last_window = slot.serial + 1;
					v->windows++;
				}
				account_running(v, arch_counter_read());
				v->waiting = false;
				if (start || !v->saved)
					arch_vcpu_start(v);
				arch_vcpu_resume(v);
			}
		}
		console_drain_if_pending();
		arch_wait_masked();
	}
}

_Noreturn void sched_switch_out(struct vcpu *vcpu, void *trap_frame, bool yielded)
{
	struct cpu *cpu = cpu_this();
	uint64_t now = arch_counter_read();

	/* A window given back is waited out, unless an interrupt brings it back sooner. */
	if (yielded) {
		/* Only here: finding the slot is two divisions and a walk of the windows. */
		struct sched_slot slot = sched_slot_at(cpu, now);

		vcpu->yielded_in = slot.serial + 1;
		account_waiting(vcpu, now, slot.end);
	} else {
		account_off(vcpu, now);
	}
	vcpu->waiting = yielded;
	arch_vcpu_switch_out(vcpu, trap_frame);
	/* Its last writes to guest memory are visible before a restart may clear it. */
	__atomic_store_n(&cpu->vcpu, NULL, __ATOMIC_RELEASE);
	sched_run(cpu);
}
