/*
 * The verdict lines and their tally ("DONE 0 passed" is a failure).
 * Verdicts come from vCPU 0: the
 * runtime runs with the MMU off, where exclusives (atomic increments) are
 * not architecturally reliable, so secondaries report through flags.
 */
#include <console.h>
#include <psci.h>
#include <verdict.h>

static unsigned int passed, failed;

void pass(const char *name)
{
	passed++;
	console_printf("PASS %s\n", name);
}

static void vfail(const char *name, const char *fmt, va_list args)
{
	failed++;
	console_printf("FAIL %s: ", name);
	console_vprintf(fmt, args);
	console_putc('\n');
}

void fail(const char *name, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vfail(name, fmt, args);
	va_end(args);
}

void check(bool ok, const char *name, const char *fmt, ...)
{
	va_list args;

	if (ok) {
		pass(name);
		return;
	}
	va_start(args, fmt);
	vfail(name, fmt, args);
	va_end(args);
}

void skip(const char *name, const char *fmt, ...)
{
	va_list args;

	console_printf("SKIP %s: ", name);
	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
	console_putc('\n');
}

unsigned int verdicts_failed(void)
{
	return failed;
}

_Noreturn void done(void)
{
	/* A run that checked nothing (every test a SKIP, or none) proves
	 * nothing: it fails, so that no script can take it for a pass. */
	if (passed == 0)
		fail(guest_name, "no check passed (%s)", failed == 0 ? "every one skipped, or none ran" :
		     "every one failed");
	/* The test suites match this line exactly: keep its shape. */
	console_printf("DONE %u passed, %u failed\n", passed, failed);
	psci_system_off();
}
