/* panic(): one message on the console, then the machine powers off. */
#include <arch.h>
#include <console.h>
#include <cpu.h>
#include <panic.h>

#include <stdarg.h>

_Noreturn void panic(const char *fmt, ...)
{
	va_list args;
	struct cpu *cpu = cpu_this();

	/* The ring written out first, so the last words fit; from now on each waits, boundedly. */
	console_flush_sync();
	console_printf("\nbulkhead: PANIC on CPU%u: ", cpu != NULL ? cpu->index : 0U);
	va_start(args, fmt);
	console_vprintf(fmt, args);
	va_end(args);
	console_printf("\nbulkhead: machine stopped\n");
	arch_power_off();
}
