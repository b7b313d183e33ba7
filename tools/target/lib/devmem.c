#include "devmem.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define DT_ROOT "/proc/device-tree"

static long read_property(const char *node, const char *name, void *buffer, size_t size)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", DT_ROOT, node, name);
	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	n = fread(buffer, 1, size, f);
	fclose(f);
	return (long)n;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool dt_find(const char *prefix, const char *label, struct dt_node *node)
{
	DIR *dir = opendir(DT_ROOT);
	struct dirent *entry;
	bool found = false;

	if (dir == NULL) {
		perror(DT_ROOT);
		return false;
	}
	while (!found && (entry = readdir(dir)) != NULL) {
		uint8_t cells[64];
		char text[128] = "";
		long n;

		if (strncmp(entry->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (label != NULL && (read_property(entry->d_name, "label", text, sizeof(text) - 1) <= 0 ||
				      strcmp(text, label) != 0))
			continue;
		memset(node, 0, sizeof(*node));
		snprintf(node->path, sizeof(node->path), "%s", entry->d_name);
		n = read_property(entry->d_name, "reg", cells, sizeof(cells));
		for (long at = 0; n > 0 && at + 16 <= n && node->reg_count < 2; at += 16) {
			node->reg[2 * node->reg_count] = (uint64_t)be32(cells + at) << 32 | be32(cells + at + 4);
			node->reg[2 * node->reg_count + 1] = (uint64_t)be32(cells + at + 8) << 32 | be32(cells + at + 12);
			node->reg_count++;
		}
		node->writable = read_property(entry->d_name, "writable", text, sizeof(text)) >= 0;
		if (read_property(entry->d_name, "interrupts", cells, sizeof(cells)) >= 12)
			node->interrupt = be32(cells + 4) + 32;
		found = node->reg_count > 0;
	}
	closedir(dir);
	if (!found)
		fprintf(stderr, "no %s%s%s node in %s: is this the root partition of a Bulkhead layout%s?\n",
			prefix, label ? " labelled " : "", label ? label : "", DT_ROOT,
			label ? " with that channel" : "");
	return found;
}

volatile void *devmem_map(uint64_t address, uint64_t size)
{
	int fd = open("/dev/mem", O_RDWR | O_SYNC);
	void *map;

	if (fd < 0) {
		perror("/dev/mem");
		return NULL;
	}
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)address);
	close(fd);
	if (map == MAP_FAILED) {
		fprintf(stderr, "cannot map %#llx (%llu bytes) from /dev/mem: %m\n", (unsigned long long)address,
			(unsigned long long)size);
		return NULL;
	}
	return map;
}
