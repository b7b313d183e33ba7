/*
 * bulkhead gen: the files the build consumes. Each is written to a
 * temporary name and renamed, so an interrupted run leaves no half file
 * for make to trust.
 */
#include "emit.h"
#include "emit_dtb.h"
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

typedef void (*writer)(FILE *out, const struct layout_spec *layout, const struct board *board, const char *dir);

static void write_tables(FILE *out, const struct layout_spec *l, const struct board *b, const char *dir)
{
	(void)dir;
	emit_tables(out, l, b);
}

static void write_components(FILE *out, const struct layout_spec *l, const struct board *b, const char *dir)
{
	(void)b;
	emit_components(out, l, dir);
}

static int write_file(const char *dir, const char *name, writer write, const struct layout_spec *l,
		      const struct board *b, const char *dtb_dir)
{
	char path[4096], temporary[4200];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(temporary, sizeof(temporary), "%s.tmp", path);
	out = fopen(temporary, "w");
	if (out == NULL) {
		fprintf(stderr, "bulkhead: error: cannot write %s: %s\n", temporary, strerror(errno));
		return 1;
	}
	write(out, l, b, dtb_dir);
	if (fclose(out) != 0 || rename(temporary, path) != 0) {
		fprintf(stderr, "bulkhead: error: cannot write %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static void write_inputs(FILE *out, const struct layout_spec *l, const struct board *b, const char *separator)
{
	fprintf(out, "%s%s%s", l->file, separator, b->file);
	for (unsigned int i = 0; i < l->partition_count; i++) {
		if (l->partitions[i].image.path != NULL)
			fprintf(out, "%s%s", separator, l->partitions[i].image.path);
		if (l->partitions[i].image.initrd_path != NULL)
			fprintf(out, "%s%s", separator, l->partitions[i].image.initrd_path);
	}
}

/*
 * make's view: tables.c changes when any input does. Each input is also a
 * target without a recipe (gcc's -MP), so one that is gone, a layout
 * renamed together with CONFIG_LAYOUT, regenerates instead of stopping make.
 */
static void write_depfile(FILE *out, const struct layout_spec *l, const struct board *b, const char *dir)
{
	fprintf(out, "%s/tables.c %s/components.txt: ", dir, dir);
	write_inputs(out, l, b, " \\\n  ");
	fputs("\n\n", out);
	write_inputs(out, l, b, ":\n");
	fputs(":\n", out);
}

int generate(const char *dir, const char *board_dtb, const struct layout_spec *l, const struct board *b)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "bulkhead: error: cannot create %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (write_file(dir, "tables.c", write_tables, l, b, NULL) != 0)
		return 1;
	if (board_dtb != NULL && emit_partition_dtbs(dir, board_dtb, l, b) != 0)
		return 1;
	if (write_file(dir, "tables.d", write_depfile, l, b, dir) != 0)
		return 1;
	return write_file(dir, "components.txt", write_components, l, b, board_dtb != NULL ? dir : NULL);
}
