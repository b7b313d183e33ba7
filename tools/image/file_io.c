#include "file_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

uint8_t *file_read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t used = 0, capacity = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (used == capacity) {
			uint8_t *bigger;
			capacity = capacity ? capacity * 2 : 1 << 16;
			bigger = realloc(data, capacity);
			if (bigger == NULL) {
				free(data);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			data = bigger;
		}
		size_t n = fread(data + used, 1, capacity - used, f);
		used += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*size = used;
	return data;
}

int file_write_all(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	if (fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}
