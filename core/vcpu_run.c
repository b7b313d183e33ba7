/*
 * vCPU and partition life cycle. Each physical CPU owns the vCPUs pinned
 * to it; only that CPU enters them. Other CPUs change a vCPU's state under
 * its partition's lock and kick the owning CPU, which acts on the change
 * the next time it is in the hypervisor.
 */
#include <arch.h>
#include <console.h>
#include <cpu.h>
#include <format.h>
#include <irq.h>
#include <log.h>
#include <partitions.h>
#include <pci_host.h>
#include <reload.h>
#include <counter.h>
#include <sched.h>
#include <vcpu_account.h>
#include <vcpu_run.h>
#include <arch/vgic.h>


static struct vcpu *due_vcpu(unsigned int cpu)
{
	for (unsigned int i = 0; i < vcpu_table_count; i++) {
		struct vcpu *v = &vcpu_table[i];
		if (v->cpu == cpu && v->state == VCPU_PENDING &&
		    v->partition->state == PARTITION_RUNNING)
			return v;
	}
	return NULL;
}

_Noreturn void cpu_idle(void)
{
	struct cpu *cpu = cpu_this();

	if (cpu->vcpu != NULL) {
		account_off(cpu->vcpu, arch_counter_read());
		arch_vcpu_put(cpu->vcpu);
	}
	/* Its last writes to guest memory are visible before a restart may clear it. */
	__atomic_store_n(&cpu->vcpu, NULL, __ATOMIC_RELEASE);
	if (cpu->schedule != NULL)
		sched_run(cpu);
	log_debug("CPU%u: idle", cpu->index);
	for (;;) {
		struct vcpu *next = NULL;

		/* A pinned CPU's time is its partition's: its own restart is done here. */
		reload_work(cpu, NULL, 0);

		for (unsigned int i = 0; i < partition_table_count && next == NULL; i++) {
			struct partition *p = &partition_table[i];
			spin_lock(&p->lock);
			next = due_vcpu(cpu->index);
			if (next != NULL && next->partition == p) {
				next->state = VCPU_RUNNING;
				/* Under the lock a restart takes: it finds the vCPU here, or never entered. */
				cpu->vcpu = next;
			} else {
				next = NULL;
			}
			spin_unlock(&p->lock);
		}
		if (next != NULL) {
			log_debug("CPU%u: entering %s vCPU%u at %#llx", cpu->index, next->partition->name,
				  next->index, (unsigned long long)next->start_pc);
			account_running(next, arch_counter_read());
			arch_vcpu_start(next);
		}
		console_drain_if_pending();
		arch_wait_masked();
	}
}

static bool still_waits(struct vcpu *vcpu)
{
	return __atomic_load_n(&vcpu->state, __ATOMIC_ACQUIRE) == VCPU_RUNNING &&
	       __atomic_load_n(&vcpu->partition->state, __ATOMIC_ACQUIRE) == PARTITION_RUNNING &&
	       !vgic_has_deliverable(vcpu);
}

/*
 * The vCPU stays loaded: what wakes it is an interrupt this CPU takes (its
 * timer, a device it owns, a kick from a CPU that injected one for it or
 * changed its state), and the exit path then enters it as after any trap.
 * Interrupts stay masked between the check and the wait.
 */
void vcpu_wait(struct vcpu *vcpu)
{
	struct cpu *cpu = cpu_this();
	uint64_t now = arch_counter_read();

	vcpu->hyp_ticks += now - cpu->exit_at;
	account_waiting(vcpu, now, ACCOUNT_WAIT_OPEN);
	while (still_waits(vcpu)) {
		console_drain_if_pending();
		arch_wait_masked();
	}
	now = arch_counter_read();
	account_running(vcpu, now);
	cpu->exit_at = now;
}

enum vcpu_power_result vcpu_power_on(struct vcpu *vcpu, uint64_t entry, uint64_t context)
{
	struct partition *p = vcpu->partition;
	enum vcpu_power_result result = VCPU_POWER_STARTED;

	spin_lock(&p->lock);
	if (p->state != PARTITION_RUNNING)
		result = VCPU_POWER_DENIED;
	else if (vcpu->state == VCPU_RUNNING)
		result = VCPU_POWER_ALREADY_ON;
	else if (vcpu->state == VCPU_PENDING)
		result = VCPU_POWER_ON_PENDING;
	else {
		vcpu->start_pc = entry;
		vcpu->start_arg = context;
		vcpu->state = VCPU_PENDING;
	}
	spin_unlock(&p->lock);
	if (result == VCPU_POWER_STARTED)
		cpu_kick(vcpu->cpu);
	return result;
}

void vcpu_power_off(struct vcpu *vcpu)
{
	spin_lock(&vcpu->partition->lock);
	vcpu->state = VCPU_OFF;
	spin_unlock(&vcpu->partition->lock);
}

/* Marks every vCPU off and makes the CPUs running them let go. */
static void stop_vcpus(struct partition *p)
{
	for (unsigned int i = 0; i < p->vcpu_count; i++) {
		struct vcpu *v = &p->vcpus[i];
		bool was_running = v->state == VCPU_RUNNING;

		/* Its time stops when its CPU lets go (cpu_idle), not here. */
		v->state = VCPU_OFF;
		if (was_running && v->cpu != cpu_this()->index)
			cpu_kick(v->cpu);
	}
}

static bool any_partition_alive(void)
{
	for (unsigned int i = 0; i < partition_table_count; i++) {
		if (__atomic_load_n(&partition_table[i].state, __ATOMIC_ACQUIRE) != PARTITION_STOPPED)
			return true;
	}
	return false;
}

/*
 * Moves p from state `from` to `to` and stops its vCPUs; false if it was
 * not in `from`. A reload's record is set before it is seen LOADING.
 */
static bool leave_state(struct partition *p, enum partition_state from, enum partition_state to,
			const struct reload *reload)
{
	spin_lock(&p->lock);
	if (p->state != from) {
		spin_unlock(&p->lock);
		return false;
	}
	if (reload != NULL)
		p->reload = *reload;
	__atomic_store_n(&p->state, to, __ATOMIC_RELEASE);
	stop_vcpus(p);
	spin_unlock(&p->lock);
	return true;
}

bool partition_stop(struct partition *p)
{
	if (!leave_state(p, PARTITION_RUNNING, PARTITION_STOPPED, NULL))
		return false;
	/* Its devices stop DMA with it (a start reloads it through RELOAD_DEVICES, which resets them). */
	pci_partition_quiesce(p);
	vuart_close(&p->uart);
	log_info("partition %s stopped", p->name);
	/* Nothing can start a partition again once all have stopped. */
	if (!any_partition_alive()) {
		log_notice("every partition has stopped: powering off");
		arch_power_off();
	}
	return true;
}

static struct reload reload_for(const struct partition *p, enum restart_cause cause)
{
	uint64_t now = arch_counter_read();
	struct reload r = { .phase = RELOAD_WAIT, .cause = cause, .give_up_at = now + arch_counter_frequency() };

	/* Its own reset or crash: no sooner than the rate limit allows, in its own time. */
	if (cause != RESTART_BY_CONTROL && p->loaded_at != 0)
		r.not_before = p->loaded_at + counter_ns_to_ticks(SELF_RESTART_INTERVAL_NS);
	return r;
}

/*
 * A restart by control is done now, on the controller's CPU and in its
 * time. A partition's own reset or fault-policy restart is done in the
 * partition's own time, by its home CPU (reload.h): the caller's CPU goes
 * on with whatever is due.
 */
bool partition_restart(struct partition *p, enum restart_cause cause)
{
	struct reload r = reload_for(p, cause);
	unsigned int home = p->vcpus[0].cpu;

	if (!leave_state(p, PARTITION_RUNNING, PARTITION_LOADING, &r))
		return false;
	vuart_close(&p->uart);
	if (cause != RESTART_BY_CONTROL) {
		if (home != cpu_this()->index)
			cpu_kick(home);
		return true;
	}
	if (!reload_run_now(p, cause))
		return false;
	log_info("partition %s restarted (%u restarts)", p->name, p->restarts);
	return true;
}

bool partition_start(struct partition *p)
{
	struct reload r = reload_for(p, RESTART_BY_CONTROL);

	if (!leave_state(p, PARTITION_STOPPED, PARTITION_LOADING, &r))
		return false;
	if (!reload_run_now(p, RESTART_BY_CONTROL))
		return false;
	log_info("partition %s started again (%u restarts)", p->name, p->restarts);
	return true;
}

/* The accounting of every vCPU, as the machine stops. */
static void print_accounting(void)
{
	uint64_t frequency = arch_counter_frequency();

	log_notice("accounting: partition/vCPU, CPU, run time, windows, exits, wait time, interrupts injected");
	for (unsigned int i = 0; i < vcpu_table_count; i++) {
		const struct vcpu *v = &vcpu_table[i];
		struct vcpu_times times = vcpu_times(v);
		char waited[40] = "WFI native, idle in run time";

		if (!v->wfi_native)
			format_buffer(waited, sizeof(waited), "%llu us waiting",
				 (unsigned long long)(times.wait_ticks * 1000000 / frequency));
		log_notice("  %s/%u on CPU%u%s: %llu us, %llu windows, %llu exits, %s, %llu interrupts", v->partition->name,
			 v->index, v->cpu, v->scheduled ? " (scheduled)" : "",
			 (unsigned long long)(times.run_ticks * 1000000 / frequency), (unsigned long long)v->windows,
			 (unsigned long long)v->exits, waited, (unsigned long long)v->injected);
	}
}

_Noreturn void machine_power_off(struct partition *root)
{
	for (unsigned int i = 0; i < partition_table_count; i++)
		vuart_flush(&partition_table[i].uart);
	log_notice("root partition %s powered off: stopping the machine", root->name);
	print_accounting();
	log_notice("maintenance interrupts taken: %llu", (unsigned long long)irq_maintenance_count());
	arch_power_off();
}
