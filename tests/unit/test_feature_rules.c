// tests: core/arch/aarch64/feature_rules.c
// defines: -idirafter core/arch/aarch64/include
/*
 * The feature rules (core/arch/aarch64/feature_rules.c) on CPUs QEMU 7.2
 * does not model: one with every extension the rules have a control for
 * (fine-grained traps, HCRX, AMU, RAS, LORegions, MTE2, PMUv3p5, trace
 * filter, SME, SVE, MOPS, LS64, TCR2/SCTLR2, BRBE), and one with none of
 * them. What a partition is told (its ID registers) and which EL2
 * controls are set must follow the layout's hidden features and what the
 * CPU has; the register writes themselves (features_load) are a line
 * each and run only on hardware that has them. Bit positions are written
 * here from the Arm ARM, not taken from the code under test.
 */
#include "unit.h"

#include <arch/features.h>
#include <arch/sysregs.h>
#include <cpu_features.h>

#include <stdint.h>

#define REG(crm, op2)		ID_REGISTER_INDEX(crm, op2)
#define FIELD(value, shift)	((uint64_t)(value) << (shift))
#define GET(reg, shift)		(((reg) >> (shift)) & 0xfU)

#define MDCR_TPMCR	(1ULL << 5)
#define MDCR_TPM	(1ULL << 6)
#define MDCR_TDA	(1ULL << 9)
#define MDCR_TDOSA	(1ULL << 10)
#define MDCR_TDRA	(1ULL << 11)
#define MDCR_TPMS	(1ULL << 14)
#define MDCR_HPMD	(1ULL << 17)
#define MDCR_TTRF	(1ULL << 19)
#define MDCR_HCCD	(1ULL << 23)
#define HFGxTR_nSMPRI	(1ULL << 54)
#define HFGxTR_nTPIDR2	(1ULL << 55)
#define PMCR_N_6	(6ULL << 11)

static void full_cpu(uint64_t id[ID_REGISTER_COUNT])
{
	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		id[i] = 0;
	/* ID_AA64PFR0: EL2, RAS, SVE, AMU, FP and AdvSIMD implemented. */
	id[REG(4, 0)] = FIELD(1, 8) | FIELD(1, 28) | FIELD(1, 32) | FIELD(1, 44);
	/* ID_AA64PFR1: BTI, MTE2, SME. */
	id[REG(4, 1)] = FIELD(1, 0) | FIELD(2, 8) | FIELD(1, 24);
	id[REG(4, 4)] = 0x0000000100000001ULL;		/* ID_AA64ZFR0 */
	id[REG(4, 5)] = 0x8000000000000000ULL;		/* ID_AA64SMFR0: FA64 */
	/* ID_AA64DFR0: 6 breakpoints, 4 watchpoints, PMUv3p5, TraceFilt, BRBE, SPE. */
	id[REG(5, 0)] = FIELD(5, 12) | FIELD(3, 20) | FIELD(6, 8) | FIELD(1, 40) | FIELD(1, 52) | FIELD(1, 32);
	id[REG(6, 0)] = FIELD(2, 4) | FIELD(1, 8) | FIELD(1, 12);	/* ID_AA64ISAR0: AES, SHA1, SHA2 */
	id[REG(6, 1)] = FIELD(1, 4) | FIELD(1, 60);			/* ID_AA64ISAR1: APA, LS64 */
	id[REG(6, 2)] = FIELD(1, 16);					/* ID_AA64ISAR2: MOPS */
	id[REG(7, 0)] = FIELD(1, 56);					/* ID_AA64MMFR0: FGT */
	id[REG(7, 1)] = FIELD(1, 16) | FIELD(1, 40);			/* ID_AA64MMFR1: LO, HCX */
	id[REG(7, 3)] = FIELD(1, 0) | FIELD(1, 4);			/* ID_AA64MMFR3: TCRX, SCTLRX */
}

static void bare_cpu(uint64_t id[ID_REGISTER_COUNT])
{
	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		id[i] = 0;
	id[REG(4, 0)] = FIELD(1, 8);			/* EL2 only */
	id[REG(5, 0)] = FIELD(1, 12) | FIELD(1, 20);	/* 2 breakpoints, 2 watchpoints, no PMU */
}

/* Nothing hidden but what never is: the CPU's extensions are used, the unsafe ones still not. */
static void full_cpu_nothing_hidden(void)
{
	uint64_t id[ID_REGISTER_COUNT];
	struct feature_controls c;

	full_cpu(id);
	features_from_id_registers(&c, id, PMCR_N_6, 0);
	CHECK(GET(c.id_registers[REG(4, 0)], 8) == 0);		/* EL2: never offered */
	CHECK(GET(c.id_registers[REG(4, 0)], 32) == 1);		/* SVE kept */
	CHECK(GET(c.id_registers[REG(7, 1)], 16) == 0);		/* LORegions: never */
	CHECK(GET(c.id_registers[REG(6, 2)], 16) == 0);		/* MOPS: HCRX_EL2 = 0 leaves it unusable */
	CHECK(GET(c.id_registers[REG(6, 1)], 60) == 0);		/* LS64 */
	CHECK(GET(c.id_registers[REG(7, 3)], 0) == 0 && GET(c.id_registers[REG(7, 3)], 4) == 0);
	CHECK(GET(c.id_registers[REG(5, 0)], 52) == 0);		/* BRBE: fine-grained traps at 0 */

	CHECK((c.hcr & (HCR_TID3 | HCR_TSW | HCR_TERR | HCR_TLOR)) == (HCR_TID3 | HCR_TSW | HCR_TERR | HCR_TLOR));
	CHECK((c.hcr & (HCR_API | HCR_APK)) == (HCR_API | HCR_APK));	/* PAuth allowed: its keys its own */
	CHECK(!(c.hcr & HCR_TID5));
	CHECK(!(c.cptr & (CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA | CPTR_EL2_TAM)));
	CHECK((c.mdcr & 0x1f) == 6);					/* HPMN: every counter */
	CHECK((c.mdcr & (MDCR_HPMD | MDCR_HCCD)) == (MDCR_HPMD | MDCR_HCCD));	/* EL2 never counted */
	CHECK(!(c.mdcr & (MDCR_TPM | MDCR_TPMCR | MDCR_TPMS | MDCR_TTRF | MDCR_TDA)));
	CHECK(c.hfgxtr == (HFGxTR_nSMPRI | HFGxTR_nTPIDR2));		/* SME's own registers only */
	CHECK(c.has.fgt && c.has.hcrx && c.has.hcrx_or_fgt && c.has.amu && c.has.ras && c.has.lor);
	CHECK(c.has.breakpoints == 6 && c.has.watchpoints == 4);
	CHECK(c.pmu_allowed && c.amu_allowed && !c.debug_raz_wi);
}

/* What a shared CPU's layout hides: every ID field says so and every control traps it. */
static void full_cpu_shared_hides(void)
{
	uint64_t hidden = FEATURE_BIT(FEATURE_SVE) | FEATURE_BIT(FEATURE_PMU) | FEATURE_BIT(FEATURE_DEBUG) |
			  FEATURE_BIT(FEATURE_TRACE) | FEATURE_BIT(FEATURE_AMU) | FEATURE_BIT(FEATURE_SPE) |
			  FEATURE_BIT(FEATURE_MTE) | FEATURE_BIT(FEATURE_PAUTH);
	uint64_t id[ID_REGISTER_COUNT];
	struct feature_controls c;

	full_cpu(id);
	features_from_id_registers(&c, id, PMCR_N_6, hidden);
	CHECK(GET(c.id_registers[REG(4, 0)], 32) == 0 && c.id_registers[REG(4, 4)] == 0);	/* SVE */
	CHECK(GET(c.id_registers[REG(4, 1)], 24) == 0 && c.id_registers[REG(4, 5)] == 0);	/* SME, with SVE */
	CHECK(GET(c.id_registers[REG(4, 0)], 44) == 0);					/* AMU */
	CHECK(GET(c.id_registers[REG(4, 1)], 8) == 0);						/* MTE */
	CHECK(GET(c.id_registers[REG(5, 0)], 8) == 0 && GET(c.id_registers[REG(5, 0)], 40) == 0);
	CHECK(GET(c.id_registers[REG(5, 0)], 32) == 0);					/* SPE */
	CHECK(GET(c.id_registers[REG(6, 1)], 4) == 0);						/* PAuth APA */
	CHECK(GET(c.id_registers[REG(4, 1)], 0) == 1);						/* BTI untouched */

	CHECK((c.cptr & (CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA | CPTR_EL2_TAM)) ==
	      (CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA | CPTR_EL2_TAM));
	CHECK((c.mdcr & (MDCR_TPM | MDCR_TPMCR | MDCR_TPMS | MDCR_TTRF | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA)) ==
	      (MDCR_TPM | MDCR_TPMCR | MDCR_TPMS | MDCR_TTRF | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA));
	CHECK((c.mdcr & (MDCR_HPMD | MDCR_HCCD)) == (MDCR_HPMD | MDCR_HCCD));
	CHECK(c.hcr & HCR_TID5);			/* GMID_EL1 would describe tags it may not have */
	CHECK(!(c.hcr & (HCR_API | HCR_APK)));		/* PAuth instructions trap */
	CHECK(c.hfgxtr == 0);				/* SME hidden with SVE: its registers trap too */
	CHECK(!c.pmu_allowed && !c.amu_allowed && c.debug_raz_wi);
}

/* A CPU without the extensions: no control of them is set (several are RES0 there, or UNDEFINED). */
static void bare_cpu_no_controls(void)
{
	uint64_t hidden = FEATURE_BIT(FEATURE_MTE) | FEATURE_BIT(FEATURE_TRACE) | FEATURE_BIT(FEATURE_SVE);
	uint64_t id[ID_REGISTER_COUNT];
	struct feature_controls c;

	bare_cpu(id);
	features_from_id_registers(&c, id, 0, hidden);
	CHECK(!(c.hcr & (HCR_TERR | HCR_TLOR | HCR_TID5)));
	CHECK(!(c.mdcr & (MDCR_HPMD | MDCR_HCCD | MDCR_TTRF)));
	CHECK((c.cptr & (CPTR_EL2_TZ | CPTR_EL2_TSM)) == (CPTR_EL2_TZ | CPTR_EL2_TSM));	/* RES1 there */
	CHECK(!c.has.hcrx_or_fgt && !c.has.pmu && !c.pmu_allowed && !c.amu_allowed);
	CHECK(c.has.breakpoints == 2 && c.has.watchpoints == 2);
}

int main(void)
{
	full_cpu_nothing_hidden();
	full_cpu_shared_hides();
	bare_cpu_no_controls();
	return unit_finish("feature-rules");
}
