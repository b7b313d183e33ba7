/* Printing diagnostics with the offending source line and a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct source {
	char *file;
	char *text;
	size_t length;
};

#define MAX_SOURCES 8

static struct source sources[MAX_SOURCES];
static unsigned int source_count;
static unsigned int errors, warnings;
static bool quiet;

/* Every warning's position and message, for the layout picture. */
struct warning_record {
	struct source_position at;
	char *message;
};
static struct warning_record *records;
static unsigned int record_count;

static void record_warning(struct source_position at, const char *fmt, va_list args)
{
	struct warning_record *bigger = realloc(records, (record_count + 1) * sizeof(*records));
	char message[1024];

	if (bigger == NULL)
		return;
	records = bigger;
	vsnprintf(message, sizeof(message), fmt, args);
	records[record_count].message = strdup(message);
	if (records[record_count].message != NULL)
		records[record_count++].at = at;
}

unsigned int diag_warning_records(void)
{
	return record_count;
}

const char *diag_warning_record(unsigned int i, struct source_position *at)
{
	*at = records[i].at;
	return records[i].message;
}

void diag_set_quiet(bool on)
{
	quiet = on;
}

void diag_add_source(const char *file, const char *text, size_t length)
{
	struct source *s;

	if (source_count == MAX_SOURCES)
		return;
	s = &sources[source_count++];
	s->file = strdup(file);
	s->text = malloc(length + 1);
	if (s->file == NULL || s->text == NULL) {
		free(s->file);
		free(s->text);
		source_count--;
		return;
	}
	memcpy(s->text, text, length);
	s->text[length] = '\0';
	s->length = length;
}

static const struct source *find_source(const char *file)
{
	for (unsigned int i = 0; i < source_count && file != NULL; i++) {
		if (strcmp(sources[i].file, file) == 0)
			return &sources[i];
	}
	return NULL;
}

static void quote_line(struct source_position at)
{
	const struct source *s = find_source(at.file);
	const char *line;
	size_t len;

	if (s == NULL || at.line == 0)
		return;
	line = s->text;
	for (unsigned int n = 1; n < at.line; n++) {
		line = strchr(line, '\n');
		if (line == NULL)
			return;
		line++;
	}
	len = strcspn(line, "\n");
	fprintf(stderr, "%5u | %.*s\n      | ", at.line, (int)len, line);
	for (unsigned int c = 1; c < at.column && c <= len; c++)
		fputc(line[c - 1] == '\t' ? '\t' : ' ', stderr);
	fputs("^\n", stderr);
}

static void report(const char *severity, struct source_position at, const char *hint,
		   const char *fmt, va_list args)
{
	if (quiet)
		return;
	if (at.file != NULL && at.line > 0)
		fprintf(stderr, "%s:%u:%u: %s: ", at.file, at.line, at.column, severity);
	else if (at.file != NULL)
		fprintf(stderr, "%s: %s: ", at.file, severity);
	else
		fprintf(stderr, "bulkhead: %s: ", severity);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
	quote_line(at);
	if (hint != NULL)
		fprintf(stderr, "      = hint: %s\n", hint);
}

void diag_error(struct source_position at, const char *hint, const char *fmt, ...)
{
	va_list args;

	errors++;
	va_start(args, fmt);
	report("error", at, hint, fmt, args);
	va_end(args);
}

void diag_warning(struct source_position at, const char *hint, const char *fmt, ...)
{
	va_list args;

	warnings++;
	va_start(args, fmt);
	report("warning", at, hint, fmt, args);
	va_end(args);
	if (!quiet) {
		va_start(args, fmt);
		record_warning(at, fmt, args);
		va_end(args);
	}
}

unsigned int diag_error_count(void)
{
	return errors;
}

unsigned int diag_warning_count(void)
{
	return warnings;
}

void diag_reset(void)
{
	for (unsigned int i = 0; i < source_count; i++) {
		free(sources[i].file);
		free(sources[i].text);
	}
	source_count = 0;
	diag_reset_counts();
}

void diag_reset_counts(void)
{
	errors = warnings = 0;
	for (unsigned int i = 0; i < record_count; i++)
		free(records[i].message);
	free(records);
	records = NULL;
	record_count = 0;
}
