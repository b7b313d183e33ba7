/*
 * The C library Debian's arm64 libmbedcrypto.a expects, for a
 * freestanding hypervisor: an allocator over a static arena, the stack
 * protector's guard, and files, threads and printing that fail or do
 * nothing (it is built with MBEDTLS_FS_IO and MBEDTLS_THREADING_PTHREAD;
 * signature verification uses neither). Only the boot path uses mbedtls,
 * on the primary CPU, before any partition runs.
 */
#include <crypto.h>
#include <panic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Verifying one P-256 signature holds about 6 KiB at once (crypto_arena_peak()). */
#define ARENA_SIZE	(32U * 1024U)
#define ALIGNMENT	16U

/* The arena is a row of blocks, each a header and its payload. */
struct block {
	size_t size;		/* payload bytes, a multiple of ALIGNMENT */
	size_t free;
};
#define HEADER_SIZE	((sizeof(struct block) + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1))

static uint8_t arena[ARENA_SIZE] __attribute__((aligned(ALIGNMENT)));
static size_t arena_in_use, arena_peak;
static bool arena_ready;

static struct block *next_block(struct block *b)
{
	uint8_t *next = (uint8_t *)b + HEADER_SIZE + b->size;

	return next < arena + ARENA_SIZE ? (struct block *)(void *)next : NULL;
}

void crypto_arena_reset(void)
{
	struct block *whole = (struct block *)(void *)arena;

	whole->size = ARENA_SIZE - HEADER_SIZE;
	whole->free = 1;
	arena_in_use = 0;
	arena_ready = true;
}

size_t crypto_arena_peak(void)
{
	return arena_peak;
}

/* First fit, joining free neighbours on the way: a few dozen live blocks at most. */
void *calloc(size_t count, size_t size);
void *calloc(size_t count, size_t size)
{
	size_t bytes;

	if (!arena_ready)
		crypto_arena_reset();
	if (size != 0 && count > ARENA_SIZE / size)
		return NULL;
	bytes = (count * size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
	for (struct block *b = (struct block *)(void *)arena; b != NULL; b = next_block(b)) {
		struct block *after;

		if (!b->free)
			continue;
		while ((after = next_block(b)) != NULL && after->free)
			b->size += HEADER_SIZE + after->size;
		if (b->size < bytes)
			continue;
		if (b->size >= bytes + HEADER_SIZE + ALIGNMENT) {
			struct block *rest = (struct block *)(void *)((uint8_t *)b + HEADER_SIZE + bytes);
			rest->size = b->size - bytes - HEADER_SIZE;
			rest->free = 1;
			b->size = bytes;
		}
		b->free = 0;
		arena_in_use += HEADER_SIZE + b->size;
		if (arena_in_use > arena_peak)
			arena_peak = arena_in_use;
		memset((uint8_t *)b + HEADER_SIZE, 0, b->size);
		return (uint8_t *)b + HEADER_SIZE;
	}
	return NULL;
}

void free(void *pointer);
void free(void *pointer)
{
	struct block *b;

	if (pointer == NULL)
		return;
	b = (struct block *)(void *)((uint8_t *)pointer - HEADER_SIZE);
	b->free = 1;
	arena_in_use -= HEADER_SIZE + b->size;
}

/* Debian builds with -fstack-protector-strong and _FORTIFY_SOURCE. */
uintptr_t __stack_chk_guard = 0x5a17b0c4e2d1f00dUL;
void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack smashing detected in the crypto library");
}

void *__memset_chk(void *dest, int c, size_t n, size_t dest_size);
void *__memset_chk(void *dest, int c, size_t n, size_t dest_size)
{
	if (n > dest_size)
		panic("__memset_chk: %zu bytes into %zu", n, dest_size);
	return memset(dest, c, n);
}

void *__memcpy_chk(void *dest, const void *src, size_t n, size_t dest_size);
void *__memcpy_chk(void *dest, const void *src, size_t n, size_t dest_size)
{
	if (n > dest_size)
		panic("__memcpy_chk: %zu bytes into %zu", n, dest_size);
	return memcpy(dest, src, n);
}

/* No files: every open fails, so the FS_IO functions report an error. */
void *fopen(const char *path, const char *mode);
void *fopen(const char *path, const char *mode)
{
	(void)path;
	(void)mode;
	return NULL;
}

size_t fread(void *buffer, size_t size, size_t count, void *file);
size_t fread(void *buffer, size_t size, size_t count, void *file)
{
	(void)buffer;
	(void)size;
	(void)count;
	(void)file;
	return 0;
}

size_t fwrite(const void *buffer, size_t size, size_t count, void *file);
size_t fwrite(const void *buffer, size_t size, size_t count, void *file)
{
	(void)buffer;
	(void)size;
	(void)count;
	(void)file;
	return 0;
}

int fclose(void *file);
int fclose(void *file)
{
	(void)file;
	return -1;
}

int ferror(void *file);
int ferror(void *file)
{
	(void)file;
	return 1;
}

char *fgets(char *line, int size, void *file);
char *fgets(char *line, int size, void *file)
{
	(void)line;
	(void)size;
	(void)file;
	return NULL;
}

/* The library's self-tests print; the hypervisor never runs them. */
int __printf_chk(int flag, const char *format, ...);
int __printf_chk(int flag, const char *format, ...)
{
	(void)flag;
	(void)format;
	return 0;
}

int puts(const char *text);
int puts(const char *text)
{
	(void)text;
	return 0;
}

int putchar(int c);
int putchar(int c)
{
	return c;
}

/* Only certificate-validity code asks for calendar time: there is none. */
void *gmtime_r(const void *time, void *result);
void *gmtime_r(const void *time, void *result)
{
	(void)time;
	(void)result;
	return NULL;
}

/* One CPU uses the library, before the others run: locks have nothing to do. */
int pthread_mutex_init(void *mutex, const void *attributes);
int pthread_mutex_init(void *mutex, const void *attributes)
{
	(void)mutex;
	(void)attributes;
	return 0;
}

int pthread_mutex_destroy(void *mutex);
int pthread_mutex_destroy(void *mutex)
{
	(void)mutex;
	return 0;
}

int pthread_mutex_lock(void *mutex);
int pthread_mutex_lock(void *mutex)
{
	(void)mutex;
	return 0;
}

int pthread_mutex_unlock(void *mutex);
int pthread_mutex_unlock(void *mutex)
{
	(void)mutex;
	return 0;
}
