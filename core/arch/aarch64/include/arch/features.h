/*
 * Hiding CPU features from a partition on AArch64: the ID registers it
 * reads (trapped by HCR_EL2.TID3) are answered from per-partition copies
 * sanitized by a table of fields, and the features the architecture can
 * disable are also trapped (CPTR_EL2, MDCR_EL2, HCR_EL2), computed once.
 */
#ifndef ARCH_FEATURES_H
#define ARCH_FEATURES_H

#include <stdbool.h>
#include <stdint.h>

/* The TID3 group: op0 3, op1 0, CRn 0, CRm 1-7, op2 0-7. */
#define ID_REGISTER_COUNT	56
#define ID_REGISTER_INDEX(crm, op2)	(((crm) - 1) * 8 + (op2))

/* What the CPU itself has, from its real ID registers. */
struct cpu_implements {
	bool sve, sme, ras, amu, lor, hcrx, fgt, trace_filter, mte2, pauth;
	bool pmu, pmu_v3p1, pmu_v3p5;
	bool hcrx_or_fgt, switched_el1_extra;	/* one test each on the switch path */
	unsigned int breakpoints, watchpoints;
};

struct feature_controls {
	uint64_t id_registers[ID_REGISTER_COUNT];
	uint64_t hcr;		/* bits to set in HCR_EL2 */
	uint64_t cptr;		/* CPTR_EL2 */
	uint64_t mdcr;		/* MDCR_EL2 */
	uint64_t hfgxtr;	/* HFGRTR_EL2 and HFGWTR_EL2, when the CPU has them */
	struct cpu_implements has;
	bool debug_raz_wi;	/* debug registers read as zero, writes ignored */
	bool pmu_allowed, amu_allowed;
};

void features_compute(struct feature_controls *controls, uint64_t hidden);
/*
 * The same for a CPU whose real ID registers and PMCR_EL0 are given:
 * features_compute reads them and calls this (feature_rules.c, pure).
 */
void features_from_id_registers(struct feature_controls *controls, const uint64_t real[ID_REGISTER_COUNT],
				uint64_t pmcr, uint64_t hidden);
/* Writes the partition's CPTR_EL2, MDCR_EL2, HCRX_EL2 and fine-grained traps. */
void features_load(const struct feature_controls *controls);

/* True when (crm, op2) name an ID register and the partition may read it. */
bool features_id_register(const struct feature_controls *controls, unsigned int crm,
			  unsigned int op2, uint64_t *value);

#endif
