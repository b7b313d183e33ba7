/*
 * The feature table and the traps, as pure computation: for each feature a
 * partition can be denied, the ID register fields that advertise it and
 * the value they take when it is hidden (a mask can only remove: a hidden
 * field becomes the smaller of the real value and the hidden one), then
 * the EL2 controls that make hiding real where the CPU has them. Kept
 * apart from the register reads (features.c) so that a host test
 * (tests/unit/test_feature_rules.c) can put CPUs QEMU does not model
 * through it: fine-grained traps, HCRX, AMU, RAS, LORegions, PMUv3p5.
 */
#include <arch/features.h>
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

/* ID register fields the hypervisor reads for itself, real values. */
#define PMUVER_V3P1		4
#define PMUVER_V3P5		6
#define PMUVER_IMPDEF		0xf
#define MTE_MTE2		2

static unsigned int field_of(const uint64_t real[ID_REGISTER_COUNT], unsigned int reg, unsigned int shift)
{
	return (unsigned int)(real[reg] >> shift) & 0xfU;
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

static void cpu_implements(const uint64_t real[ID_REGISTER_COUNT], struct cpu_implements *has)
{
	unsigned int pmu = field_of(real, ID_AA64DFR0, 8);

	has->sve = field_of(real, ID_AA64PFR0, 32) != 0;
	has->sme = field_of(real, ID_AA64PFR1, 24) != 0;
	has->ras = field_of(real, ID_AA64PFR0, 28) != 0;
	has->amu = field_of(real, ID_AA64PFR0, 44) != 0;
	has->lor = field_of(real, ID_AA64MMFR1, 16) != 0;
	has->hcrx = field_of(real, ID_AA64MMFR1, 40) != 0;
	has->fgt = field_of(real, ID_AA64MMFR0, 56) != 0;
	has->trace_filter = field_of(real, ID_AA64DFR0, 40) != 0;
	has->mte2 = field_of(real, ID_AA64PFR1, 8) >= MTE_MTE2;
	has->pauth = (real[ID_AA64ISAR1] & 0xff000ff0UL) != 0 ||
		     (real[ID_AA64ISAR2] & 0xff00UL) != 0;
	has->pmu = pmu != 0 && pmu != PMUVER_IMPDEF;
	has->pmu_v3p1 = has->pmu && pmu >= PMUVER_V3P1;
	has->pmu_v3p5 = has->pmu && pmu >= PMUVER_V3P5;
	has->hcrx_or_fgt = has->hcrx || has->fgt;
	has->switched_el1_extra = has->sme || has->ras;
	has->breakpoints = field_of(real, ID_AA64DFR0, 12) + 1;
	has->watchpoints = field_of(real, ID_AA64DFR0, 20) + 1;
}

static void compute_traps(struct feature_controls *c, uint64_t hidden, uint64_t pmcr)
{
	const struct cpu_implements *has = &c->has;

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

void features_from_id_registers(struct feature_controls *c, const uint64_t real[ID_REGISTER_COUNT], uint64_t pmcr,
				uint64_t hidden)
{
	hidden = with_dependents(hidden | FEATURES_ALWAYS_HIDDEN);
	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		c->id_registers[i] = real[i];
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (is_hidden(hidden, (enum feature)rules[i].feature))
			c->id_registers[rules[i].reg] = apply_rule(c->id_registers[rules[i].reg], &rules[i]);
	}
	cpu_implements(real, &c->has);
	compute_traps(c, hidden, pmcr);
	c->pmu_allowed = c->has.pmu && !is_hidden(hidden, FEATURE_PMU);
	c->amu_allowed = c->has.amu && !is_hidden(hidden, FEATURE_AMU);
}
