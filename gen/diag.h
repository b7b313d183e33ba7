/*
 * Diagnostics as compilers print them: "file:line:col: error: message",
 * the source line, a caret under the column, and an optional hint. Every
 * error of a run is reported; the count decides the exit status.
 */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>

struct source_position {
	const char *file;	/* NULL for errors that belong to no file */
	unsigned int line;	/* 1-based; 0 when unknown */
	unsigned int column;	/* 1-based */
};

/* Registers a file's text so diagnostics can quote its lines. */
void diag_add_source(const char *file, const char *text, size_t length);

void diag_error(struct source_position at, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(struct source_position at, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

unsigned int diag_error_count(void);
unsigned int diag_warning_count(void);

/* The warnings reported since diag_reset(), in order, each with its position (the layout picture). */
unsigned int diag_warning_records(void);
const char *diag_warning_record(unsigned int i, struct source_position *at);

/* Counts diagnostics without printing them (the fuzzer). */
void diag_set_quiet(bool quiet);

/* Forgets the counts and the recorded warnings but keeps the registered sources. */
void diag_reset_counts(void);

/* Frees the registered sources. */
void diag_reset(void);

#endif
