/*
 * attacker: tries to escape its partition. It reads and writes another
 * partition's RAM, the hypervisor's memory and a device it was not given,
 * and executes memory the layout does not let it execute. Each attempt
 * must end in the partition's fault policy: with "inject" the guest sees
 * an abort and reports "PASS what" and "ATTACK what contained"; with
 * "stop" or "restart" it never gets to report, and the hypervisor's log
 * says what happened. Natively there is nothing to escape from (and the
 * addresses are QEMU's RAM or devices), so every attack is a SKIP.
 *
 * The addresses are other partitions' RAM and the hypervisor's in the
 * physical map, but this partition's guest-physical space maps nothing
 * there: these attacks prove the policies, not the edges of a mapping
 * (the bounds and intruder guests attack what a mistake would expose).
 * The default addresses are those of tests/layouts/core-checks.yaml;
 * override them with GUEST_DEFINES_attacker='-DATTACK_VICTIM_RAM=...'.
 * The order matters to that test: the first attack is the victim read.
 */
#include <guest.h>

#ifndef ATTACK_VICTIM_RAM
#define ATTACK_VICTIM_RAM	0x50000000UL	/* the victim partition's RAM */
#endif
#ifndef ATTACK_HYPERVISOR
#define ATTACK_HYPERVISOR	0x40081000UL	/* the hypervisor's code */
#endif
#ifndef ATTACK_FOREIGN_DEVICE
#define ATTACK_FOREIGN_DEVICE	0x09010000UL	/* the RTC, owned by the root */
#endif
#ifndef ATTACK_NO_EXECUTE
#define ATTACK_NO_EXECUTE	0x61000000UL	/* its own second region: rw, not x */
#endif

#define VICTIM_WRITE_OFFSET	0x1000
#define ATTACK_PATTERN		0xbadc0ffeeUL

enum attack_kind { ATTACK_READ, ATTACK_WRITE, ATTACK_EXECUTE };

/* No tables of pointers (verbs by kind): they would hold link-time addresses,
 * and the image must run wherever it is loaded. */
static const char *verb_of(enum attack_kind kind)
{
	if (kind == ATTACK_READ)
		return "read of";
	return kind == ATTACK_WRITE ? "write to" : "execution at";
}

static void attack(const char *what, enum attack_kind kind, uintptr_t address)
{
	struct probe_result result;
	bool contained;

	if (!bulkhead_present()) {
		skip(what, "no hypervisor to contain the access to %#lx", (unsigned long)address);
		return;
	}
	switch (kind) {
	case ATTACK_READ:
		result = probe_read(address);
		break;
	case ATTACK_WRITE:
		result = probe_write(address, ATTACK_PATTERN);
		break;
	case ATTACK_EXECUTE:
	default:
		result = probe_execute(address);
		break;
	}
	contained = result.aborted && result.far == address;
	check(contained, what, "%s %#lx was not stopped (abort %d, FAR %#llx)", verb_of(kind),
	      (unsigned long)address, result.aborted, (unsigned long long)result.far);
	/* Only an abort at the address attacked counts: one elsewhere means
	 * the access reached something first. */
	if (contained)
		console_printf("ATTACK %s contained\n", what);
}

void guest_main(uint64_t dtb)
{
	(void)dtb;
	console_printf("attacker: starting\n");
	attack("read-victim-memory", ATTACK_READ, ATTACK_VICTIM_RAM);
	attack("write-victim-memory", ATTACK_WRITE, ATTACK_VICTIM_RAM + VICTIM_WRITE_OFFSET);
	attack("read-hypervisor-memory", ATTACK_READ, ATTACK_HYPERVISOR);
	attack("write-hypervisor-memory", ATTACK_WRITE, ATTACK_HYPERVISOR);
	attack("read-foreign-device", ATTACK_READ, ATTACK_FOREIGN_DEVICE);
	attack("write-foreign-device", ATTACK_WRITE, ATTACK_FOREIGN_DEVICE);
	attack("execute-non-executable-memory", ATTACK_EXECUTE, ATTACK_NO_EXECUTE);
	if (bulkhead_present() && verdicts_failed() == 0)
		console_printf("attacker: every attack contained\n");
	/* done() powers off: this partition only, under the hypervisor. */
}
