/*
 * libFuzzer target over the layout compiler: any bytes go through the
 * YAML reader, the parser, validation and placement and, when valid, the
 * table emitter; with FUZZ_IMAGES (a folder of stand-in images),
 * FUZZ_BOARD_DTB (QEMU's device tree) and FUZZ_OUTPUT (a scratch folder)
 * set, also image resolution and the whole of `bulkhead gen`: tables,
 * every partition's device tree, the dependency and component lists. Nothing
 * may crash, leak or trip a sanitizer.
 */
#include "board.h"
#include "diag.h"
#include "emit.h"
#include "layout_parse.h"
#include "report.h"
#include "svg.h"
#include "validate.h"
#include "yaml_tree.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct board board;
static struct ynode *board_tree;
static char *board_text;

static int load_board(void)
{
	FILE *f = fopen(BOARD_YAML, "rb");
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		return -1;
	board_text = calloc(1, (size_t)n + 1);
	if (board_text == NULL || fread(board_text, 1, (size_t)n, f) != (size_t)n)
		return -1;
	fclose(f);
	board_tree = yaml_load(BOARD_YAML, board_text, (size_t)n);
	return board_tree != NULL && board_load(board_tree, BOARD_YAML, 1ULL << 30, &board) ? 0 : -1;
}

/* What FUZZ_IMAGES, FUZZ_BOARD_DTB and FUZZ_OUTPUT give: generation when all are set. */
static const char *image_dirs[2];
static const char *board_dtb, *output_dir;

static void load_generation_inputs(void)
{
	image_dirs[0] = getenv("FUZZ_IMAGES");
	board_dtb = getenv("FUZZ_BOARD_DTB");
	output_dir = getenv("FUZZ_OUTPUT");
	if (image_dirs[0] == NULL || board_dtb == NULL || output_dir == NULL)
		image_dirs[0] = board_dtb = output_dir = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct limits limits = { .max_partitions = 16, .max_vcpus = 32 };
	struct layout_spec layout;
	struct ynode *tree;
	FILE *sink;

	if (board_tree == NULL) {
		diag_set_quiet(true);
		if (load_board() != 0)
			abort();
		load_generation_inputs();
	}
	for (unsigned int d = 0; d < board.device_count; d++)
		board.devices[d].owner = -1;
	tree = yaml_load("fuzz.yaml", (const char *)data, size);
	if (tree == NULL)
		return 0;
	layout_parse(tree, "fuzz.yaml", &layout);
	if (diag_error_count() == 0)
		validate_layout(&layout, &board, &limits, image_dirs[0] != NULL ? image_dirs : NULL);
	if (diag_error_count() == 0 && output_dir != NULL) {
		generate(output_dir, board_dtb, &layout, &board);
	} else if (diag_error_count() == 0 && (sink = fopen("/dev/null", "w")) != NULL) {
		emit_tables(sink, &layout, &board);
		fclose(sink);
	}
	/* The picture of every layout that validates. */
	if (diag_error_count() == 0 && (sink = fopen("/dev/null", "w")) != NULL) {
		svg_draw(sink, &layout, &board);
		fclose(sink);
	}
	layout_free(&layout);
	ynode_free(tree);
	/* Keep the board's sources registered; forget this input's diagnostics. */
	diag_reset_counts();
	return 0;
}
