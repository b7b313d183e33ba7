/* Fault containment: report, then apply the partition's policy. */
#include <fault.h>
#include <format.h>
#include <layout_query.h>
#include <log.h>
#include <partition.h>
#include <vcpu_run.h>

static const char *const kind_names[] = {
	[FAULT_READ] = "read from",
	[FAULT_WRITE] = "write to",
	[FAULT_EXECUTE] = "execute at",
	[FAULT_SERROR] = "SError near",
};

static const char *const policy_names[] = {
	[FAULT_INJECT] = "abort injected",
	[FAULT_STOP] = "partition stopped",
	[FAULT_RESTART] = "partition restarting",
};

/* A partition that faults in a loop must not flood the console. */
#define FAULTS_LOGGED_PER_RUN 8

/* A partition that faults again after this many restarts is crash-looping: stop it. */
#define RESTARTS_BEFORE_STOP 3

static void apply_policy(struct partition *p)
{
	switch (p->on_fault) {
	case FAULT_INJECT:
		return;
	case FAULT_STOP:
		partition_stop(p);
		return;
	case FAULT_RESTART:
		if (p->fault_restarts >= RESTARTS_BEFORE_STOP) {
			/* Said once, by the vCPU whose stop took effect. */
			unsigned int restarts = p->fault_restarts;
			if (partition_stop(p))
				log_warn("partition %s faulted again after %u restarts: stopped", p->name, restarts);
		} else {
			partition_restart(p, RESTART_BY_FAULT_POLICY);
		}
		return;
	}
}

void fault_device(struct partition *p, const struct device_fault *fault)
{
	char owner[96];
	unsigned int seen;

	if (__atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != PARTITION_RUNNING)
		return;
	seen = __atomic_fetch_add(&p->faults, 1, __ATOMIC_RELAXED);
	if (seen == FAULTS_LOGGED_PER_RUN)
		log_warn("fault: partition %s: further faults are counted, not logged", p->name);
	if (seen < FAULTS_LOGGED_PER_RUN) {
		char device[96];

		layout_describe_guest_address(p->layout, fault->address, owner, sizeof(owner));
		/* A function the layout names is named as the layout does: "disk (00:03.0, stream 0x18)". */
		if (fault->function != NULL)
			format_buffer(device, sizeof(device), "%s (%02x:%02x.%x, stream %#x)", fault->function,
				      fault->requester >> 8, (fault->requester >> 3) & 0x1f, fault->requester & 7,
				      fault->stream);
		else
			format_buffer(device, sizeof(device), "%s (stream %#x, %02x:%02x.%x)", fault->device,
				      fault->stream, fault->requester >> 8, (fault->requester >> 3) & 0x1f,
				      fault->requester & 7);
		log_warn("fault: partition %s device %s DMA %s %#llx (%s, %u access%s up to %#llx): "
			 "%s; %s", p->name, device, kind_names[fault->kind],
			 (unsigned long long)fault->address, fault->reason, fault->accesses,
			 fault->accesses == 1 ? "" : "es", (unsigned long long)fault->last, owner,
			 p->on_fault == FAULT_INJECT ? "transfer aborted" : policy_names[p->on_fault]);
	}
	apply_policy(p);
}

bool fault_handle(struct vcpu *vcpu, const struct fault *fault)
{
	struct partition *p = vcpu->partition;
	char owner[96];
	unsigned int seen;

	/* Its other vCPU faulted at the same time and is already stopping or
	 * restarting it: this vCPU only has to leave, not act again. */
	if (__atomic_load_n(&p->state, __ATOMIC_ACQUIRE) != PARTITION_RUNNING)
		return false;
	seen = __atomic_fetch_add(&p->faults, 1, __ATOMIC_RELAXED);

	if (seen == FAULTS_LOGGED_PER_RUN)
		log_warn("fault: partition %s: further faults are counted, not logged", p->name);
	/* An escalation stops the partition: always say why, past the cap too
	 * (at most once a run, since the run ends). */
	if (seen >= FAULTS_LOGGED_PER_RUN && !fault->escalate)
		goto apply;
	if (fault->permission)
		format_buffer(owner, sizeof(owner), "its own layout maps it without that access");
	else
		layout_describe_guest_address(p->layout, fault->address, owner, sizeof(owner));
	log_warn("fault: partition %s vCPU%u %s %#llx (%s, syndrome %#llx): %s; %s", p->name,
		 vcpu->index, kind_names[fault->kind], (unsigned long long)fault->address,
		 fault->reason, (unsigned long long)fault->syndrome, owner,
		 fault->escalate ? "partition stopped: it faults taking its own exception" :
		 policy_names[p->on_fault]);
apply:
	if (fault->escalate) {
		partition_stop(p);
		return false;
	}
	apply_policy(p);
	return p->on_fault == FAULT_INJECT;
}
