/*
 * EL1 exception handling: IRQs to the handler registered for their INTID,
 * synchronous exceptions to the test's hook, anything unexpected reported
 * as a failure that ends the guest (a guest that faults by surprise must
 * not look like one that passed).
 */
#include <arch.h>
#include <console.h>
#include <exceptions.h>
#include <gic.h>
#include <stddef.h>
#include <verdict.h>

_Static_assert(offsetof(struct exception_frame, x) == FRAME_X0, "frame: x0");
_Static_assert(offsetof(struct exception_frame, x30) == FRAME_X30, "frame: x30");
_Static_assert(offsetof(struct exception_frame, elr) == FRAME_ELR, "frame: ELR");
_Static_assert(offsetof(struct exception_frame, spsr) == FRAME_SPSR, "frame: SPSR");
_Static_assert(sizeof(struct exception_frame) == FRAME_SIZE, "frame: size");
_Static_assert(FRAME_SIZE % 16 == 0, "frame keeps SP 16-byte aligned");

#define INSTRUCTION_SIZE 4

static volatile sync_hook current_hook;
static volatile irq_handler irq_handlers[IRQ_HANDLERS_MAX];

void set_sync_hook(sync_hook hook)
{
	current_hook = hook;
}

void set_irq_handler(unsigned int intid, irq_handler handler)
{
	if (intid < IRQ_HANDLERS_MAX)
		irq_handlers[intid] = handler;
}

_Noreturn static void report_and_stop(const char *what, const struct exception_info *info)
{
	fail(guest_name, "%s ESR=%#llx FAR=%#llx ELR=%#llx", what, (unsigned long long)info->esr,
	     (unsigned long long)info->far, (unsigned long long)info->elr);
	done();
}

/* Called from vectors.S. */
void sync_exception(struct exception_frame *frame, unsigned int vector);
void sync_exception(struct exception_frame *frame, unsigned int vector)
{
	sync_hook hook = current_hook;
	struct exception_info info = {
		.esr = sysreg_esr_el1_read(),
		.far = sysreg_far_el1_read(),
		.elr = frame->elr,
		.lr = frame->x30,
	};

	(void)vector;
	switch (hook != NULL ? hook(&info) : SYNC_UNEXPECTED) {
	case SYNC_SKIP:
		frame->elr += INSTRUCTION_SIZE;
		return;
	case SYNC_RETURN:
		frame->elr = info.lr;
		return;
	case SYNC_UNEXPECTED:
		break;
	}
	report_and_stop("unexpected exception", &info);
}

void irq_exception(struct exception_frame *frame, unsigned int vector);
void irq_exception(struct exception_frame *frame, unsigned int vector)
{
	(void)frame;
	(void)vector;
	/* Drain: one exception may stand for several pending interrupts. */
	for (;;) {
		unsigned int intid = gic_acknowledge();
		irq_handler handler;

		if (intid >= GIC_INTID_SPECIAL)
			return;
		handler = intid < IRQ_HANDLERS_MAX ? irq_handlers[intid] : NULL;
		if (handler != NULL)
			handler(intid);
		gic_end_of_interrupt(intid);
	}
}

void unexpected_vector(struct exception_frame *frame, unsigned int vector);
void unexpected_vector(struct exception_frame *frame, unsigned int vector)
{
	struct exception_info info = {
		.esr = sysreg_esr_el1_read(),
		.far = sysreg_far_el1_read(),
		.elr = frame->elr,
		.lr = frame->x30,
	};

	console_printf("vector %u taken, SPSR %#llx\n", vector, (unsigned long long)frame->spsr);
	report_and_stop("unexpected exception", &info);
}
