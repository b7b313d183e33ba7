/*
 * The feature table: for each feature a partition can be denied, the ID
 * register fields that advertise it and the value they take when it is
 * hidden. A mask can only remove: a hidden field becomes the smaller of
 * the real value and the hidden one. Then the traps that make hiding real
 * where the architecture has them.
 */
#include <arch.h>
#include <arch/features.h>
#include <arch/psci.h>
#include <arch/sysregs.h>
#include <cpu_features.h>

#include <stddef.h>

enum id_register {
	ID_PFR0 = ID_REGISTER_INDEX(1, 0),
	ID_PFR1 = ID_REGISTER_INDEX(1, 1),
	ID_DFR0 = ID_REGISTER_INDEX(1, 2),
	ID_ISAR5 = ID_REGISTER_INDEX(2, 5),
	ID_ISAR6 = ID_REGISTER_INDEX(2, 7),
	MVFR1 = ID_REGISTER_INDEX(3, 1),
	ID_AA64PFR0 = ID_REGISTER_INDEX(4, 0),
	ID_AA64PFR1 = ID_REGISTER_INDEX(4, 1),
	ID_AA64ZFR0 = ID_REGISTER_INDEX(4, 4),
	ID_AA64SMFR0 = ID_REGISTER_INDEX(4, 5),
	ID_AA64DFR0 = ID_REGISTER_INDEX(5, 0),
	ID_AA64ISAR0 = ID_REGISTER_INDEX(6, 0),
	ID_AA64ISAR1 = ID_REGISTER_INDEX(6, 1),
	ID_AA64ISAR2 = ID_REGISTER_INDEX(6, 2),
	ID_AA64MMFR0 = ID_REGISTER_INDEX(7, 0),
	ID_AA64MMFR1 = ID_REGISTER_INDEX(7, 1),
	ID_AA64MMFR3 = ID_REGISTER_INDEX(7, 3),
};

/* Features no partition is offered, whatever its layout: hidden with el2,
 * which every partition has hidden (FEATURES_ALWAYS_HIDDEN). */
#define NEVER_OFFERED	FEATURE_EL2

struct id_field_rule {
	uint8_t feature;
	uint8_t reg;		/* enum id_register */
	uint8_t shift;
	uint8_t width;
	uint8_t hidden;		/* the field's value when the feature is hidden */
	bool signed_field;	/* 0xf means "not implemented": never raise it */
};

static const struct id_field_rule rules[] = {
	{ FEATURE_EL2, ID_AA64PFR0, 8, 4, 0, false },
	{ FEATURE_EL2, ID_PFR1, 12, 4, 0, false },		/* AArch32 Virtualization */
	{ FEATURE_SVE, ID_AA64PFR0, 32, 4, 0, false },
	{ FEATURE_SVE, ID_AA64ZFR0, 0, 64, 0, false },
	{ FEATURE_SME, ID_AA64PFR1, 24, 4, 0, false },
	{ FEATURE_SME, ID_AA64SMFR0, 0, 64, 0, false },
	{ FEATURE_PMU, ID_AA64DFR0, 8, 4, 0, false },
	{ FEATURE_TRACE, ID_AA64DFR0, 4, 4, 0, false },
	{ FEATURE_TRACE, ID_AA64DFR0, 40, 4, 0, false },	/* TraceFilt */
	{ FEATURE_AMU, ID_AA64PFR0, 44, 4, 0, false },
	{ FEATURE_MTE, ID_AA64PFR1, 8, 4, 0, false },
	{ FEATURE_PAUTH, ID_AA64ISAR1, 4, 4, 0, false },	/* APA */
	{ FEATURE_PAUTH, ID_AA64ISAR1, 8, 4, 0, false },	/* API */
	{ FEATURE_PAUTH, ID_AA64ISAR1, 24, 4, 0, false },	/* GPA */
	{ FEATURE_PAUTH, ID_AA64ISAR1, 28, 4, 0, false },	/* GPI */
	{ FEATURE_PAUTH, ID_AA64ISAR2, 8, 4, 0, false },	/* GPA3 */
	{ FEATURE_PAUTH, ID_AA64ISAR2, 12, 4, 0, false },	/* APA3 */
	{ FEATURE_AES, ID_AA64ISAR0, 4, 4, 0, false },
	{ FEATURE_SHA1, ID_AA64ISAR0, 8, 4, 0, false },
	{ FEATURE_SHA2, ID_AA64ISAR0, 12, 4, 0, false },
	{ FEATURE_SHA512, ID_AA64ISAR0, 12, 4, 1, false },	/* SHA2 stays, SHA512 goes */
	{ FEATURE_SHA3, ID_AA64ISAR0, 32, 4, 0, false },
	{ FEATURE_CRC32, ID_AA64ISAR0, 16, 4, 0, false },
	{ FEATURE_ATOMICS, ID_AA64ISAR0, 20, 4, 0, false },
	{ FEATURE_FP16, ID_AA64PFR0, 16, 4, 0, true },		/* FP */
	{ FEATURE_FP16, ID_AA64PFR0, 20, 4, 0, true },		/* AdvSIMD */
	{ FEATURE_DOTPROD, ID_AA64ISAR0, 44, 4, 0, false },
	{ FEATURE_RNG, ID_AA64ISAR0, 60, 4, 0, false },
	{ FEATURE_BTI, ID_AA64PFR1, 0, 4, 0, false },
	{ FEATURE_SPE, ID_AA64DFR0, 32, 4, 0, false },
	{ FEATURE_TRACE, ID_AA64DFR0, 44, 4, 0, false },	/* TraceBuffer */
	{ FEATURE_FP16, ID_AA64ISAR0, 48, 4, 0, false },	/* FHM: half-precision multiply-add */
	/* The AArch32 views of the same features, which Linux's compat hwcaps read. */
	{ FEATURE_AMU, ID_PFR0, 20, 4, 0, false },
	{ FEATURE_PMU, ID_DFR0, 24, 4, 0, false },		/* PerfMon */
	{ FEATURE_TRACE, ID_DFR0, 12, 4, 0, false },		/* CopTrc */
	{ FEATURE_TRACE, ID_DFR0, 16, 4, 0, false },		/* MMapTrc */
	{ FEATURE_TRACE, ID_DFR0, 28, 4, 0, false },		/* TraceFilt */
	{ FEATURE_AES, ID_ISAR5, 4, 4, 0, false },
	{ FEATURE_SHA1, ID_ISAR5, 8, 4, 0, false },
	{ FEATURE_SHA2, ID_ISAR5, 12, 4, 0, false },
	{ FEATURE_CRC32, ID_ISAR5, 16, 4, 0, false },
	{ FEATURE_DOTPROD, ID_ISAR6, 4, 4, 0, false },
	{ FEATURE_FP16, ID_ISAR6, 8, 4, 0, false },		/* FHM */
	{ FEATURE_FP16, MVFR1, 20, 4, 0, false },		/* SIMDHP */
	{ FEATURE_FP16, MVFR1, 24, 4, 0, false },		/* FPHP */
	/* LORegions: HCR_EL2.TLOR traps their registers to an undefined instruction. */
	{ NEVER_OFFERED, ID_AA64MMFR1, 16, 4, 0, false },	/* LO */
	/* What HCRX_EL2 = 0 leaves unusable: memory copy/set, LS64, TCR2, SCTLR2. */
	{ NEVER_OFFERED, ID_AA64ISAR2, 16, 4, 0, false },	/* MOPS */
	{ NEVER_OFFERED, ID_AA64ISAR1, 60, 4, 0, false },	/* LS64 */
	{ NEVER_OFFERED, ID_AA64MMFR3, 0, 4, 0, false },	/* TCRX */
	{ NEVER_OFFERED, ID_AA64MMFR3, 4, 4, 0, false },	/* SCTLRX */
	/* Branch record buffer: trapped by the fine-grained traps left at 0. */
	{ NEVER_OFFERED, ID_AA64DFR0, 52, 4, 0, false },	/* BRBE */
};

/* mrs needs the encoding in the instruction: one reader per ID register. */
#define ID_READER(crm, op2)						\
	static uint64_t read_id_##crm##_##op2(void)			\
	{								\
		uint64_t v;						\
		__asm__ volatile("mrs %0, S3_0_C0_C" #crm "_" #op2 : "=r"(v)); \
		return v;						\
	}
#define ID_READERS(crm) ID_READER(crm, 0) ID_READER(crm, 1) ID_READER(crm, 2) ID_READER(crm, 3) \
	ID_READER(crm, 4) ID_READER(crm, 5) ID_READER(crm, 6) ID_READER(crm, 7)
ID_READERS(1) ID_READERS(2) ID_READERS(3) ID_READERS(4) ID_READERS(5) ID_READERS(6) ID_READERS(7)

#define ID_ROW(crm) read_id_##crm##_0, read_id_##crm##_1, read_id_##crm##_2, read_id_##crm##_3, \
	read_id_##crm##_4, read_id_##crm##_5, read_id_##crm##_6, read_id_##crm##_7
static uint64_t (*const id_readers[ID_REGISTER_COUNT])(void) = {
	ID_ROW(1), ID_ROW(2), ID_ROW(3), ID_ROW(4), ID_ROW(5), ID_ROW(6), ID_ROW(7),
};

static uint64_t field_mask(const struct id_field_rule *rule)
{
	return rule->width == 64 ? ~0ULL : ((1ULL << rule->width) - 1) << rule->shift;
}

static uint64_t apply_rule(uint64_t value, const struct id_field_rule *rule)
{
	uint64_t mask = field_mask(rule);
	uint64_t real = (value & mask) >> rule->shift;

	if (rule->signed_field && real == 0xf)
		return value;
	if (real <= rule->hidden)
		return value;
	return (value & ~mask) | ((uint64_t)rule->hidden << rule->shift);
}

#define MDCR_EL2_HPMN_MASK	0x1fUL
#define MDCR_EL2_TPMCR		(1UL << 5)
#define MDCR_EL2_TPM		(1UL << 6)
#define MDCR_EL2_TDA		(1UL << 9)
#define MDCR_EL2_TDOSA		(1UL << 10)
#define MDCR_EL2_TDRA		(1UL << 11)
#define MDCR_EL2_TPMS		(1UL << 14)
#define MDCR_EL2_HPMD		(1UL << 17)	/* PMUv3p1: no counting at EL2 */
#define MDCR_EL2_TTRF		(1UL << 19)	/* trace filter controls trapped */
#define MDCR_EL2_HCCD		(1UL << 23)	/* PMUv3p5: no cycle counting at EL2 */
#define PMCR_N(pmcr)		(((pmcr) >> 11) & 0x1fUL)
#define HFGXTR_NSMPRI_EL1	(1UL << 54)	/* 0 traps SMPRI_EL1 */
#define HFGXTR_NTPIDR2_EL0	(1UL << 55)	/* 0 traps TPIDR2_EL0 */
#define SMCR_FA64		(1UL << 31)
#define SMCR_EZT0		(1UL << 30)
#define VECTOR_LEN_MAX		0x1ffUL		/* ZCR/SMCR LEN: the CPU clamps it to its longest */

/* ID register fields the hypervisor reads for itself, real values. */
#define PMUVER_V3P1		4
#define PMUVER_V3P5		6
#define PMUVER_IMPDEF		0xf
#define MTE_MTE2		2

static unsigned int real_field(unsigned int reg, unsigned int shift)
{
	return (unsigned int)(id_readers[reg]() >> shift) & 0xfU;
}

static bool is_hidden(uint64_t hidden, enum feature f)
{
	return (hidden & FEATURE_BIT(f)) != 0;
}

/*
 * Features that cannot be had without another: hiding one hides what
 * depends on it, so no ID register claims an impossible CPU. Streaming SVE
 * (SME) is SVE too, however CPTR_EL2.TZ is set.
 */
static uint64_t with_dependents(uint64_t hidden)
{
	if (is_hidden(hidden, FEATURE_SVE))
		hidden |= FEATURE_BIT(FEATURE_SME);
	if (is_hidden(hidden, FEATURE_SHA2))
		hidden |= FEATURE_BIT(FEATURE_SHA512) | FEATURE_BIT(FEATURE_SHA3);
	return hidden;
}

static void cpu_implements(struct cpu_implements *has)
{
	unsigned int pmu = real_field(ID_AA64DFR0, 8);

	has->sve = real_field(ID_AA64PFR0, 32) != 0;
	has->sme = real_field(ID_AA64PFR1, 24) != 0;
	has->ras = real_field(ID_AA64PFR0, 28) != 0;
	has->amu = real_field(ID_AA64PFR0, 44) != 0;
	has->lor = real_field(ID_AA64MMFR1, 16) != 0;
	has->hcrx = real_field(ID_AA64MMFR1, 40) != 0;
	has->fgt = real_field(ID_AA64MMFR0, 56) != 0;
	has->trace_filter = real_field(ID_AA64DFR0, 40) != 0;
	has->mte2 = real_field(ID_AA64PFR1, 8) >= MTE_MTE2;
	has->pauth = (id_readers[ID_AA64ISAR1]() & 0xff000ff0UL) != 0 ||
		     (id_readers[ID_AA64ISAR2]() & 0xff00UL) != 0;
	has->pmu = pmu != 0 && pmu != PMUVER_IMPDEF;
	has->pmu_v3p1 = has->pmu && pmu >= PMUVER_V3P1;
	has->pmu_v3p5 = has->pmu && pmu >= PMUVER_V3P5;
	has->hcrx_or_fgt = has->hcrx || has->fgt;
	has->switched_el1_extra = has->sme || has->ras;
	has->breakpoints = real_field(ID_AA64DFR0, 12) + 1;
	has->watchpoints = real_field(ID_AA64DFR0, 20) + 1;
}

static void compute_traps(struct feature_controls *c, uint64_t hidden)
{
	const struct cpu_implements *has = &c->has;
	uint64_t pmcr;

	/* Set/way maintenance reaches lines of every partition: emulated as
	 * clean and invalidate, so none can discard another's dirty data. */
	c->hcr = HCR_TID3 | HCR_TSW;
	if (has->ras)
		c->hcr |= HCR_TERR;	/* the error records are the machine's: read as zero */
	if (has->lor)
		c->hcr |= HCR_TLOR;	/* LORegions are never offered */
	if (has->mte2 && is_hidden(hidden, FEATURE_MTE))
		c->hcr |= HCR_TID5;	/* GMID_EL1 describes tags it may not have */
	if (!is_hidden(hidden, FEATURE_PAUTH))
		c->hcr |= HCR_API | HCR_APK;	/* otherwise PAuth instructions trap (EC 0x09) */
	/* TZ and TSM are RES1 on CPUs without SVE or SME: clear them only to allow one. */
	c->cptr = CPTR_EL2_RES1 | CPTR_EL2_TSM;
	if (!is_hidden(hidden, FEATURE_SVE) && has->sve)
		c->cptr &= ~CPTR_EL2_TZ;
	if (!is_hidden(hidden, FEATURE_SME) && has->sme)
		c->cptr &= ~CPTR_EL2_TSM;
	if (is_hidden(hidden, FEATURE_TRACE))
		c->cptr |= CPTR_EL2_TTA;
	if (is_hidden(hidden, FEATURE_AMU))
		c->cptr |= CPTR_EL2_TAM;

	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	c->mdcr = PMCR_N(pmcr) & MDCR_EL2_HPMN_MASK;
	if (is_hidden(hidden, FEATURE_PMU))
		c->mdcr |= MDCR_EL2_TPM | MDCR_EL2_TPMCR;
	/* A partition's counters never count the hypervisor's own work. */
	if (has->pmu_v3p1)
		c->mdcr |= MDCR_EL2_HPMD;
	if (has->pmu_v3p5)
		c->mdcr |= MDCR_EL2_HCCD;
	if (is_hidden(hidden, FEATURE_SPE))
		c->mdcr |= MDCR_EL2_TPMS;
	if (is_hidden(hidden, FEATURE_TRACE) && has->trace_filter)
		c->mdcr |= MDCR_EL2_TTRF;
	c->debug_raz_wi = is_hidden(hidden, FEATURE_DEBUG);
	if (c->debug_raz_wi)
		c->mdcr |= MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA;

	/* Their reset values are UNKNOWN: every bit is chosen here. HCRX_EL2 = 0
	 * and the fine-grained traps at 0 allow nothing new, except SME's own
	 * registers where SME is allowed (their bits trap at 0). */
	c->hfgxtr = 0;
	if (!is_hidden(hidden, FEATURE_SME) && has->sme)
		c->hfgxtr |= HFGXTR_NSMPRI_EL1 | HFGXTR_NTPIDR2_EL0;
}

void features_compute(struct feature_controls *c, uint64_t hidden)
{
	hidden = with_dependents(hidden | FEATURES_ALWAYS_HIDDEN);
	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		c->id_registers[i] = id_readers[i]();
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (is_hidden(hidden, (enum feature)rules[i].feature))
			c->id_registers[rules[i].reg] = apply_rule(c->id_registers[rules[i].reg], &rules[i]);
	}
	cpu_implements(&c->has);
	compute_traps(c, hidden);
	c->pmu_allowed = c->has.pmu && !is_hidden(hidden, FEATURE_PMU);
	c->amu_allowed = c->has.amu && !is_hidden(hidden, FEATURE_AMU);
}

/* The EL2 controls of one partition, written as one of its vCPUs is loaded. */
void features_load(const struct feature_controls *c)
{
	sysreg_cptr_el2_write(c->cptr);
	sysreg_mdcr_el2_write(c->mdcr);
	if (!c->has.hcrx_or_fgt)
		return;
	if (c->has.hcrx)
		sysreg_hcrx_el2_write(0);
	if (c->has.fgt) {
		sysreg_hfgrtr_el2_write(c->hfgxtr);
		sysreg_hfgwtr_el2_write(c->hfgxtr);
		sysreg_hfgitr_el2_write(0);
		sysreg_hdfgrtr_el2_write(0);
		sysreg_hdfgwtr_el2_write(0);
	}
}

/*
 * Per CPU, before partitions run: the vector lengths, whose reset values
 * are UNKNOWN, at the longest the CPU has (a partition's own ZCR_EL1 and
 * SMCR_EL1 choose within it), and the firmware's SSBD mitigation on.
 * ZCR_EL2 and SMCR_EL2 are themselves trapped by CPTR_EL2.TZ and TSM,
 * cleared around the writes.
 */
void arch_cpu_controls_init(void)
{
	bool sve = real_field(ID_AA64PFR0, 32) != 0, sme = real_field(ID_AA64PFR1, 24) != 0;

	firmware_ssbd_keep_enabled();
	if (!sve && !sme)
		return;
	sysreg_cptr_el2_write(CPTR_EL2_RES1 & ~(CPTR_EL2_TZ | CPTR_EL2_TSM));
	isb();
	if (sve)
		sysreg_zcr_el2_write(VECTOR_LEN_MAX);
	if (sme)
		sysreg_smcr_el2_write(VECTOR_LEN_MAX | SMCR_FA64 | SMCR_EZT0);
	sysreg_cptr_el2_write(CPTR_EL2_RES1 | CPTR_EL2_TZ | CPTR_EL2_TSM);
	isb();
}

bool features_id_register(const struct feature_controls *c, unsigned int crm, unsigned int op2,
			  uint64_t *value)
{
	if (crm < 1 || crm > 7 || op2 > 7)
		return false;
	*value = c->id_registers[ID_REGISTER_INDEX(crm, op2)];
	return true;
}
