/*
 * feature-check: run in a Linux partition, it checks that the CPU
 * features the layout hides are really gone. Each feature named on the
 * command line must read as absent in its ID register field (read from
 * EL0 with mrs, which Linux emulates from the values the hypervisor gives
 * it), and, where the architecture can trap it, executing one of its
 * instructions must raise SIGILL. Prints PASS/FAIL lines and exits 1 on
 * any failure. Static, for the initramfs.
 *
 *   feature-check [--hidden a,b,...] [--present c,d,...]
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_ID(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })

static uint64_t isar0(void) { return READ_ID(ID_AA64ISAR0_EL1); }
static uint64_t isar1(void) { return READ_ID(ID_AA64ISAR1_EL1); }
static uint64_t pfr0(void) { return READ_ID(ID_AA64PFR0_EL1); }
static uint64_t pfr1(void) { return READ_ID(ID_AA64PFR1_EL1); }
static uint64_t dfr0(void) { return READ_ID(ID_AA64DFR0_EL1); }

static sigjmp_buf trap_return;
static volatile sig_atomic_t got_sigill;

static void on_sigill(int sig)
{
	(void)sig;
	got_sigill = 1;
	siglongjmp(trap_return, 1);
}

/* Instructions of trappable features, each one the feature needs. */
static void use_sve(void) { __asm__ volatile(".inst 0x04bf5020" ::: "x0"); }	/* rdvl x0, #1 */
static void use_pauth(void) { __asm__ volatile(".inst 0x9ac13041" ::: "x1"); }	/* pacga x1, x2, x1 */

struct feature {
	const char *name;
	uint64_t (*reg)(void);
	unsigned int shift;
	void (*use)(void);	/* NULL when no trap can stop it */
};

static const struct feature features[] = {
	{ "aes", isar0, 4, NULL }, { "sha1", isar0, 8, NULL }, { "sha2", isar0, 12, NULL },
	{ "crc32", isar0, 16, NULL }, { "atomics", isar0, 20, NULL }, { "sha3", isar0, 32, NULL },
	{ "dotprod", isar0, 44, NULL }, { "rng", isar0, 60, NULL },
	{ "pauth", isar1, 8, use_pauth },	/* API; APA at 4 is checked with it */
	{ "sve", pfr0, 32, use_sve }, { "el2", pfr0, 8, NULL }, { "amu", pfr0, 44, NULL },
	{ "mte", pfr1, 8, NULL }, { "bti", pfr1, 0, NULL }, { "sme", pfr1, 24, NULL },
	/* Linux denies EL0 the PMU anyway, so a SIGILL here would prove nothing. */
	{ "pmu", dfr0, 8, NULL }, { "spe", dfr0, 32, NULL },
};

static unsigned int failures;

static void verdict(int ok, const char *what, const char *name, const char *why)
{
	printf("%s %s-%s%s%s\n", ok ? "PASS" : "FAIL", what, name, ok ? "" : ": ", ok ? "" : why);
	failures += !ok;
}

static const struct feature *find(const char *name)
{
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		if (strcmp(features[i].name, name) == 0)
			return &features[i];
	return NULL;
}

static unsigned int field(const struct feature *f)
{
	unsigned int v = (unsigned int)(f->reg() >> f->shift) & 0xf;

	if (strcmp(f->name, "pauth") == 0)
		v |= (unsigned int)(f->reg() >> 4) & 0xf;
	return v;
}

static int traps(const struct feature *f)
{
	got_sigill = 0;
	if (sigsetjmp(trap_return, 1) == 0)
		f->use();
	return got_sigill;
}

static void check_list(char *list, int hidden)
{
	for (char *name = strtok(list, ","); name != NULL; name = strtok(NULL, ",")) {
		const struct feature *f = find(name);
		if (f == NULL) {
			verdict(0, "known", name, "feature-check does not know this feature");
			continue;
		}
		if (hidden) {
			verdict(field(f) == 0, "id-hidden", name, "its ID register field is not zero");
			if (f->use != NULL)
				verdict(traps(f), "sigill", name, "its instruction ran");
		} else {
			verdict(field(f) != 0, "id-present", name, "its ID register field is zero");
		}
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_sigill };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGILL, &sa, NULL);
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--hidden") == 0)
			check_list(argv[i + 1], 1);
		else if (strcmp(argv[i], "--present") == 0)
			check_list(argv[i + 1], 0);
		else {
			fprintf(stderr, "usage: feature-check [--hidden a,b] [--present c,d]\n");
			return 2;
		}
	}
	printf("feature-check: %u failed\n", failures);
	return failures != 0;
}
