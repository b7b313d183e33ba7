/*
 * Cutting a device out of a partition's tree leaves the nodes that use
 * it: QEMU's `gpio-keys` names the PL061 in `gpios`, and a kernel given
 * the one without the other prints "could not find phandle" and loses the
 * key. The consumer goes with its provider. Only properties whose first
 * cell is a phandle by binding are read; anything else could be a number.
 */
#include "dtb_references.h"

#include <libfdt.h>
#include <stdbool.h>
#include <string.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Properties of the common bindings whose value starts with a phandle. */
static bool names_a_phandle(const char *property)
{
	static const char *const exact[] = {
		"gpios", "clocks", "interrupt-parent", "interrupts-extended", "resets", "power-domains",
		"iommus", "phys", "dmas", "mboxes", "pwms", "thermal-sensors",
	};

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(property, exact[i]) == 0)
			return true;
	return ends_with(property, "-gpios") || ends_with(property, "-supply");
}

static bool refers_to_missing(const void *fdt, int node)
{
	int offset;

	fdt_for_each_property_offset(offset, fdt, node) {
		const char *name;
		int len;
		const fdt32_t *value = fdt_getprop_by_offset(fdt, offset, &name, &len);

		if (value != NULL && len >= 4 && names_a_phandle(name) &&
		    fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(value[0])) < 0)
			return true;
	}
	return false;
}

/* The node or one below it names a node that is gone. */
static bool subtree_refers_to_missing(const void *fdt, int top)
{
	int depth = 0;

	if (refers_to_missing(fdt, top))
		return true;
	/* Its descendants are the nodes that follow it at a depth below it. */
	for (int node = fdt_next_node(fdt, top, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (refers_to_missing(fdt, node))
			return true;
	}
	return false;
}

int dtb_drop_dangling_references(void *fdt)
{
	bool changed = true;

	while (changed) {
		int node;

		changed = false;
		fdt_for_each_subnode(node, fdt, 0) {
			if (subtree_refers_to_missing(fdt, node)) {
				int err = fdt_del_node(fdt, node);

				if (err != 0)
					return err;
				changed = true;	/* offsets moved, and it may have been named in turn */
				break;
			}
		}
	}
	return 0;
}
