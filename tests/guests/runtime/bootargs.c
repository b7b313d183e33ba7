/*
 * A value from the bootargs of the partition's device tree. The blob is
 * searched as bytes: the layout compiler writes the cmdline there and
 * nothing else in a test guest's tree holds "key=".
 */
#include <bootargs.h>

static unsigned int length(const char *s)
{
	unsigned int n = 0;

	while (s[n])
		n++;
	return n;
}

bool bootargs_value(uint64_t dtb, const char *key, char *buffer, unsigned int size)
{
	const char *blob = (const char *)dtb;
	uint32_t total = __builtin_bswap32(*(const uint32_t *)(dtb + 4));
	unsigned int key_length = length(key);

	for (uint32_t i = 0; i + key_length < total; i++) {
		unsigned int k = 0, n = 0;

		while (k < key_length && blob[i + k] == key[k])
			k++;
		if (k < key_length)
			continue;
		while (n + 1 < size && i + key_length + n < total && blob[i + key_length + n] > ' ') {
			buffer[n] = blob[i + key_length + n];
			n++;
		}
		buffer[n] = 0;
		return true;
	}
	return false;
}
