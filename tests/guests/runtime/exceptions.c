/* EL1 exception handling for test guests: hooks, IRQ dispatch, and a loud end. */
#include <guest.h>

struct saved_frame {
	uint64_t x[20];		/* x0-x18, x30 */
	uint64_t elr, spsr;
};

static sync_hook current_hook;
static void (*irq_handlers[64])(unsigned int intid);

void set_sync_hook(sync_hook hook)
{
	current_hook = hook;
}

void set_irq_handler(unsigned int intid, void (*handler)(unsigned int intid))
{
	if (intid < 64)
		irq_handlers[intid] = handler;
}

void guest_sync_exception(struct saved_frame *frame);
void guest_sync_exception(struct saved_frame *frame)
{
	struct exception_info info;

	__asm__ volatile("mrs %0, esr_el1" : "=r"(info.esr));
	__asm__ volatile("mrs %0, far_el1" : "=r"(info.far));
	info.elr = frame->elr;
	info.lr = frame->x[19];		/* x30 is saved after x0-x18 */
	switch (current_hook != 0 ? current_hook(&info) : SYNC_UNEXPECTED) {
	case SYNC_SKIP:
		frame->elr += 4;
		return;
	case SYNC_RETURN:
		frame->elr = info.lr;
		return;
	default:
		break;
	}
	fail("unexpected-exception", "ESR %#llx FAR %#llx ELR %#llx", (unsigned long long)info.esr,
	     (unsigned long long)info.far, (unsigned long long)info.elr);
	done();
}

void unexpected_exception(struct saved_frame *frame);
void unexpected_exception(struct saved_frame *frame)
{
	fail("unexpected-vector", "ELR %#llx SPSR %#llx", (unsigned long long)frame->elr,
	     (unsigned long long)frame->spsr);
	done();
}

void guest_irq(struct saved_frame *frame);
void guest_irq(struct saved_frame *frame)
{
	uint64_t iar;

	(void)frame;
	for (;;) {
		__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar));	/* ICC_IAR1_EL1 */
		iar &= 0xffffff;
		if (iar >= 1020)
			return;
		if (iar < 64 && irq_handlers[iar] != 0)
			irq_handlers[iar]((unsigned int)iar);
		__asm__ volatile("msr S3_0_C12_C12_1, %0" : : "r"(iar));	/* ICC_EOIR1_EL1 */
		__asm__ volatile("isb");
	}
}
