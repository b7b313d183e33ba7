/*
 * A partition's console text, or the hypervisor's log, made fit for a
 * terminal: whatever a partition printed reaches the reader's terminal
 * as text only. Printable ASCII and tabs pass; every other byte (escape
 * sequences, carriage returns, other control characters, bytes above
 * 0x7e) is shown as "\xNN", and a backslash as "\\", so what is shown
 * reads back unambiguously. Lines are written whole: a partial line is
 * held until its newline, or until the caller gives up waiting for it.
 */
#ifndef CONSOLE_TEXT_H
#define CONSOLE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Longer lines are written in pieces of this many shown bytes. */
#define CONSOLE_TEXT_LINE_MAX 1024

struct console_text {
	char shown[CONSOLE_TEXT_LINE_MAX];	/* the held line, escaped */
	size_t used;
};

/* The escaped form of one byte, NUL-terminated, at most 4 characters. */
void console_text_escape(unsigned char byte, char shown[5]);

/* Takes bytes; writes to out every line they complete. */
void console_text_put(struct console_text *text, const char *bytes, size_t len, FILE *out);

/* Whether a partial line is held. */
bool console_text_holds(const struct console_text *text);

/* Writes the held partial line as it is (no newline added). */
void console_text_flush(struct console_text *text, FILE *out);

#endif
