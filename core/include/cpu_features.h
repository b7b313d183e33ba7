/*
 * CPU features a layout can hide from a partition, named as users know
 * them. The layout compiler maps names to these bits; each architecture
 * port says what hiding one means (core/arch/<arch>/features.c) and
 * docs/features.md lists the registers and traps involved.
 */
#ifndef CPU_FEATURES_H
#define CPU_FEATURES_H

enum feature {
	FEATURE_EL2,		/* virtualization: always hidden, nested virtualization is not offered */
	FEATURE_SVE,
	FEATURE_SME,
	FEATURE_PMU,
	FEATURE_DEBUG,
	FEATURE_TRACE,
	FEATURE_AMU,
	FEATURE_MTE,
	FEATURE_PAUTH,
	FEATURE_AES,
	FEATURE_SHA1,
	FEATURE_SHA2,
	FEATURE_SHA3,
	FEATURE_SHA512,
	FEATURE_CRC32,
	FEATURE_ATOMICS,
	FEATURE_FP16,
	FEATURE_DOTPROD,
	FEATURE_RNG,
	FEATURE_BTI,
	FEATURE_SPE,
	FEATURE_COUNT,
};

#define FEATURE_BIT(f)		(1ULL << (f))
#define FEATURES_ALWAYS_HIDDEN	FEATURE_BIT(FEATURE_EL2)

#endif
