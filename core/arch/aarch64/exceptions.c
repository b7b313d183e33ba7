/*
 * The panic path for exceptions taken at EL2: name the vector and the
 * syndrome, dump the saved registers, stop the machine.
 */
#include <arch.h>
#include <arch/exception_frame.h>
#include <arch/sysregs.h>
#include <console.h>
#include <panic.h>

#include <stdbool.h>
#include <stddef.h>

static const char *const vector_names[VECTOR_COUNT] = {
	"synchronous exception at EL2 (SP_EL0)", "IRQ at EL2 (SP_EL0)",
	"FIQ at EL2 (SP_EL0)", "SError at EL2 (SP_EL0)",
	"synchronous exception at EL2", "IRQ at EL2", "FIQ at EL2", "SError at EL2",
	"synchronous exception from AArch64 EL1/EL0", "IRQ from AArch64 EL1/EL0",
	"FIQ from AArch64 EL1/EL0", "SError from AArch64 EL1/EL0",
	"synchronous exception from AArch32", "IRQ from AArch32",
	"FIQ from AArch32", "SError from AArch32",
};

struct exception_class_name {
	unsigned int ec;
	const char *name;
};

/* The classes the hypervisor can plausibly take itself, or see from a guest. */
static const struct exception_class_name class_names[] = {
	{ 0x00, "unknown reason (undefined instruction)" },
	{ 0x01, "trapped WFI/WFE" },
	{ 0x07, "FP/SIMD access trapped" },
	{ 0x0e, "illegal execution state" },
	{ 0x15, "SVC from AArch64" },
	{ 0x16, "HVC from AArch64" },
	{ 0x17, "SMC from AArch64" },
	{ 0x18, "trapped system register access" },
	{ 0x19, "SVE access trapped" },
	{ 0x20, "instruction abort from a lower EL" },
	{ 0x21, "instruction abort at EL2" },
	{ 0x22, "PC alignment fault" },
	{ 0x24, "data abort from a lower EL" },
	{ 0x25, "data abort at EL2" },
	{ 0x26, "SP alignment fault" },
	{ 0x2f, "SError" },
	{ 0x3c, "BRK instruction" },
};

static const char *exception_class_name(unsigned int ec)
{
	for (size_t i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++) {
		if (class_names[i].ec == ec)
			return class_names[i].name;
	}
	return "unexpected exception class";
}

/* Fault status codes (ESR ISS[5:0]) of instruction and data aborts. */
static const char *fault_status_name(unsigned int status)
{
	switch (status & 0x3cU) {
	case 0x00: return "address size fault";
	case 0x04: return "translation fault";
	case 0x08: return "access flag fault";
	case 0x0c: return "permission fault";
	default: break;
	}
	switch (status) {
	case 0x10: return "synchronous external abort";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	default: return "other fault";
	}
}

static bool is_abort(unsigned int ec)
{
	return ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25;
}

static void dump_registers(const struct exception_frame *frame)
{
	for (unsigned int i = 0; i < 31; i += 2) {
		if (i + 1 < 31)
			console_printf("  x%-2u %016llx  x%-2u %016llx\n", i,
				       (unsigned long long)frame->x[i], i + 1,
				       (unsigned long long)frame->x[i + 1]);
		else
			console_printf("  x%-2u %016llx  sp  %016llx\n", i,
				       (unsigned long long)frame->x[i],
				       (unsigned long long)frame->sp);
	}
}

void exception_panic(const struct exception_frame *frame, unsigned int vector);
void exception_panic(const struct exception_frame *frame, unsigned int vector)
{
	unsigned int ec = (unsigned int)(frame->esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

	/* As panic() does: out synchronously, the ring emptied first. */
	console_flush_sync();
	console_printf("\nbulkhead: %s\n", vector < VECTOR_COUNT ? vector_names[vector] :
			"exception from an unknown vector");
	console_printf("  ESR_EL2 %#010llx: EC %#04x (%s), ISS %#09llx\n",
		       (unsigned long long)frame->esr, ec, exception_class_name(ec),
		       (unsigned long long)(frame->esr & ESR_ISS_MASK));
	if (is_abort(ec)) {
		unsigned int status = (unsigned int)frame->esr & ESR_FSC_MASK;
		console_printf("  %s at level %u%s\n", fault_status_name(status), status & 3U,
			       (ec == 0x24 || ec == 0x25) && (frame->esr & ESR_WNR) ? ", on a write" : "");
	}
	console_printf("  FAR_EL2 %#018llx  ELR_EL2 %#018llx  SPSR_EL2 %#010llx\n",
		       (unsigned long long)frame->far, (unsigned long long)frame->elr,
		       (unsigned long long)frame->spsr);
	dump_registers(frame);
	panic("unhandled %s", vector < VECTOR_COUNT ? vector_names[vector] : "exception");
}
