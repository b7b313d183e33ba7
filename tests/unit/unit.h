/*
 * A minimal unit-test harness for host tests of core/ code: CHECK records
 * a failure with its location and goes on; unit_finish() prints the
 * verdict and gives main() its exit status.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_checks;
static int unit_failures;

#define CHECK(cond)							\
	do {								\
		unit_checks++;						\
		if (!(cond)) {						\
			unit_failures++;				\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
		}							\
	} while (0)

#define CHECK_STR(actual, expected)					\
	do {								\
		const char *a_ = (actual), *e_ = (expected);		\
		unit_checks++;						\
		if (strcmp(a_, e_) != 0) {				\
			unit_failures++;				\
			fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, a_, e_);		\
		}							\
	} while (0)

static inline int unit_finish(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures == 0 ? 0 : 1;
}

#endif
