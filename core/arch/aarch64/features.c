/*
 * The feature table: for each feature a partition can be denied, the ID
 * register fields that advertise it and the value they take when it is
 * hidden. A mask can only remove: a hidden field becomes the smaller of
 * the real value and the hidden one. Then the traps that make hiding real
 * where the architecture has them.
 */
#include <arch/features.h>
#include <arch/sysregs.h>
#include <cpu_features.h>

#include <stddef.h>

enum id_register {
	ID_PFR1 = ID_REGISTER_INDEX(1, 1),
	ID_AA64PFR0 = ID_REGISTER_INDEX(4, 0),
	ID_AA64PFR1 = ID_REGISTER_INDEX(4, 1),
	ID_AA64ZFR0 = ID_REGISTER_INDEX(4, 4),
	ID_AA64SMFR0 = ID_REGISTER_INDEX(4, 5),
	ID_AA64DFR0 = ID_REGISTER_INDEX(5, 0),
	ID_AA64ISAR0 = ID_REGISTER_INDEX(6, 0),
	ID_AA64ISAR1 = ID_REGISTER_INDEX(6, 1),
	ID_AA64ISAR2 = ID_REGISTER_INDEX(6, 2),
};

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

#define CPTR_EL2_TSM		(1UL << 12)
#define CPTR_EL2_TTA		(1UL << 20)
#define MDCR_EL2_HPMN_MASK	0x1fUL
#define MDCR_EL2_TPMCR		(1UL << 5)
#define MDCR_EL2_TPM		(1UL << 6)
#define MDCR_EL2_TDA		(1UL << 9)
#define MDCR_EL2_TDOSA		(1UL << 10)
#define MDCR_EL2_TDRA		(1UL << 11)
#define MDCR_EL2_TPMS		(1UL << 14)
#define PMCR_N(pmcr)		(((pmcr) >> 11) & 0x1fUL)

static bool is_hidden(uint64_t hidden, enum feature f)
{
	return (hidden & FEATURE_BIT(f)) != 0;
}

void features_compute(struct feature_controls *c, uint64_t hidden)
{
	uint64_t pmcr;

	hidden |= FEATURES_ALWAYS_HIDDEN;
	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		c->id_registers[i] = id_readers[i]();
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (is_hidden(hidden, (enum feature)rules[i].feature))
			c->id_registers[rules[i].reg] = apply_rule(c->id_registers[rules[i].reg], &rules[i]);
	}

	c->hcr = HCR_TID3;
	if (!is_hidden(hidden, FEATURE_PAUTH))
		c->hcr |= HCR_API | HCR_APK;	/* otherwise PAuth instructions trap (EC 0x09) */
	/* TZ and TSM are RES1 on CPUs without SVE or SME: clear them only to allow one. */
	c->cptr = CPTR_EL2_RES1 | CPTR_EL2_TSM;
	if (!is_hidden(hidden, FEATURE_SVE) && (id_readers[ID_AA64PFR0]() >> 32 & 0xf) != 0)
		c->cptr &= ~CPTR_EL2_TZ;
	if (!is_hidden(hidden, FEATURE_SME) && (id_readers[ID_AA64PFR1]() >> 24 & 0xf) != 0)
		c->cptr &= ~CPTR_EL2_TSM;
	if (is_hidden(hidden, FEATURE_TRACE))
		c->cptr |= CPTR_EL2_TTA;
	if (is_hidden(hidden, FEATURE_AMU))
		c->cptr |= CPTR_EL2_TAM;

	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	c->mdcr = PMCR_N(pmcr) & MDCR_EL2_HPMN_MASK;
	if (is_hidden(hidden, FEATURE_PMU))
		c->mdcr |= MDCR_EL2_TPM | MDCR_EL2_TPMCR;
	if (is_hidden(hidden, FEATURE_SPE))
		c->mdcr |= MDCR_EL2_TPMS;
	c->debug_raz_wi = is_hidden(hidden, FEATURE_DEBUG);
	if (c->debug_raz_wi)
		c->mdcr |= MDCR_EL2_TDA | MDCR_EL2_TDOSA | MDCR_EL2_TDRA;
}

bool features_id_register(const struct feature_controls *c, unsigned int crm, unsigned int op2,
			  uint64_t *value)
{
	if (crm < 1 || crm > 7 || op2 > 7)
		return false;
	*value = c->id_registers[ID_REGISTER_INDEX(crm, op2)];
	return true;
}
