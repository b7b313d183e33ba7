/* The compute and memory kernels (compute.h). Integer only: the guests
 * are built without FP/SIMD. */
#include <stddef.h>

#include "compute.h"

#define LIST_LENGTH		64
#define MATRIX_SIZE		12
#define CRC32_POLYNOMIAL	0xedb88320U	/* reflected IEEE 802.3 */
#define PAGE_SIZE		4096U
#define CACHE_LINE		64U
#define WALK_BUFFER_SIZE	(8U << 20)	/* 2048 pages: twice the TLB reach */

struct list_node {
	struct list_node *next;
	uint32_t value;
};

static struct list_node nodes[LIST_LENGTH];
static int32_t matrix_a[MATRIX_SIZE][MATRIX_SIZE], matrix_b[MATRIX_SIZE][MATRIX_SIZE];
static int32_t matrix_c[MATRIX_SIZE][MATRIX_SIZE];
static uint8_t walk_buffer[WALK_BUFFER_SIZE] __attribute__((aligned(4096)));

static const char parse_input[] = "127,-33,0x1f,9001,abc,-7,0x0,42,,5e3,-0x10,77";

static uint32_t crc32_update(uint32_t crc, uint32_t word)
{
	crc ^= word;
	for (unsigned int bit = 0; bit < 32; bit++)
		crc = (crc >> 1) ^ (CRC32_POLYNOMIAL & (0U - (crc & 1U)));
	return crc;
}

/* Builds a list in a seed-dependent order, reverses it, and sums it with weights. */
static uint32_t list_work(uint32_t seed)
{
	struct list_node *head = NULL, *reversed = NULL;
	uint32_t sum = 0, weight = 1;

	for (unsigned int i = 0; i < LIST_LENGTH; i++) {
		struct list_node *node = &nodes[(i * 37U + seed) % LIST_LENGTH];

		node->value = i ^ seed;
		node->next = head;
		head = node;
	}
	while (head != NULL) {
		struct list_node *next = head->next;

		head->next = reversed;
		reversed = head;
		head = next;
	}
	for (struct list_node *n = reversed; n != NULL; n = n->next)
		sum += n->value * weight++;
	return sum;
}

static uint32_t matrix_work(uint32_t seed)
{
	uint32_t sum = 0;

	for (unsigned int i = 0; i < MATRIX_SIZE; i++) {
		for (unsigned int j = 0; j < MATRIX_SIZE; j++) {
			matrix_a[i][j] = (int32_t)((i * 3U + j + seed) % 17U) - 8;
			matrix_b[i][j] = (int32_t)((i + j * 5U + seed) % 13U) - 6;
		}
	}
	for (unsigned int i = 0; i < MATRIX_SIZE; i++) {
		for (unsigned int j = 0; j < MATRIX_SIZE; j++) {
			int32_t cell = 0;

			for (unsigned int k = 0; k < MATRIX_SIZE; k++)
				cell += matrix_a[i][k] * matrix_b[k][j];
			matrix_c[i][j] = cell;
			sum += (uint32_t)cell;
		}
	}
	return sum;
}

enum parse_state { PARSE_START, PARSE_SIGN, PARSE_ZERO, PARSE_DECIMAL, PARSE_HEX, PARSE_INVALID };

static enum parse_state parse_step(enum parse_state state, char c)
{
	switch (state) {
	case PARSE_START:
		return c == '-' ? PARSE_SIGN : c == '0' ? PARSE_ZERO
		       : (c >= '1' && c <= '9') ? PARSE_DECIMAL : PARSE_INVALID;
	case PARSE_SIGN:
		return c == '0' ? PARSE_ZERO : (c >= '1' && c <= '9') ? PARSE_DECIMAL : PARSE_INVALID;
	case PARSE_ZERO:
		return c == 'x' ? PARSE_HEX : (c >= '0' && c <= '9') ? PARSE_DECIMAL : PARSE_INVALID;
	case PARSE_DECIMAL:
		return (c >= '0' && c <= '9') ? PARSE_DECIMAL : PARSE_INVALID;
	case PARSE_HEX:
		return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? PARSE_HEX : PARSE_INVALID;
	case PARSE_INVALID:
		break;
	}
	return PARSE_INVALID;
}

/* Counts the fields of parse_input in each final state. */
static uint32_t parse_work(void)
{
	uint32_t counts[PARSE_INVALID + 1] = { 0 }, sum = 0;
	enum parse_state state = PARSE_START;

	for (const char *c = parse_input;; c++) {
		if (*c == ',' || *c == '\0') {
			counts[state]++;
			state = PARSE_START;
			if (*c == '\0')
				break;
			continue;
		}
		state = parse_step(state, *c);
	}
	for (unsigned int i = 0; i <= PARSE_INVALID; i++)
		sum = sum * 31U + counts[i];
	return sum;
}

uint32_t compute_kernel(unsigned int iterations)
{
	uint32_t crc = 0xffffffffU;

	for (unsigned int i = 0; i < iterations; i++) {
		crc = crc32_update(crc, list_work(i));
		crc = crc32_update(crc, matrix_work(i));
		crc = crc32_update(crc, parse_work());
	}
	return ~crc;
}

uint32_t memory_walk(unsigned int passes)
{
	uint32_t sum = 0;

	/* One line per page first, then the next line of every page: each
	 * access of a pass is to another page than the one before it. */
	for (unsigned int pass = 0; pass < passes; pass++) {
		for (uint32_t line = 0; line < PAGE_SIZE; line += CACHE_LINE) {
			for (uint32_t page = 0; page < WALK_BUFFER_SIZE; page += PAGE_SIZE) {
				volatile uint8_t *cell = &walk_buffer[page + line];

				*cell = (uint8_t)(*cell + pass + 1U);
				sum += *cell;
			}
		}
	}
	return sum;
}
