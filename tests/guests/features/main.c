/*
 * features: a bare-metal partition checks its own feature mask at EL1,
 * where no operating system masks anything for it. The features its
 * layout hides are named by the "hidden=" word of its device tree's
 * bootargs (tests/layouts/cpu-state.yaml), or are "pmu,debug" without one
 * (tests/layouts/linux-root*.yaml). Every ID register field that
 * advertises a hidden feature must read as absent, AArch32 views
 * included, and so must the fields of what no partition is offered (EL2,
 * LORegions, MOPS, LS64, ...); using a hidden feature anyway must be an
 * undefined instruction even after the partition enables it in CPACR_EL1;
 * debug registers read as zero and ignore writes. Then it beats like
 * heartbeat.
 */
#include <guest.h>

#define ID_READER(name, encoding)						\
	static uint64_t name(void)						\
	{									\
		uint64_t v;							\
		__asm__ volatile("mrs %0, " encoding : "=r"(v));		\
		return v;							\
	}

ID_READER(id_pfr0, "s3_0_c0_c1_0")
ID_READER(id_pfr1, "s3_0_c0_c1_1")
ID_READER(id_dfr0, "s3_0_c0_c1_2")
ID_READER(id_isar5, "s3_0_c0_c2_5")
ID_READER(id_isar6, "s3_0_c0_c2_7")
ID_READER(mvfr1, "s3_0_c0_c3_1")
ID_READER(aa64pfr0, "s3_0_c0_c4_0")
ID_READER(aa64pfr1, "s3_0_c0_c4_1")
ID_READER(aa64zfr0, "s3_0_c0_c4_4")
ID_READER(aa64smfr0, "s3_0_c0_c4_5")
ID_READER(aa64dfr0, "s3_0_c0_c5_0")
ID_READER(aa64isar0, "s3_0_c0_c6_0")
ID_READER(aa64isar1, "s3_0_c0_c6_1")
ID_READER(aa64isar2, "s3_0_c0_c6_2")
ID_READER(aa64mmfr1, "s3_0_c0_c7_1")
ID_READER(aa64mmfr3, "s3_0_c0_c7_3")

struct id_field {
	const char *check;	/* verdict name */
	const char *features;	/* hidden if any of these is ("a|b"); "" = never offered */
	uint64_t (*read)(void);
	unsigned int shift, width;
	unsigned int hidden;	/* its value when hidden (at most) */
};

static const struct id_field fields[] = {
	{ "features-el2-hidden", "", aa64pfr0, 8, 4, 0 },
	{ "features-aarch32-el2-hidden", "", id_pfr1, 12, 4, 0 },
	{ "features-lor-hidden", "", aa64mmfr1, 16, 4, 0 },
	{ "features-mops-hidden", "", aa64isar2, 16, 4, 0 },
	{ "features-ls64-hidden", "", aa64isar1, 60, 4, 0 },
	{ "features-tcrx-hidden", "", aa64mmfr3, 0, 8, 0 },
	{ "features-brbe-hidden", "", aa64dfr0, 52, 4, 0 },
	{ "features-sve-hidden", "sve", aa64pfr0, 32, 4, 0 },
	{ "features-sve-zfr0-hidden", "sve", aa64zfr0, 0, 64, 0 },
	{ "features-sme-hidden", "sme|sve", aa64pfr1, 24, 4, 0 },
	{ "features-sme-smfr0-hidden", "sme|sve", aa64smfr0, 0, 64, 0 },
	{ "features-pmu-hidden", "pmu", aa64dfr0, 8, 4, 0 },
	{ "features-aarch32-pmu-hidden", "pmu", id_dfr0, 24, 4, 0 },
	{ "features-trace-hidden", "trace", aa64dfr0, 4, 4, 0 },
	{ "features-trace-filter-hidden", "trace", aa64dfr0, 40, 4, 0 },
	{ "features-trace-buffer-hidden", "trace", aa64dfr0, 44, 4, 0 },
	{ "features-aarch32-trace-hidden", "trace", id_dfr0, 12, 8, 0 },
	{ "features-aarch32-trace-filter-hidden", "trace", id_dfr0, 28, 4, 0 },
	{ "features-spe-hidden", "spe", aa64dfr0, 32, 4, 0 },
	{ "features-amu-hidden", "amu", aa64pfr0, 44, 4, 0 },
	{ "features-aarch32-amu-hidden", "amu", id_pfr0, 20, 4, 0 },
	{ "features-mte-hidden", "mte", aa64pfr1, 8, 4, 0 },
	{ "features-bti-hidden", "bti", aa64pfr1, 0, 4, 0 },
	{ "features-pauth-apa-hidden", "pauth", aa64isar1, 4, 8, 0 },
	{ "features-pauth-gpa-hidden", "pauth", aa64isar1, 24, 8, 0 },
	{ "features-pauth-qarma3-hidden", "pauth", aa64isar2, 8, 8, 0 },
	{ "features-aes-hidden", "aes", aa64isar0, 4, 4, 0 },
	{ "features-sha1-hidden", "sha1", aa64isar0, 8, 4, 0 },
	{ "features-sha2-hidden", "sha2", aa64isar0, 12, 4, 0 },
	{ "features-sha512-hidden", "sha512", aa64isar0, 12, 4, 1 },
	{ "features-sha3-hidden", "sha3|sha2", aa64isar0, 32, 4, 0 },
	{ "features-crc32-hidden", "crc32", aa64isar0, 16, 4, 0 },
	{ "features-atomics-hidden", "atomics", aa64isar0, 20, 4, 0 },
	{ "features-dotprod-hidden", "dotprod", aa64isar0, 44, 4, 0 },
	{ "features-rng-hidden", "rng", aa64isar0, 60, 4, 0 },
	{ "features-fp16-hidden", "fp16", aa64pfr0, 16, 8, 0 },
	{ "features-fhm-hidden", "fp16", aa64isar0, 48, 4, 0 },
	{ "features-aarch32-crypto-hidden", "aes", id_isar5, 4, 4, 0 },
	{ "features-aarch32-sha1-hidden", "sha1", id_isar5, 8, 4, 0 },
	{ "features-aarch32-sha2-hidden", "sha2", id_isar5, 12, 4, 0 },
	{ "features-aarch32-crc32-hidden", "crc32", id_isar5, 16, 4, 0 },
	{ "features-aarch32-dotprod-hidden", "dotprod", id_isar6, 4, 4, 0 },
	{ "features-aarch32-fhm-hidden", "fp16", id_isar6, 8, 4, 0 },
	{ "features-aarch32-fp16-hidden", "fp16", mvfr1, 20, 8, 0 },
};

static char hidden_list[160] = "pmu,debug";

/* Is one of "a|b" in the comma-separated hidden list? "" always is. */
static bool any_hidden(const char *names)
{
	if (*names == 0)
		return true;
	for (const char *n = names; *n;) {
		unsigned int len = 0;
		while (n[len] && n[len] != '|')
			len++;
		for (const char *h = hidden_list; *h;) {
			unsigned int k = 0;
			while (h[k] && h[k] != ',')
				k++;
			if (k == len) {
				unsigned int i = 0;
				while (i < len && h[i] == n[i])
					i++;
				if (i == len)
					return true;
			}
			h += k + (h[k] == ',');
		}
		n += len + (n[len] == '|');
	}
	return false;
}

static void check_id_fields(void)
{
	for (unsigned int i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const struct id_field *f = &fields[i];
		uint64_t value = f->read();
		uint64_t field = f->width == 64 ? value : (value >> f->shift) & ((1UL << f->width) - 1);

		if (!any_hidden(f->features))
			continue;
		check(field <= f->hidden, f->check, "field at bit %u reads %#llx (register %#llx)",
		      f->shift, (unsigned long long)field, (unsigned long long)value);
	}
}

static volatile unsigned int undefined_taken;

static enum sync_action expect_undefined(const struct exception_info *info)
{
	if (esr_class(info->esr) != ESR_EC_UNKNOWN)
		return SYNC_UNEXPECTED;
	undefined_taken++;
	return SYNC_SKIP;
}

#define CPACR_FPEN_ZEN_SMEN	((3UL << 20) | (3UL << 16) | (3UL << 24))

static void use_sve(void) { __asm__ volatile(".inst 0x04bf5020" ::: "x0"); }	/* rdvl x0, #1 */
static void use_sme(void) { __asm__ volatile(".inst 0xd503477f"); }	/* smstart */
static void use_pmu(void) { __asm__ volatile("mrs x0, pmcr_el0" ::: "x0"); }
static void use_amu(void) { __asm__ volatile("mrs x0, s3_3_c13_c2_0" ::: "x0"); }	/* AMCR_EL0 */
static void use_lor(void) { __asm__ volatile("mrs x0, s3_0_c10_c4_3" ::: "x0"); }	/* LORC_EL1 */
static void use_pauth(void) { __asm__ volatile(".inst 0x9ac13041" ::: "x1"); }	/* pacga x1, x2, x1 */

struct trapped_use {
	const char *check;
	const char *features;	/* as in struct id_field */
	void (*use)(void);
};

static const struct trapped_use uses[] = {
	{ "features-sve-trapped", "sve", use_sve },
	{ "features-sme-trapped", "sme|sve", use_sme },
	{ "features-pmu-trapped", "pmu", use_pmu },
	{ "features-amu-trapped", "amu", use_amu },
	{ "features-lor-trapped", "", use_lor },
	{ "features-pauth-trapped", "pauth", use_pauth },
};

/* Each hidden feature used anyway, with CPACR_EL1 letting EL1 use SVE and
 * SME: the hypervisor's trap, not the partition's own, must stop it. */
static void check_trapped_uses(void)
{
	uint64_t cpacr;

	__asm__ volatile("mrs %0, cpacr_el1" : "=r"(cpacr));
	__asm__ volatile("msr cpacr_el1, %0\n\tisb" : : "r"(cpacr | CPACR_FPEN_ZEN_SMEN));
	for (unsigned int i = 0; i < sizeof(uses) / sizeof(uses[0]); i++) {
		unsigned int before = undefined_taken;

		if (!any_hidden(uses[i].features))
			continue;
		uses[i].use();
		check(undefined_taken == before + 1, uses[i].check, "it ran");
	}
}

/* Registers the hypervisor answers itself: the RAS error records read as
 * none, ICC_SRE_EL1 stays on, set/way maintenance is emulated. */
static void check_emulated(void)
{
	uint64_t errors = 0, sre = 0;
	unsigned int before = undefined_taken;
	bool ras = ((aa64pfr0() >> 28) & 0xf) != 0;

	/* Without RAS the records do not exist: undefined, as on the CPU. */
	__asm__ volatile("mrs %0, s3_0_c5_c3_0" : "+r"(errors));	/* ERRIDR_EL1 */
	check(ras ? undefined_taken == before && errors == 0 : undefined_taken == before + 1,
	      "features-ras-records-none", "ERRIDR_EL1 %#llx, %s", (unsigned long long)errors,
	      undefined_taken == before ? "read" : "undefined");
	__asm__ volatile("msr s3_0_c12_c12_5, %1\n\tisb\n\tmrs %0, s3_0_c12_c12_5" : "=r"(sre) : "r"(0UL));
	check((sre & 7) == 7, "features-icc-sre-stays-on", "ICC_SRE_EL1 %#llx after writing 0", (unsigned long long)sre);
	before = undefined_taken;
	__asm__ volatile("dc isw, %0\n\tdc csw, %0\n\tdc cisw, %0" : : "r"(0UL) : "memory");
	check(undefined_taken == before, "features-set-way-emulated", "set/way maintenance faulted");
}

void guest_main(uint64_t dtb)
{
	uint64_t mdscr = 1;

	bootargs_value(dtb, "hidden=", hidden_list, sizeof(hidden_list));
	console_printf("features: hidden %s\n", hidden_list);
	check_id_fields();
	set_sync_hook(expect_undefined);
	check_trapped_uses();
	if (any_hidden("debug")) {
		__asm__ volatile("msr mdscr_el1, %0\n\tisb\n\tmrs %0, mdscr_el1" : "+r"(mdscr));
		check(mdscr == 0, "features-debug-raz-wi", "MDSCR_EL1 read back %#llx", (unsigned long long)mdscr);
	}
	check_emulated();
	set_sync_hook(0);
	console_printf("features: checks done, %u failed\n", verdicts_failed());
	heartbeat(0);
}
