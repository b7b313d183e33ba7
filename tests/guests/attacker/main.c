/*
 * attacker: tries to escape its partition. It reads and writes another
 * partition's RAM, the hypervisor's memory and a device it was not given,
 * and executes memory the layout does not let it execute. Each attempt must end in
 * the partition's fault policy: with "inject" the guest sees an abort and
 * reports "ATTACK <what> contained"; with "stop" or "restart" it never
 * gets to report, and the hypervisor's log says what happened.
 *
 * The addresses are those of tests/layouts/core-checks.yaml.
 */
#include <guest.h>

#define VICTIM_RAM	0x50000000UL	/* the victim partition's RAM */
#define HYPERVISOR	0x40081000UL	/* the hypervisor's code */
#define RTC		0x09010000UL	/* a device owned by the root */

static volatile bool aborted;
static volatile uint64_t abort_address;

#define NO_EXECUTE	0x61000000UL	/* its own second region: rw, not x */

static enum sync_action expect_abort(const struct exception_info *info)
{
	unsigned int ec = (unsigned int)(info->esr >> 26);

	aborted = true;
	abort_address = info->far;
	if (ec == 0x24 || ec == 0x25)
		return SYNC_SKIP;
	/* An instruction abort at the branch target: go back to the caller. */
	return ec == 0x20 || ec == 0x21 ? SYNC_RETURN : SYNC_UNEXPECTED;
}

static void attack_execute(const char *what, uintptr_t address)
{
	/* "ret", so that the jump would come straight back were it allowed. */
	*(volatile uint32_t *)address = 0xd65f03c0;
	aborted = false;
	((void (*)(void))address)();
	check(aborted && abort_address == address, what, "execution at %#lx was not stopped",
	      (unsigned long)address);
	if (aborted)
		guest_printf("ATTACK %s contained\n", what);
}

static void attack_read(const char *what, uintptr_t address)
{
	aborted = false;
	(void)*(volatile uint64_t *)address;
	check(aborted && abort_address == address, what, "read of %#lx was not stopped", (unsigned long)address);
	if (aborted)
		guest_printf("ATTACK %s contained\n", what);
}

static void attack_write(const char *what, uintptr_t address)
{
	aborted = false;
	*(volatile uint64_t *)address = 0xbadc0ffee;
	check(aborted && abort_address == address, what, "write to %#lx was not stopped", (unsigned long)address);
	if (aborted)
		guest_printf("ATTACK %s contained\n", what);
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	guest_printf("attacker: starting\n");
	set_sync_hook(expect_abort);
	attack_read("read-victim-memory", VICTIM_RAM);
	attack_write("write-victim-memory", VICTIM_RAM + 0x1000);
	attack_read("read-hypervisor-memory", HYPERVISOR);
	attack_write("write-hypervisor-memory", HYPERVISOR);
	attack_read("read-foreign-device", RTC);
	attack_write("write-foreign-device", RTC);
	attack_execute("execute-non-executable-memory", NO_EXECUTE);
	guest_printf("attacker: every attack contained\n");
	/* Powering off stops this partition only. */
	psci_system_off();
}
