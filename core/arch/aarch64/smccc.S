/*
 * SMC Calling Convention: function id and arguments in x0-x3, results in
 * x0-x3. x4-x17 may be clobbered, which the AAPCS64 already lets a callee do.
 */
#include <arch/asm.h>

	.text
FUNC(smccc_smc)
	smc	#0
	ret
ENDFUNC(smccc_smc)
