// tests: tools/target/lib/console_text.c
/*
 * What bulkheadctl console and hvlog write to the terminal
 * (tools/target/lib/console_text.c): no byte a partition printed reaches
 * the terminal as a control character (escape sequences, carriage return,
 * backspace, DEL, C1 controls in 0x80..0x9f, other bytes above 0x7e), what
 * is shown reads back unambiguously, and lines come out whole.
 */
#include "../../tools/target/lib/console_text.h"
#include "unit.h"

#include <stdlib.h>

static char *shown;
static size_t shown_size;

/* What console_text writes for the given input pieces, flushed at the end or not. */
static const char *through(const char *const pieces[], size_t count, bool flush)
{
	static struct console_text text;
	FILE *out;

	free(shown);
	out = open_memstream(&shown, &shown_size);
	text.used = 0;
	for (size_t i = 0; i < count; i++)
		console_text_put(&text, pieces[i], strlen(pieces[i]), out);
	if (flush)
		console_text_flush(&text, out);
	fclose(out);
	return shown;
}

#define THROUGH(flush, ...) \
	through((const char *const[]){ __VA_ARGS__ }, sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *), flush)

static void test_every_byte_is_safe(void)
{
	for (unsigned int byte = 0; byte < 256; byte++) {
		char escaped[5];

		console_text_escape((unsigned char)byte, escaped);
		CHECK(strlen(escaped) >= 1 && strlen(escaped) <= 4);
		for (const char *at = escaped; *at != '\0'; at++)
			CHECK((*at >= 0x20 && *at <= 0x7e) || *at == '\t');
		if (byte >= 0x20 && byte <= 0x7e && byte != '\\')
			CHECK(escaped[0] == (char)byte && escaped[1] == '\0');
	}
}

static void test_escapes(void)
{
	CHECK_STR(THROUGH(true, "\x1b[2J\x1b]0;pwned\a"), "\\x1b[2J\\x1b]0;pwned\\x07");
	CHECK_STR(THROUGH(true, "ok\rforged"), "ok\\x0dforged");
	CHECK_STR(THROUGH(true, "a\bb\x7f\x9b" "31m\xff"), "a\\x08b\\x7f\\x9b31m\\xff");
	/* The escape's own introducer is escaped: a partition cannot fake one. */
	CHECK_STR(THROUGH(true, "\\x1b is not ESC"), "\\\\x1b is not ESC");
	CHECK_STR(THROUGH(true, "tab\there\n"), "tab\there\n");
}

static void test_whole_lines(void)
{
	/* A partial line is held until its newline, however it was cut. */
	CHECK_STR(THROUGH(false, "HEART", "BEAT 1\nHEART"), "HEARTBEAT 1\n");
	CHECK_STR(THROUGH(false, "HEART", "BEAT 1\nHEART", "BEAT 2\n"), "HEARTBEAT 1\nHEARTBEAT 2\n");
	/* Given up on (the caller's timeout, the end): written as it is, no newline invented. */
	CHECK_STR(THROUGH(true, "prompt> "), "prompt> ");
	CHECK_STR(THROUGH(false, "\n\n"), "\n\n");
}

static void test_long_line(void)
{
	static char line[3 * CONSOLE_TEXT_LINE_MAX + 2];
	const char *out;

	memset(line, 'x', sizeof(line) - 2);
	line[sizeof(line) - 2] = '\x1b';
	out = THROUGH(false, line);
	/* Written in pieces of the held line's size, never past it; the rest held. */
	CHECK(strlen(out) == 3 * CONSOLE_TEXT_LINE_MAX);
	out = THROUGH(true, line);
	CHECK(strlen(out) == 3 * CONSOLE_TEXT_LINE_MAX + 4 && strcmp(out + 3 * CONSOLE_TEXT_LINE_MAX, "\\x1b") == 0);
}

int main(void)
{
	test_every_byte_is_safe();
	test_escapes();
	test_whole_lines();
	test_long_line();
	free(shown);
	return unit_finish("console_text");
}
