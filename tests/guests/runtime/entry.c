/* Between start.S and the guest's own code. */
#include <entry.h>
#include <psci.h>
#include <runtime_layout.h>
#include <verdict.h>

uint64_t runtime_entry_counter;	/* written by start.S */

static volatile secondary_entry secondary_entries[MAX_VCPUS];

/* Called by start.S on vCPU 0. */
void runtime_main(uint64_t dtb);
void runtime_main(uint64_t dtb)
{
	psci_init();
	guest_main(dtb);
	done();
}

/* Called by start.S on every other vCPU, vcpu < MAX_VCPUS. */
void runtime_secondary(unsigned int vcpu);
void runtime_secondary(unsigned int vcpu)
{
	secondary_entry entry = secondary_entries[vcpu];

	if (entry != 0)
		entry(vcpu);
	else
		guest_secondary(vcpu);
	psci_cpu_off();
}

/* Guests without secondaries need not define one. */
__attribute__((weak)) void guest_secondary(unsigned int vcpu)
{
	(void)vcpu;
}

int64_t start_vcpu(unsigned int vcpu, secondary_entry entry)
{
	if (vcpu >= MAX_VCPUS)
		return PSCI_INVALID_PARAMETERS;
	secondary_entries[vcpu] = entry;
	return psci_cpu_on(vcpu, _start, 0);
}
