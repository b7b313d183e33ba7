/*
 * GCC's own <limits.h> defines every limit, then includes the C library's
 * with #include_next; there is none in a freestanding hypervisor, and
 * this empty one ends the search.
 */
