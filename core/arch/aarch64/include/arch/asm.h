/* Assembly helpers shared by the .S files of the AArch64 port. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#define FUNC(name)		\
	.global name;		\
	.type name, %function;	\
	name:

#define ENDFUNC(name)		\
	.size name, . - name

/* Load the address of a symbol, PC-relative (the image runs where it is linked). */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

#endif
