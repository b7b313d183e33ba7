/* A partition's device tree after devices were cut from it: nothing may point at them. */
#ifndef GEN_DTB_REFERENCES_H
#define GEN_DTB_REFERENCES_H

/*
 * Drops every top-level node that (itself or below) refers by phandle to a
 * node no longer in the tree, until none does: `gpio-keys` without the
 * GPIO controller it names, and whatever then names it. Returns 0 or a
 * libfdt error.
 */
int dtb_drop_dangling_references(void *fdt);

#endif
