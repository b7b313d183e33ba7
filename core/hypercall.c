/*
 * The hypercall table. Every argument is checked against the calling
 * partition's own resources before anything is done; a bad request
 * returns an error in x0 and changes nothing else: no buffer, no state,
 * no other register (its caller keeps x1-x3 for a refused call).
 */
#include <console.h>
#include <control.h>
#include <counter.h>
#include <hypercall.h>
#include <hypercall_abi.h>
#include <arch.h>
#include <partition.h>
#include <partitions.h>
#include <vcpu_account.h>

#include <stddef.h>

typedef void (*hypercall_fn)(struct vcpu *vcpu, const uint64_t *args, uint64_t *results);

static void hc_version(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	(void)vcpu;
	(void)args;
	results[1] = (BH_ABI_VERSION_MAJOR << 16) | BH_ABI_VERSION_MINOR;
}

static void hc_partition_id(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	(void)args;
	results[1] = vcpu->partition->id;
	results[2] = vcpu->index;
}

static void hc_console_write(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	uint64_t ipa = args[1], len = args[2];
	const char *text;

	if (len > BH_CONSOLE_WRITE_MAX) {
		results[0] = (uint64_t)BH_ERR_INVALID;
		return;
	}
	text = partition_guest_buffer(vcpu->partition, ipa, len, false);
	if (text == NULL && len > 0) {
		results[0] = (uint64_t)BH_ERR_BAD_ADDRESS;
		return;
	}
	/* Through the partition's console, so its lines stay whole and prefixed. */
	vuart_write_guest_text(&vcpu->partition->uart, text, len);
}

static void hc_yield(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	/* With one vCPU per CPU there is nobody to yield to yet. */
	(void)vcpu;
	(void)args;
	(void)results;
}

static void hc_vcpu_stats(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	struct bh_vcpu_stats *out = NULL;
	struct vcpu *target;

	/* Every check before anything is written: a refusal leaves the buffer as it was. */
	if (args[1] >= partition_table_count) {
		results[0] = (uint64_t)BH_ERR_INVALID;
		return;
	}
	if (!vcpu->partition->is_root && args[1] != vcpu->partition->id) {
		results[0] = (uint64_t)BH_ERR_DENIED;
		return;
	}
	target = partition_vcpu(&partition_table[args[1]], (unsigned int)args[2]);
	if (args[2] > UINT32_MAX || target == NULL) {
		results[0] = (uint64_t)BH_ERR_INVALID;
		return;
	}
	if (args[3] != 0 && (args[4] < sizeof(*out) ||
			     (out = partition_guest_buffer(vcpu->partition, args[3], sizeof(*out), true)) == NULL)) {
		results[0] = (uint64_t)BH_ERR_BAD_ADDRESS;
		return;
	}
	results[1] = counter_ticks_to_ns(vcpu_times(target).run_ticks);
	results[2] = target->windows;
	results[3] = target->exits;
	if (out != NULL) {
		out->run_ns = results[1];
		out->hypervisor_ns = counter_ticks_to_ns(__atomic_load_n(&target->hyp_ticks, __ATOMIC_RELAXED));
		out->windows = target->windows;
		out->interrupts_injected = target->injected;
		out->exits = target->exits;
		for (unsigned int i = 0; i < BH_EXIT_REASONS; i++)
			out->exits_by_reason[i] = target->exits_by_reason[i];
	}
}

static const hypercall_fn hypercalls[] = {
	[BH_HC_VERSION - BH_HC_BASE] = hc_version,
	[BH_HC_PARTITION_ID - BH_HC_BASE] = hc_partition_id,
	[BH_HC_CONSOLE_WRITE - BH_HC_BASE] = hc_console_write,
	[BH_HC_YIELD - BH_HC_BASE] = hc_yield,
	[BH_HC_VCPU_STATS - BH_HC_BASE] = hc_vcpu_stats,
	[BH_HC_CONTROL - BH_HC_BASE] = control_hypercall,
};

void hypercall_handle(struct vcpu *vcpu, const uint64_t args[HYPERCALL_ARGS],
		      uint64_t results[HYPERCALL_RESULTS])
{
	uint64_t index = args[0] - BH_HC_BASE;

	results[0] = BH_OK;
	results[1] = results[2] = results[3] = 0;
	if (args[0] < BH_HC_BASE || index >= sizeof(hypercalls) / sizeof(hypercalls[0]) ||
	    hypercalls[index] == NULL)
		results[0] = (uint64_t)BH_ERR_NOT_SUPPORTED;
	else
		hypercalls[index](vcpu, args, results);
}
