/* Whole files in and out of memory, for the image tool. */
#ifndef FILE_IO_H
#define FILE_IO_H

#include <stddef.h>
#include <stdint.h>

/* The file's bytes (malloc'd, *size set), or NULL with errno set. */
uint8_t *file_read_all(const char *path, size_t *size);
/* 0, or -1 with errno set. */
int file_write_all(const char *path, const void *data, size_t size);

#endif
