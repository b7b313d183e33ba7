/* Runtime entry points between start.S and the guest's own code. */
#include <guest.h>

void runtime_main(uint64_t dtb);
void runtime_main(uint64_t dtb)
{
	guest_main(dtb);
	done();
}

void runtime_secondary(unsigned int vcpu);
void runtime_secondary(unsigned int vcpu)
{
	guest_secondary(vcpu);
	psci_cpu_off();
}

/* Guests without secondaries need not define one. */
__attribute__((weak)) void guest_secondary(unsigned int vcpu)
{
	(void)vcpu;
}
