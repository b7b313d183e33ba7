/*
 * bulkhead: the layout compiler's command line.
 *   bulkhead check LAYOUT.yaml      validate
 *   bulkhead gen LAYOUT.yaml -o DIR  tables.c, components.txt, per-partition DTBs
 *   bulkhead layout LAYOUT.yaml     a readable report (and --svg FILE)
 *   bulkhead diff OLD.yaml NEW.yaml  what an update of a layout changes
 */
#include "board.h"
#include "diag.h"
#include "diff.h"
#include "emit.h"
#include "layout_parse.h"
#include "report.h"
#include "units.h"
#include "validate.h"
#include "yaml_tree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BULKHEAD_VERSION
#define BULKHEAD_VERSION "unknown"
#endif

#define MAX_IMAGE_DIRS 8
#define MAX_BOARD_DIRS 16

/* Where the board descriptions were when this program was built (gen/gen.mk). */
#ifndef BULKHEAD_PLATFORM_DIR
#define BULKHEAD_PLATFORM_DIR "platform"
#endif

struct options {
	const char *command;
	const char *layout;
	const char *new_layout;	/* diff: the layout after the update */
	const char *board;
	const char *board_dtb;
	const char *output;
	const char *svg;
	const char *image_dirs[MAX_IMAGE_DIRS + 1];
	unsigned int image_dir_count;
	const char *board_dirs[MAX_BOARD_DIRS];
	unsigned int board_dir_count;
	uint64_t ram_size;
	unsigned int cpus;
	struct limits limits;
};

static void usage(FILE *out)
{
	fputs("usage: bulkhead COMMAND LAYOUT.yaml [options]\n"
	      "\n"
	      "commands:\n"
	      "  check     validate the layout; exit 0 when it is valid\n"
	      "  gen       write DIR/tables.c, DIR/components.txt and DIR/<partition>.dtb\n"
	      "  layout    print the memory map, CPUs and schedules (--svg FILE draws them)\n"
	      "  diff      bulkhead diff OLD.yaml NEW.yaml: what the update changes, one line each\n"
	      "  image     build, sign and check boot images: bulkhead image --help\n"
	      "\n"
	      "options:\n"
	      "  --board FILE           the board description; without it, the first\n"
	      "                         <platform>/board.yaml found in the --board-dir folders,\n"
	      "                         $BULKHEAD_BOARD_PATH (DIR:DIR...), PREFIX/share/bulkhead/\n"
	      "                         platform for PREFIX/bin/bulkhead, and\n"
	      "                         " BULKHEAD_PLATFORM_DIR "\n"
	      "  --board-dir DIR        where to look for <platform>/board.yaml; repeatable\n"
	      "  --board-dtb FILE       the board's device tree, for partition DTBs (gen)\n"
	      "  -o DIR                 output directory (gen)\n"
	      "  --images DIR           where to look for images, after the layout's folder\n"
	      "  --ram-size SIZE        RAM of this build (default 1G)\n"
	      "  --cpus N               CPUs of this build (default: the board's)\n"
	      "  --max-partitions N     limit from CONFIG_MAX_PARTITIONS (default 64)\n"
	      "  --max-vcpus N          limit from CONFIG_MAX_VCPUS (default 256)\n"
	      "  --svg FILE             with layout: also draw the layout as SVG\n"
	      "  --help, --version\n", out);
}

static int diff_against(const struct options *o, const struct layout_spec *old, struct board *board);

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "bulkhead: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see bulkhead --help)\n");
	return 2;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->ram_size = 1ULL << 30;
	o->limits = (struct limits){ .max_partitions = 64, .max_vcpus = 256 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t number;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			exit(0);
		}
		if (strcmp(a, "--version") == 0) {
			printf("bulkhead %s\n", BULKHEAD_VERSION);
			exit(0);
		}
		if (a[0] != '-') {
			if (o->command == NULL)
				o->command = a;
			else if (o->layout == NULL)
				o->layout = a;
			else if (o->new_layout == NULL && strcmp(o->command, "diff") == 0)
				o->new_layout = a;
			else
				return usage_error("unexpected argument '%s'", a);
			continue;
		}
		if (value == NULL)
			return usage_error("%s needs a value", a);
		i++;
		if (strcmp(a, "--board") == 0)
			o->board = value;
		else if (strcmp(a, "--board-dir") == 0) {
			if (o->board_dir_count == MAX_BOARD_DIRS)
				return usage_error("at most 16 %s", "--board-dir");
			o->board_dirs[o->board_dir_count++] = value;
		} else if (strcmp(a, "--board-dtb") == 0)
			o->board_dtb = value;
		else if (strcmp(a, "-o") == 0)
			o->output = value;
		else if (strcmp(a, "--svg") == 0)
			o->svg = value;
		else if (strcmp(a, "--images") == 0) {
			if (o->image_dir_count == MAX_IMAGE_DIRS)
				return usage_error("at most 8 %s", "--images");
			o->image_dirs[o->image_dir_count++] = value;
		} else if (strcmp(a, "--ram-size") == 0) {
			if (units_parse_size(value, &o->ram_size) != UNITS_OK || o->ram_size == 0)
				return usage_error("--ram-size: '%s' is not a size", value);
		} else if (strcmp(a, "--cpus") == 0 || strcmp(a, "--max-partitions") == 0 ||
			   strcmp(a, "--max-vcpus") == 0) {
			if (units_parse_integer(value, &number) != UNITS_OK || number == 0 || number > 4096)
				return usage_error("'%s' is not a count from 1 to 4096", value);
			if (strcmp(a, "--cpus") == 0)
				o->cpus = (unsigned int)number;
			else if (strcmp(a, "--max-partitions") == 0)
				o->limits.max_partitions = (unsigned int)number;
			else
				o->limits.max_vcpus = (unsigned int)number;
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (o->command == NULL)
		return usage_error("%s", "no command given");
	if (strcmp(o->command, "check") != 0 && strcmp(o->command, "gen") != 0 && strcmp(o->command, "layout") != 0 &&
	    strcmp(o->command, "diff") != 0)
		return usage_error("unknown command '%s'", o->command);
	if (o->layout == NULL)
		return usage_error("%s", "no layout file given");
	if (strcmp(o->command, "diff") == 0 && o->new_layout == NULL)
		return usage_error("%s", "diff needs OLD.yaml NEW.yaml");
	if (strcmp(o->command, "gen") == 0 && o->output == NULL)
		return usage_error("%s", "gen needs -o DIR");
	return 0;
}

static char *read_text(const char *path, size_t *length)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t used = 0, capacity = 0, n;

	if (f == NULL)
		return NULL;
	do {
		if (used + 4096 > capacity) {
			char *bigger;
			capacity = capacity ? capacity * 2 : 8192;
			if (capacity > (16u << 20) || (bigger = realloc(text, capacity)) == NULL) {
				free(text);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			text = bigger;
		}
		n = fread(text + used, 1, capacity - used - 1, f);
		used += n;
	} while (n > 0);
	fclose(f);
	text[used] = '\0';
	*length = used;
	return text;
}

static struct ynode *load_yaml(const char *path, char **text)
{
	size_t length = 0;

	*text = read_text(path, &length);
	if (*text == NULL) {
		diag_error((struct source_position){ path, 0, 0 }, NULL, "cannot read: %s", strerror(errno));
		return NULL;
	}
	diag_add_source(path, *text, length);
	return yaml_load(path, *text, length);
}

/* The installed boards: PREFIX/share/bulkhead/platform for PREFIX/bin/bulkhead. */
static char *installed_board_dir(void)
{
	static const char suffix[] = "/share/bulkhead/platform";
	char self[4096];
	ssize_t length = readlink("/proc/self/exe", self, sizeof(self) - sizeof(suffix));
	char *slash;

	if (length <= 0)
		return NULL;
	self[length] = '\0';
	for (int level = 0; level < 2; level++) {
		slash = strrchr(self, '/');
		if (slash == NULL)
			return NULL;
		*slash = '\0';
	}
	strcpy(slash, suffix);
	return strdup(self);
}

/*
 * The board file named by --board, else the layout's platform looked up
 * in the documented order (usage(), docs/config.md).
 */
static char *find_board(const struct options *o, const struct layout_spec *l)
{
	const char *dirs[2 * MAX_BOARD_DIRS + 2];
	unsigned int count = 0;
	const char *env = getenv("BULKHEAD_BOARD_PATH");
	char *env_copy = env != NULL ? strdup(env) : NULL, *installed = installed_board_dir(), *found, *next = NULL;

	if (o->board != NULL)
		found = strdup(o->board);
	else if (l->platform == NULL)
		found = NULL;	/* the layout's own error says a platform is needed */
	else {
		for (unsigned int i = 0; i < o->board_dir_count; i++)
			dirs[count++] = o->board_dirs[i];
		for (char *dir = env_copy != NULL ? strtok_r(env_copy, ":", &next) : NULL;
		     dir != NULL && count < 2 * MAX_BOARD_DIRS; dir = strtok_r(NULL, ":", &next))
			dirs[count++] = dir;
		if (installed != NULL)
			dirs[count++] = installed;
		dirs[count++] = BULKHEAD_PLATFORM_DIR;
		found = board_find_file(l->platform, l->platform_at, dirs, count);
	}
	free(env_copy);
	free(installed);
	return found;
}

static int run(const struct options *o)
{
	char *layout_text = NULL, *board_text = NULL, *board_file = NULL;
	struct ynode *layout_tree = load_yaml(o->layout, &layout_text), *board_tree = NULL;
	struct layout_spec layout = { 0 };
	struct board board = { 0 };
	int status = 1;

	if (layout_tree == NULL)
		goto out;
	layout_parse(layout_tree, o->layout, &layout);
	board_file = find_board(o, &layout);
	if (board_file == NULL)
		goto out;
	board_tree = load_yaml(board_file, &board_text);
	if (board_tree == NULL || !board_load(board_tree, board_file, o->ram_size, &board))
		goto out;
	if (o->cpus != 0 && o->cpus < board.cpu_count)
		board.cpu_count = o->cpus;
	validate_layout(&layout, &board, &o->limits,
			strcmp(o->command, "gen") == 0 || o->image_dir_count > 0 ? o->image_dirs : NULL);
	if (diag_error_count() > 0)
		goto out;
	if (strcmp(o->command, "gen") == 0)
		status = generate(o->output, o->board_dtb, &layout, &board);
	else if (strcmp(o->command, "layout") == 0)
		status = report_layout(stdout, o->svg, &layout, &board);
	else if (strcmp(o->command, "diff") == 0)
		status = diff_against(o, &layout, &board);
	else
		status = 0;
out:
	if (diag_error_count() > 0)
		fprintf(stderr, "bulkhead: %u error%s, %u warning%s in %s%s%s\n", diag_error_count(),
			diag_error_count() == 1 ? "" : "s", diag_warning_count(),
			diag_warning_count() == 1 ? "" : "s", o->layout, o->new_layout ? " and " : "",
			o->new_layout ? o->new_layout : "");
	layout_free(&layout);
	board_free(&board);
	ynode_free(layout_tree);
	ynode_free(board_tree);
	free(layout_text);
	free(board_text);
	diag_reset();
	free(board_file);
	return status;
}

/* bulkhead diff: the new layout, validated against the same board, compared with the old one. */
static int diff_against(const struct options *o, const struct layout_spec *old, struct board *board)
{
	char *text = NULL;
	struct ynode *tree = load_yaml(o->new_layout, &text);
	struct layout_spec new_layout = { 0 };
	int *old_owners = diff_take_device_owners(old, board);
	int status = 1;

	if (tree != NULL && old_owners != NULL) {
		layout_parse(tree, o->new_layout, &new_layout);
		validate_layout(&new_layout, board, &o->limits, o->image_dir_count > 0 ? o->image_dirs : NULL);
		if (diag_error_count() == 0) {
			diff_layouts(stdout, old, old_owners, &new_layout, board);
			status = 0;
		}
	}
	free(old_owners);
	layout_free(&new_layout);
	ynode_free(tree);
	free(text);
	return status;
}

/* `bulkhead image ARGS` is bulkhead-image ARGS, installed next to this program. */
static int run_image_tool(char **argv)
{
	const char *self = argv[0], *slash = strrchr(self, '/');
	char path[4096];

	if (slash != NULL)
		snprintf(path, sizeof(path), "%.*s/bulkhead-image", (int)(slash - self), self);
	else
		snprintf(path, sizeof(path), "bulkhead-image");
	argv[1] = path;
	if (slash != NULL)
		execv(path, argv + 1);
	else
		execvp(path, argv + 1);
	fprintf(stderr, "bulkhead: error: cannot run %s: %s\n", path, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct options o;
	int status;

	if (argc > 1 && strcmp(argv[1], "image") == 0)
		return run_image_tool(argv);
	status = parse_options(argc, argv, &o);

	if (status != 0)
		return status;
	return run(&o);
}
