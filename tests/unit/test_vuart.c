// tests: core/vuart.c core/lib/byte_ring.c
/*
 * The emulated console's lines across a restart (core/vuart.c): the run
 * that ends gives up what it buffered as its last line, and a vCPU of that
 * run still on its way out (the partition's other vCPU, which the restart
 * has not stopped yet) writes nothing more, so the next run's first line
 * starts with the next run's first byte. core-attacks once saw
 * "[crash]  storm: ..." after a restart: a space of the old run's
 * "PASS " had been written after the flush.
 */
#include "unit.h"

#include <console.h>
#include <vuart.h>

#include <stdarg.h>

static char lines[8][VUART_LINE_MAX + 16];
static unsigned int line_count;

void console_partition_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (line_count < 8)
		vsnprintf(lines[line_count++], sizeof(lines[0]), fmt, args);
	va_end(args);
}

void console_drain(void)
{
}

static struct vuart uart;

static void write_text(const char *text)
{
	vuart_write_guest_text(&uart, text, strlen(text));
}

static void check_restart_keeps_lines_apart(void)
{
	vuart_init(&uart, "crash", true);
	write_text("storm: faulting on two vCPUs\nPASS");
	vuart_close(&uart);
	/* The other vCPU, not yet out: its bytes belong to no run. */
	write_text(" second-vcpu-started");
	vuart_open(&uart);
	write_text("storm: faulting on two vCPUs\n");
	CHECK(line_count == 3);
	CHECK_STR(lines[0], "[crash] storm: faulting on two vCPUs\n");
	CHECK_STR(lines[1], "[crash] PASS\n");
	CHECK_STR(lines[2], "[crash] storm: faulting on two vCPUs\n");
}

static void check_closed_console_keeps_no_ring_bytes(void)
{
	char text[64];
	uint64_t next, n;

	vuart_init(&uart, "quiet", false);
	write_text("one\n");
	vuart_close(&uart);
	write_text("late\n");
	vuart_open(&uart);
	write_text("two\n");
	n = vuart_ring_read(&uart, 0, text, sizeof(text) - 1, &next);
	text[n] = '\0';
	CHECK_STR(text, "one\ntwo\n");
}

int main(void)
{
	check_restart_keeps_lines_apart();
	line_count = 0;
	check_closed_console_keeps_no_ring_bytes();
	return unit_finish("vuart");
}
