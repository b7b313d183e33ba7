/*
 * Reading what the CPU has (its ID registers, PMCR_EL0) for the feature
 * rules (feature_rules.c), and writing a partition's EL2 controls.
 */
#include <arch.h>
#include <arch/features.h>
#include <arch/psci.h>
#include <arch/sysregs.h>
#include <cpu_features.h>

#include <stddef.h>

#define SMCR_FA64		(1UL << 31)
#define SMCR_EZT0		(1UL << 30)
#define VECTOR_LEN_MAX		0x1ffUL		/* ZCR/SMCR LEN: the CPU clamps it to its longest */

/* The ID registers this file reads itself. */
#define ID_AA64PFR0	ID_REGISTER_INDEX(4, 0)
#define ID_AA64PFR1	ID_REGISTER_INDEX(4, 1)

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

/* The field at `shift` of a real ID register. */
static unsigned int real_field(unsigned int reg, unsigned int shift)
{
	return (unsigned int)(id_readers[reg]() >> shift) & 0xfU;
}

void features_compute(struct feature_controls *c, uint64_t hidden)
{
	uint64_t real[ID_REGISTER_COUNT], pmcr;

	for (unsigned int i = 0; i < ID_REGISTER_COUNT; i++)
		real[i] = id_readers[i]();
	__asm__ volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
	features_from_id_registers(c, real, pmcr, hidden);
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
