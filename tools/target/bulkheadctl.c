// sources: tools/target/lib/console_text.c tools/target/lib/control_page.c tools/target/lib/devmem.c core/lib/event_log.c core/lib/format.c core/lib/image_check.c core/lib/sha256.c
/*
 * bulkheadctl: the root partition's view and control of the others,
 * through the hypervisor's control page (docs/control.md) mapped from
 * /dev/mem; no kernel module needed.
 */
#include "lib/console_text.h"
#include "lib/control_page.h"

#include <control_abi.h>
#include <event_log.h>
#include <layout.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int json;

static void usage(FILE *out)
{
	fputs("usage: bulkheadctl [--json] COMMAND [ARGUMENTS]\n"
	      "\n"
	      "Shows and controls the partitions of the Bulkhead hypervisor this root\n"
	      "partition runs on, through its control page (docs/control.md).\n"
	      "\n"
	      "commands:\n"
	      "  list                   every partition: id, name, state, vCPUs and the CPU\n"
	      "                         each runs on, restarts, faults, CPU time\n"
	      "  stat [--watch [SECONDS]] [--count N]\n"
	      "                         CPU time per partition and vCPU, with the share of\n"
	      "                         its CPU each ran and waited (in a trapped WFI) over\n"
	      "                         the last interval (default 1 s); '*': its WFI is\n"
	      "                         native, idle counts as running; --watch repeats\n"
	      "                         until interrupted (or N times)\n"
	      "  stop NAME              stop a partition (not the root)\n"
	      "  start NAME             load a stopped partition afresh and start it\n"
	      "  restart NAME           clear, reload, re-measure and start a partition\n"
	      "  console NAME [--follow] [--new]\n"
	      "                         a partition's console output (emulated consoles),\n"
	      "                         in whole lines, control characters shown as \\xNN;\n"
	      "                         --follow keeps printing what comes, --new skips\n"
	      "                         what was printed before\n"
	      "  log                    the boot measurements (TCG event log): PCR, event\n"
	      "                         type, SHA-256 and what was measured\n"
	      "  hvlog [--follow] [--new]\n"
	      "                         the hypervisor's own log, the last 16 KiB of it,\n"
	      "                         all of it, though the UART shows only what is urgent\n"
	      "\n"
	      "options:\n"
	      "  --json                 machine-readable output (list, stat, log)\n"
	      "  --help                 this text\n"
	      "\n"
	      "Exit status: 0 on success, 1 when the hypervisor refuses or a name is\n"
	      "unknown, 2 on a usage error.\n", out);
}

static const char *state_name(uint32_t state)
{
	return state == BH_PARTITION_RUNNING ? "running" : state == BH_PARTITION_LOADING ? "loading" : "stopped";
}

static const char *vcpu_state_name(uint32_t state)
{
	return state == BH_VCPU_RUNNING ? "running" : state == BH_VCPU_PENDING ? "pending" : "off";
}

static int do_list(void)
{
	unsigned int count = control_partition_count();

	if (json)
		printf("[\n");
	else
		printf("%-3s %-16s %-8s %-6s %-14s %-8s %-6s %s\n", "ID", "NAME", "STATE", "ROLE", "VCPUS@CPU",
		       "RESTARTS", "FAULTS", "CPU-TIME");
	for (unsigned int id = 0; id < count; id++) {
		struct bh_partition_info p;
		char cpus[64] = "";
		size_t used = 0;

		if (control_get_partition(id, &p) != 0)
			continue;
		for (unsigned int v = 0; v < p.vcpu_count; v++) {
			struct bh_vcpu_info vi = { 0 };

			if (used >= sizeof(cpus) || control_command(BH_CTL_CMD_VCPU, id, v, &vi, sizeof(vi)).status != BH_OK)
				break;
			used += (size_t)snprintf(cpus + used, sizeof(cpus) - used, "%s%u", v ? (json ? ", " : ",") : "",
						 vi.cpu);
		}
		if (json)
			printf("  {\"id\": %u, \"name\": \"%s\", \"state\": \"%s\", \"root\": %s, \"control\": %s, "
			       "\"vcpus\": %u, \"cpus\": [%s], \"restarts\": %u, \"faults\": %u, \"run_ns\": %llu}%s\n",
			       p.id, p.name, state_name(p.state), p.flags & BH_PARTITION_ROOT ? "true" : "false",
			       p.flags & BH_PARTITION_CONTROL ? "true" : "false", p.vcpu_count, cpus, p.restarts,
			       p.faults, (unsigned long long)p.run_ns, id + 1 < count ? "," : "");
		else
			printf("%-3u %-16s %-8s %-6s %u@%-12s %-8u %-6u %.3f s\n", p.id, p.name, state_name(p.state),
			       p.flags & BH_PARTITION_ROOT ? "root" : p.flags & BH_PARTITION_CONTROL ? "ctl" : "-",
			       p.vcpu_count, cpus, p.restarts, p.faults, (double)p.run_ns / 1e9);
	}
	if (json)
		printf("]\n");
	return 0;
}

#define MAX_PARTITIONS 64
#define MAX_VCPUS 8

struct sample {
	unsigned int count;
	struct bh_partition_info partitions[MAX_PARTITIONS];
	struct bh_vcpu_info vcpus[MAX_PARTITIONS][MAX_VCPUS];
	struct timespec at;
};

static void take_sample(struct sample *s)
{
	s->count = control_partition_count();
	if (s->count > MAX_PARTITIONS)
		s->count = MAX_PARTITIONS;
	for (unsigned int id = 0; id < s->count; id++) {
		control_get_partition(id, &s->partitions[id]);
		for (unsigned int v = 0; v < s->partitions[id].vcpu_count && v < MAX_VCPUS; v++)
			control_command(BH_CTL_CMD_VCPU, id, v, &s->vcpus[id][v], sizeof(s->vcpus[id][v]));
	}
	clock_gettime(CLOCK_MONOTONIC, &s->at);
}

static double share_of(uint64_t now_ns, uint64_t then_ns, double interval)
{
	double share = interval > 0 ? (double)(now_ns - then_ns) / 1e9 / interval : 0;

	/* The vCPUs are read one after another, not at the instant of the timestamps. */
	return share > 1 ? 1 : share;
}

/*
 * RUN is the share of the interval the vCPU held its CPU (its code and the
 * hypervisor on its behalf), HYP the hypervisor's part of RUN, WAIT the
 * share it spent in a trapped WFI. A
 * vCPU whose WFI runs natively (layout `wfi: native`) idles inside RUN:
 * marked with '*'. A page older than 1.2 counts no waiting: WAIT is '-'.
 */
static void print_stat(const struct sample *before, const struct sample *after)
{
	double interval = (double)(after->at.tv_sec - before->at.tv_sec) +
			  (double)(after->at.tv_nsec - before->at.tv_nsec) / 1e9;
	bool counts_waiting = control_minor_version() >= 2, any_native = false;

	if (json)
		printf("{\"interval_s\": %.3f, \"vcpus\": [\n", interval);
	else
		printf("%-16s %-5s %-4s %-8s %12s %7s %6s %6s %10s %10s\n", "PARTITION", "VCPU", "CPU", "STATE", "CPU-TIME",
		       "RUN", "HYP", "WAIT", "EXITS", "IRQS");
	for (unsigned int id = 0; id < after->count; id++) {
		const struct bh_partition_info *p = &after->partitions[id];
		for (unsigned int v = 0; v < p->vcpu_count && v < MAX_VCPUS; v++) {
			const struct bh_vcpu_info *now = &after->vcpus[id][v], *then = &before->vcpus[id][v];
			double share = share_of(now->stats.run_ns, then->stats.run_ns, interval);
			double wait = share_of(now->wait_ns, then->wait_ns, interval);
			double hypervisor = share_of(now->stats.hypervisor_ns, then->stats.hypervisor_ns, interval);
			bool native = counts_waiting && (now->flags & BH_VCPU_WFI_NATIVE);
			bool last = id + 1 == after->count && v + 1 == p->vcpu_count;
			char wait_text[16] = "-";

			any_native = any_native || native;
			if (counts_waiting && !native)
				snprintf(wait_text, sizeof(wait_text), "%.1f%%", 100 * wait);
			if (json)
				printf("  {\"partition\": \"%s\", \"vcpu\": %u, \"cpu\": %u, \"state\": \"%s\", "
				       "\"run_ns\": %llu, \"share\": %.4f, \"hypervisor_ns\": %llu, \"hypervisor_share\": %.4f, "
				       "\"wait_ns\": %llu, \"wait_share\": %.4f, "
				       "\"wfi\": \"%s\", \"exits\": %llu, \"interrupts\": %llu}%s\n",
				       p->name, v, now->cpu, vcpu_state_name(now->state),
				       (unsigned long long)now->stats.run_ns, share,
				       (unsigned long long)now->stats.hypervisor_ns, hypervisor,
				       (unsigned long long)now->wait_ns, wait,
				       !counts_waiting ? "unknown" : native ? "native" : "trap",
				       (unsigned long long)now->stats.exits,
				       (unsigned long long)now->stats.interrupts_injected, last ? "" : ",");
			else
				printf("%-16s %-5u %-4u %-8s %10.3f s %5.1f%%%s %5.1f%% %6s %10llu %10llu\n", p->name, v,
				       now->cpu, vcpu_state_name(now->state), (double)now->stats.run_ns / 1e9, 100 * share,
				       native ? "*" : " ", 100 * hypervisor, wait_text, (unsigned long long)now->stats.exits,
				       (unsigned long long)now->stats.interrupts_injected);
		}
	}
	if (json)
		printf("]}\n");
	else if (any_native)
		printf("* WFI not trapped (layout 'wfi: native'): idle time counts as running\n");
	else if (!counts_waiting)
		printf("(this hypervisor's control page is older than 1.2: it counts no waiting)\n");
	fflush(stdout);
}

static int do_stat(int argc, char **argv)
{
	static struct sample samples[2];
	double seconds = 1;
	long count = 1;
	int watch = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--watch") == 0) {
			watch = 1;
			count = -1;
			if (i + 1 < argc && argv[i + 1][0] != '-')
				seconds = atof(argv[++i]);
		} else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
			count = atol(argv[++i]);
		} else {
			fprintf(stderr, "bulkheadctl: stat: unexpected '%s' (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (seconds <= 0 || count == 0) {
		fprintf(stderr, "bulkheadctl: stat: the interval and count must be positive\n");
		return 2;
	}
	take_sample(&samples[0]);
	for (long n = 0; count < 0 || n < count; n++) {
		struct timespec pause = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };
		nanosleep(&pause, NULL);
		take_sample(&samples[(n + 1) % 2]);
		if (watch && !json)
			printf("\n");
		print_stat(&samples[n % 2], &samples[(n + 1) % 2]);
	}
	return 0;
}

static int do_life_cycle(uint32_t cmd, const char *verb, const char *name)
{
	struct bh_partition_info p;
	struct control_reply r;

	if (control_find_partition(name, &p) != 0)
		return 1;
	r = control_command(cmd, p.id, 0, NULL, 0);
	if (r.status != BH_OK) {
		fprintf(stderr, "bulkheadctl: %s %s: %s\n", verb, name, control_status_text(r.status));
		return 1;
	}
	printf("%s: %s\n", name, verb);
	return 0;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int signal)
{
	(void)signal;
	interrupted = 1;
}

/* How long --follow holds a partial line for its newline before it shows it as it is. */
#define PARTIAL_LINE_WAIT_NS	1000000000LL
#define POLL_INTERVAL_US	100000

static long long monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

struct ring_options {
	int follow;		/* keep printing what comes, until interrupted */
	int only_new;		/* start at the ring's end, not its oldest byte kept */
};

/*
 * Prints a ring: a partition's console (CONSOLE, ARG0 = its id, ARG1 =
 * position) or the hypervisor's log (HVLOG, ARG0 = position), as text fit
 * for a terminal (lib/console_text.h) in whole lines. A position past the
 * end reads nothing and answers the end: --new starts there. With follow,
 * bytes the ring overwrote before they were read are said, as a line.
 */
static int print_ring(uint32_t command, uint64_t id, struct ring_options options, const char *what,
		      const char *hint)
{
	static struct console_text text;
	char data[BH_CTL_DATA_SIZE];
	uint64_t position = options.only_new ? UINT64_MAX : 0;
	long long held_since = 0;
	int first = 1;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!interrupted) {
		struct control_reply r = command == BH_CTL_CMD_HVLOG ?
			control_command(command, position, 0, data, sizeof(data)) :
			control_command(command, id, position, data, sizeof(data));
		if (r.status != BH_OK) {
			fprintf(stderr, "bulkheadctl: %s: %s%s\n", what, control_status_text(r.status), hint);
			return 1;
		}
		if (!first && r.result0 - r.result1 > position) {
			int partial = console_text_holds(&text);

			console_text_flush(&text, stdout);
			printf("%s[bulkheadctl: %llu bytes were overwritten before they could be read]\n",
			       partial ? "\n" : "", (unsigned long long)(r.result0 - r.result1 - position));
		}
		first = 0;
		/* A line held from now on, or a new one after a newline: its wait starts. */
		if (r.result1 > 0 && (!console_text_holds(&text) || memchr(data, '\n', r.result1) != NULL))
			held_since = monotonic_ns();
		console_text_put(&text, data, r.result1, stdout);
		position = r.result0;
		if (r.result1 > 0)
			continue;
		if (!options.follow)
			break;
		if (console_text_holds(&text) && monotonic_ns() - held_since >= PARTIAL_LINE_WAIT_NS)
			console_text_flush(&text, stdout);
		fflush(stdout);
		usleep(POLL_INTERVAL_US);
	}
	/* The end, or interrupted: what is held is shown, and the prompt starts a line of its own. */
	if (console_text_holds(&text)) {
		console_text_flush(&text, stdout);
		putchar('\n');
	}
	return 0;
}

/* [--follow] [--new] from argv[at]; -1 on anything else. */
static int ring_options(int argc, char **argv, int at, struct ring_options *options)
{
	*options = (struct ring_options){ 0 };
	for (int i = at; i < argc; i++) {
		if (strcmp(argv[i], "--follow") == 0)
			options->follow = 1;
		else if (strcmp(argv[i], "--new") == 0)
			options->only_new = 1;
		else
			return -1;
	}
	return 0;
}

static int do_console(int argc, char **argv)
{
	struct bh_partition_info p;
	struct ring_options options;

	if (argc < 1 || ring_options(argc, argv, 1, &options) != 0) {
		fprintf(stderr, "bulkheadctl: usage: console NAME [--follow] [--new]\n");
		return 2;
	}
	if (control_find_partition(argv[0], &p) != 0)
		return 1;
	return print_ring(BH_CTL_CMD_CONSOLE, p.id, options, argv[0], " (it has no emulated console?)");
}

static int do_hvlog(int argc, char **argv)
{
	struct ring_options options;

	if (ring_options(argc, argv, 0, &options) != 0) {
		fprintf(stderr, "bulkheadctl: usage: hvlog [--follow] [--new]\n");
		return 2;
	}
	return print_ring(BH_CTL_CMD_HVLOG, 0, options, "hvlog", "");
}

static int do_log(void)
{
	static uint8_t log[LAYOUT_EVENT_LOG_CAPACITY];
	struct control_reply r = control_command(BH_CTL_CMD_LOG, 0, 0, NULL, 0);
	uint64_t size = r.result0;
	struct event_view event;
	size_t offset = 0;

	if (r.status != BH_OK) {
		fprintf(stderr, "bulkheadctl: log: %s\n", control_status_text(r.status));
		return 1;
	}
	if (size > sizeof(log)) {
		fprintf(stderr, "bulkheadctl: log: %llu bytes, more than the %zu this bulkheadctl reads\n",
			(unsigned long long)size, sizeof(log));
		return 1;
	}
	for (uint64_t at = 0; at < size;) {
		r = control_command(BH_CTL_CMD_LOG, at, 0, log + at, size - at < BH_CTL_DATA_SIZE ? size - at : BH_CTL_DATA_SIZE);
		if (r.status != BH_OK || r.result1 == 0)
			return fprintf(stderr, "bulkheadctl: log: %s\n", control_status_text(r.status)), 1;
		at += r.result1;
	}
	if (size == 0) {
		printf(json ? "[]\n" : "no measurements (the hypervisor was built without CONFIG_MEASURED_BOOT)\n");
		return 0;
	}
	if (json)
		printf("[\n");
	for (unsigned int n = 0; event_log_next(log, size, &offset, &event); n++) {
		if (json)
			printf("%s  {\"pcr\": %u, \"type\": \"%s\", \"sha256\": \"", n ? ",\n" : "", event.pcr,
			       event_log_type_name(event.type));
		else
			printf("%2u PCR%-2u %-20s ", n, event.pcr, event_log_type_name(event.type));
		for (unsigned int i = 0; i < 32; i++)
			printf("%02x", event.sha256[i]);
		if (json)
			printf("\", \"description\": \"%.*s\"}", (int)event.description_size, event.description);
		else
			printf(" %.*s\n", (int)event.description_size, event.description);
	}
	if (json)
		printf("\n]\n");
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "bulkheadctl: unknown option '%s' (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (control_open() != 0)
		return 1;
	if (strcmp(argv[i], "list") == 0 && argc == i + 1)
		return do_list();
	if (strcmp(argv[i], "stat") == 0)
		return do_stat(argc - i - 1, argv + i + 1);
	if (strcmp(argv[i], "stop") == 0 && argc == i + 2)
		return do_life_cycle(BH_CTL_CMD_STOP, "stopped", argv[i + 1]);
	if (strcmp(argv[i], "start") == 0 && argc == i + 2)
		return do_life_cycle(BH_CTL_CMD_START, "started", argv[i + 1]);
	if (strcmp(argv[i], "restart") == 0 && argc == i + 2)
		return do_life_cycle(BH_CTL_CMD_RESTART, "restarted", argv[i + 1]);
	if (strcmp(argv[i], "console") == 0)
		return do_console(argc - i - 1, argv + i + 1);
	if (strcmp(argv[i], "log") == 0 && argc == i + 1)
		return do_log();
	if (strcmp(argv[i], "hvlog") == 0)
		return do_hvlog(argc - i - 1, argv + i + 1);
	fprintf(stderr, "bulkheadctl: unknown command or wrong arguments: '%s' (see --help)\n", argv[i]);
	return 2;
}
