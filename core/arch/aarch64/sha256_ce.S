/*
 * SHA-256 blocks with the ARMv8 Cryptographic Extension: four rounds per
 * SHA256H/SHA256H2 pair, the message schedule by SHA256SU0/SU1. The
 * hypervisor may hash while a guest's FP/SIMD state is still in the
 * registers (a restart re-measures an image), so every vector register
 * used here is saved and restored.
 *
 * void sha256_ce_blocks(uint32_t state[8], const uint8_t *data, size_t blocks)
 */
#include <arch/asm.h>

	.arch	armv8-a+crypto
	.text

/* Four rounds on message words in \w; then, while \more, the next four words into \w. */
.macro rounds4 w, w1, w2, w3, more
	ld1	{v20.4s}, [x4], #16
	add	v21.4s, \w\().4s, v20.4s
	.if \more
	sha256su0 \w\().4s, \w1\().4s
	sha256su1 \w\().4s, \w2\().4s, \w3\().4s
	.endif
	mov	v22.16b, v0.16b
	sha256h	q0, q1, v21.4s
	sha256h2 q1, q22, v21.4s
.endm

FUNC(sha256_ce_blocks)
	sub	sp, sp, #176
	st1	{v0.16b-v3.16b}, [sp]
	add	x5, sp, #64
	st1	{v16.16b-v19.16b}, [x5], #64
	st1	{v20.16b-v22.16b}, [x5]

	ld1	{v0.4s, v1.4s}, [x0]
	cbz	x2, 2f
1:	ld1	{v16.16b-v19.16b}, [x1], #64
	rev32	v16.16b, v16.16b
	rev32	v17.16b, v17.16b
	rev32	v18.16b, v18.16b
	rev32	v19.16b, v19.16b
	mov	v2.16b, v0.16b
	mov	v3.16b, v1.16b
	adr_l	x4, sha256_round_constants
	.rept	3
	rounds4	v16, v17, v18, v19, 1
	rounds4	v17, v18, v19, v16, 1
	rounds4	v18, v19, v16, v17, 1
	rounds4	v19, v16, v17, v18, 1
	.endr
	rounds4	v16, v17, v18, v19, 0
	rounds4	v17, v18, v19, v16, 0
	rounds4	v18, v19, v16, v17, 0
	rounds4	v19, v16, v17, v18, 0
	add	v0.4s, v0.4s, v2.4s
	add	v1.4s, v1.4s, v3.4s
	subs	x2, x2, #1
	b.ne	1b
	st1	{v0.4s, v1.4s}, [x0]

2:	ld1	{v0.16b-v3.16b}, [sp]
	add	x5, sp, #64
	ld1	{v16.16b-v19.16b}, [x5], #64
	ld1	{v20.16b-v22.16b}, [x5]
	add	sp, sp, #176
	ret
ENDFUNC(sha256_ce_blocks)
