/*
 * EL1 exceptions: IRQs go to handlers registered per INTID; a synchronous
 * exception goes to the hook a test registered when it expects one (an
 * abort it provokes on purpose), otherwise the guest reports
 * "FAIL <guest>: unexpected exception ..." and powers off.
 */
#ifndef GUEST_EXCEPTIONS_H
#define GUEST_EXCEPTIONS_H

#include <runtime_layout.h>

#include <stdint.h>

/* ESR_EL1: the exception class and the classes the guests expect. */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3fUL
#define ESR_EC_UNKNOWN		0x00	/* e.g. an undefined or trapped instruction */
#define ESR_EC_IABT_LOWER	0x20
#define ESR_EC_IABT_CURRENT	0x21
#define ESR_EC_DABT_LOWER	0x24
#define ESR_EC_DABT_CURRENT	0x25

/* The highest INTID an IRQ handler can be registered for, plus one. */
#define IRQ_HANDLERS_MAX	128

struct exception_frame {
	uint64_t x[19];		/* x0-x18 */
	uint64_t x30;
	uint64_t elr;
	uint64_t spsr;
};

struct exception_info {
	uint64_t esr, far, elr;
	uint64_t lr;		/* x30 when the exception was taken */
};

/* How a hook resolves an exception it expected. */
enum sync_action {
	SYNC_UNEXPECTED,	/* not expected: report it and end the guest */
	SYNC_SKIP,		/* step over the faulting instruction */
	SYNC_RETURN,		/* return to x30: after a branch to a bad address */
};

typedef enum sync_action (*sync_hook)(const struct exception_info *info);
typedef void (*irq_handler)(unsigned int intid);

static inline unsigned int esr_class(uint64_t esr)
{
	return (unsigned int)((esr >> ESR_EC_SHIFT) & ESR_EC_MASK);
}

static inline int esr_is_data_abort(uint64_t esr)
{
	return esr_class(esr) == ESR_EC_DABT_CURRENT || esr_class(esr) == ESR_EC_DABT_LOWER;
}

static inline int esr_is_instruction_abort(uint64_t esr)
{
	return esr_class(esr) == ESR_EC_IABT_CURRENT || esr_class(esr) == ESR_EC_IABT_LOWER;
}

/* One hook for all vCPUs; 0 removes it. */
void set_sync_hook(sync_hook hook);
void set_irq_handler(unsigned int intid, irq_handler handler);

#endif
