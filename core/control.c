/*
 * The control operations (control_abi.h) and their two doors: the page's
 * registers and the hypercall. Every argument is checked; a refused
 * command changes nothing but its status (no result, no data, no
 * partition's state). Commands from one partition are serialised by
 * its page's lock; life-cycle changes by the target partition's.
 */
#include <arch.h>
#include <console.h>
#include <control.h>
#include <control_abi.h>
#include <counter.h>
#include <log.h>
#include <measurement.h>
#include <mmio.h>
#include <partitions.h>
#include <spinlock.h>
#include <string.h>
#include <vcpu_account.h>
#include <vcpu_run.h>

struct control_request {
	uint32_t command;
	uint64_t arg0, arg1;
	uint64_t result0, result1;
	uint8_t *data;			/* BH_CTL_DATA_SIZE bytes */
	uint64_t data_size;		/* bytes the command wrote to data */
};

/* One page per partition that may use it: registers as last written and read. */
struct control_page {
	struct spinlock lock;
	int32_t status;
	uint64_t arg0, arg1, result0, result1;
	uint8_t data[BH_CTL_DATA_SIZE];
};

static struct control_page pages[CONFIG_MAX_PARTITIONS];

static int32_t describe_partition(struct partition *p, struct control_request *r)
{
	struct bh_partition_info info = {
		.id = p->id,
		.state = p->state == PARTITION_STOPPED ? BH_PARTITION_STOPPED :
			 p->state == PARTITION_LOADING ? BH_PARTITION_LOADING : BH_PARTITION_RUNNING,
		.flags = (p->is_root ? BH_PARTITION_ROOT : 0) | (p->layout->control_ipa ? BH_PARTITION_CONTROL : 0),
		.vcpu_count = p->vcpu_count,
		.restarts = p->restarts,
		.faults = p->faults,
	};

	for (size_t i = 0; p->name[i] != '\0' && i < sizeof(info.name) - 1; i++)
		info.name[i] = p->name[i];
	for (unsigned int i = 0; i < p->vcpu_count; i++) {
		struct vcpu_times times = vcpu_times(&p->vcpus[i]);

		info.run_ns += counter_ticks_to_ns(times.run_ticks);
		info.wait_ns += counter_ticks_to_ns(times.wait_ticks);
		if (p->vcpus[i].wfi_native)
			info.flags |= BH_PARTITION_WFI_NATIVE;
	}
	memcpy(r->data, &info, sizeof(info));
	r->data_size = sizeof(info);
	return BH_OK;
}

static int32_t describe_vcpu(struct partition *p, uint64_t index, struct control_request *r)
{
	const struct vcpu *v = index < p->vcpu_count ? &p->vcpus[index] : NULL;
	struct bh_vcpu_info info = { 0 };
	struct vcpu_times times;

	if (v == NULL)
		return BH_ERR_INVALID;
	times = vcpu_times(v);
	info.cpu = v->cpu;
	info.state = v->state == VCPU_RUNNING ? BH_VCPU_RUNNING :
		     v->state == VCPU_PENDING ? BH_VCPU_PENDING : BH_VCPU_OFF;
	info.scheduled = v->scheduled;
	info.flags = v->wfi_native ? BH_VCPU_WFI_NATIVE : 0;
	info.wait_ns = counter_ticks_to_ns(times.wait_ticks);
	info.stats.run_ns = counter_ticks_to_ns(times.run_ticks);
	info.stats.hypervisor_ns = counter_ticks_to_ns(__atomic_load_n(&v->hyp_ticks, __ATOMIC_RELAXED));
	info.stats.windows = v->windows;
	info.stats.interrupts_injected = v->injected;
	info.stats.exits = v->exits;
	for (unsigned int i = 0; i < BH_EXIT_REASONS; i++)
		info.stats.exits_by_reason[i] = v->exits_by_reason[i];
	memcpy(r->data, &info, sizeof(info));
	r->data_size = sizeof(info);
	return BH_OK;
}

static int32_t life_cycle(struct partition *caller, struct partition *p, uint32_t command)
{
	const char *verb = command == BH_CTL_CMD_STOP ? "stops" : command == BH_CTL_CMD_START ? "starts" : "restarts";
	bool done;

	if (p->is_root || p == caller)
		return BH_ERR_DENIED;
	/* The state is checked again, under its lock, by the change itself. */
	switch (command) {
	case BH_CTL_CMD_STOP:
		done = partition_stop(p);
		break;
	case BH_CTL_CMD_START:
		done = partition_start(p);
		break;
	default:
		done = partition_restart(p, RESTART_BY_CONTROL);
		break;
	}
	/* After the fact, so that the log never shows a refused change as made. */
	log_info("control: %s %s partition %s%s", caller->name, verb, p->name,
		 done ? "" : ": refused, not in a state for that");
	return done ? BH_OK : BH_ERR_STATE;
}

static int32_t read_log(struct control_request *r)
{
	size_t size;
	const uint8_t *log = measurement_log(&size);

	r->result0 = size;
	if (log == NULL || r->arg0 >= size)
		return r->arg0 <= size ? BH_OK : BH_ERR_INVALID;
	r->data_size = size - r->arg0 < BH_CTL_DATA_SIZE ? size - r->arg0 : BH_CTL_DATA_SIZE;
	memcpy(r->data, log + r->arg0, r->data_size);
	r->result1 = r->data_size;
	return BH_OK;
}

/*
 * A command checks everything before it writes r->data: a refused one
 * leaves the data as it was, so neither door has to undo anything.
 */
static int32_t control_execute(struct partition *caller, struct control_request *r)
{
	struct partition *p = NULL;

	r->result0 = r->result1 = r->data_size = 0;
	if (r->command >= BH_CTL_CMD_PARTITION && r->command <= BH_CTL_CMD_RESTART) {
		p = partition_by_id(r->arg0);
		if (p == NULL)
			return BH_ERR_INVALID;
	}
	switch (r->command) {
	case BH_CTL_CMD_SUMMARY:
		r->result0 = partition_table_count;
		r->result1 = caller->id;
		return BH_OK;
	case BH_CTL_CMD_PARTITION:
		return describe_partition(p, r);
	case BH_CTL_CMD_VCPU:
		return describe_vcpu(p, r->arg1, r);
	case BH_CTL_CMD_STOP:
	case BH_CTL_CMD_START:
	case BH_CTL_CMD_RESTART:
		return life_cycle(caller, p, r->command);
	case BH_CTL_CMD_LOG:
		return read_log(r);
	case BH_CTL_CMD_HVLOG:
		r->data_size = console_log_read(r->arg0, (char *)r->data, BH_CTL_DATA_SIZE, &r->result0);
		r->result1 = r->data_size;
		return BH_OK;
	case BH_CTL_CMD_HVLOG_STATE:
		r->result1 = console_uart_pending();
		r->result0 = console_log_end();
		return BH_OK;
	case BH_CTL_CMD_CONSOLE:
		p = partition_by_id(r->arg0);
		if (p == NULL || p->layout->console == LAYOUT_CONSOLE_DEVICE)
			return BH_ERR_INVALID;
		r->data_size = vuart_ring_read(&p->uart, r->arg1, (char *)r->data, BH_CTL_DATA_SIZE, &r->result0);
		r->result1 = r->data_size;
		return BH_OK;
	default:
		return BH_ERR_NOT_SUPPORTED;
	}
}

static uint64_t read_register(const struct control_page *page, uint64_t offset, unsigned int width)
{
	uint64_t value = 0;

	if (offset >= BH_CTL_DATA && offset - BH_CTL_DATA + width <= BH_CTL_DATA_SIZE) {
		memcpy(&value, &page->data[offset - BH_CTL_DATA], width);
		return value;
	}
	switch (offset) {
	case BH_CTL_MAGIC: return BH_CTL_MAGIC_VALUE;
	case BH_CTL_VERSION: return BH_CTL_VERSION_MAJOR << 16 | BH_CTL_VERSION_MINOR;
	case BH_CTL_STATUS: return (uint32_t)page->status;
	case BH_CTL_ARG0: return page->arg0;
	case BH_CTL_ARG1: return page->arg1;
	case BH_CTL_RESULT0: return page->result0;
	case BH_CTL_RESULT1: return page->result1;
	default: return 0;
	}
}

static bool whole_writable_register(uint64_t offset, unsigned int width)
{
	if (offset == BH_CTL_ARG0 || offset == BH_CTL_ARG1)
		return width == 8;
	return offset == BH_CTL_COMMAND && width == 4;
}

static enum mmio_result control_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct control_page *page = device;

	/*
	 * Naturally aligned; the data window reads at any width. A write must
	 * be a whole register (64-bit arguments, a 32-bit command): anything
	 * else faults rather than leave an old argument in place.
	 */
	if (access->offset % access->width != 0)
		return MMIO_FAULT;
	if (access->write && !whole_writable_register(access->offset, access->width))
		return MMIO_FAULT;
	spin_lock(&page->lock);
	if (!access->write) {
		access->value = read_register(page, access->offset, access->width);
	} else if (access->offset == BH_CTL_ARG0) {
		page->arg0 = access->value;
	} else if (access->offset == BH_CTL_ARG1) {
		page->arg1 = access->value;
	} else {
		struct control_request r = { .command = (uint32_t)access->value, .arg0 = page->arg0,
					     .arg1 = page->arg1, .data = page->data };
		page->status = control_execute(vcpu->partition, &r);
		/* Refused: only STATUS says so; RESULT and DATA keep the last answer. */
		if (page->status == BH_OK) {
			memset(page->data + r.data_size, 0, sizeof(page->data) - r.data_size);
			page->result0 = r.result0;
			page->result1 = r.result1;
		}
	}
	spin_unlock(&page->lock);
	return MMIO_HANDLED;
}

void control_partition_init(struct partition *p)
{
	struct mmio_region region;

	if (p->layout->control_ipa == 0)
		return;
	region = (struct mmio_region){ .base = p->layout->control_ipa, .size = BH_CTL_PAGE_SIZE,
				       .handle = control_mmio, .device = &pages[p - partition_table],
				       .name = "control page" };
	if (!mmio_register(&p->mmio, &region))
		log_error("partition %s: no room for its control page", p->name);
}

void control_hypercall(struct vcpu *vcpu, const uint64_t *args, uint64_t *results)
{
	struct partition *caller = vcpu->partition;
	struct control_page *page = &pages[caller - partition_table];
	struct control_request r = { .command = (uint32_t)args[1], .arg0 = args[2], .arg1 = args[3],
				     .data = page->data };
	uint8_t *out = NULL;

	if (caller->layout->control_ipa == 0) {
		results[0] = (uint64_t)BH_ERR_DENIED;
		return;
	}
	if (args[5] != 0 && (out = partition_guest_buffer(caller, args[4], args[5], true)) == NULL) {
		results[0] = (uint64_t)BH_ERR_BAD_ADDRESS;
		return;
	}
	spin_lock(&page->lock);
	results[0] = (uint64_t)(int64_t)control_execute(caller, &r);
	/* Refused: the caller's buffer and registers are left as they were. */
	if (results[0] == BH_OK) {
		results[1] = r.result0;
		results[2] = r.result1;
		results[3] = r.data_size < args[5] ? r.data_size : args[5];
		if (out != NULL)
			memcpy(out, page->data, results[3]);
	}
	spin_unlock(&page->lock);
}
