/*
 * Reading the hypervisor ELF on the host: its program headers, and the
 * .layout section that holds the layout tables; every offset and size
 * checked against the file before use. Segments are placed at their load
 * (physical) address: .data's initial values load next to the read-only
 * data, away from where .data lives at run time.
 */
#include "elf_image.h"

#include <elf.h>
#include <layout.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *error, size_t size, const char *path, const char *what)
{
	snprintf(error, size, "%s: %s", path, what);
	return -1;
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long length;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (length = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)length + 1);
		if (data != NULL && fread(data, 1, (size_t)length, f) != (size_t)length) {
			free(data);
			data = NULL;
		}
		*size = (size_t)length;
	}
	fclose(f);
	return data;
}

/* The .layout section's place, from the section headers and their names. */
static int find_layout_section(const uint8_t *file, size_t size, struct elf_image *image)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
	const Elf64_Shdr *sections, *names;

	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size || eh->e_shstrndx >= eh->e_shnum ||
	    (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > size - eh->e_shoff)
		return -1;
	sections = (const Elf64_Shdr *)(file + eh->e_shoff);
	names = &sections[eh->e_shstrndx];
	if (names->sh_offset > size || names->sh_size > size - names->sh_offset)
		return -1;
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		const char *name = (const char *)file + names->sh_offset + sections[i].sh_name;
		if (sections[i].sh_name >= names->sh_size ||
		    strnlen(name, names->sh_size - sections[i].sh_name) == names->sh_size - sections[i].sh_name ||
		    strcmp(name, ".layout") != 0)
			continue;
		if (sections[i].sh_addr < image->base || sections[i].sh_size == 0 ||
		    sections[i].sh_addr - image->base > image->file_size ||
		    sections[i].sh_size > image->file_size - (sections[i].sh_addr - image->base))
			return -1;
		image->layout_offset = sections[i].sh_addr - image->base;
		image->layout_size = sections[i].sh_size;
		return 0;
	}
	return -1;
}

/* The symbol `name`'s address from .symtab, or 0. */
static uint64_t find_symbol(const uint8_t *file, size_t size, const char *name)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
	const Elf64_Shdr *sections = (const Elf64_Shdr *)(file + eh->e_shoff);

	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *symtab = &sections[i], *strtab;
		const Elf64_Sym *symbols;

		if (symtab->sh_type != SHT_SYMTAB || symtab->sh_link >= eh->e_shnum ||
		    symtab->sh_entsize != sizeof(Elf64_Sym) || symtab->sh_offset > size ||
		    symtab->sh_size > size - symtab->sh_offset)
			continue;
		strtab = &sections[symtab->sh_link];
		if (strtab->sh_offset > size || strtab->sh_size > size - strtab->sh_offset)
			continue;
		symbols = (const Elf64_Sym *)(file + symtab->sh_offset);
		for (size_t j = 0; j < symtab->sh_size / sizeof(Elf64_Sym); j++) {
			const char *text = (const char *)file + strtab->sh_offset + symbols[j].st_name;
			size_t room = strtab->sh_size - symbols[j].st_name;

			if (symbols[j].st_name < strtab->sh_size && strnlen(text, room) < room && strcmp(text, name) == 0)
				return symbols[j].st_value;
		}
	}
	return 0;
}

/* struct layout's hypervisor memory, read from the tables as loaded (layout.h). */
static void find_hypervisor_memory(const uint8_t *file, size_t size, struct elf_image *image)
{
	uint64_t at = find_symbol(file, size, "layout");
	uint64_t offset = at - image->base;

	if (at < image->base || image->layout_size < sizeof(struct layout) || offset < image->layout_offset ||
	    offset > image->layout_offset + image->layout_size - sizeof(struct layout))
		return;
	memcpy(&image->hypervisor_memory_base, image->bytes + offset + offsetof(struct layout, hypervisor_base),
	       sizeof(uint64_t));
	memcpy(&image->hypervisor_memory_size, image->bytes + offset + offsetof(struct layout, hypervisor_size),
	       sizeof(uint64_t));
}

int elf_image_load(const char *path, struct elf_image *image, char *error, size_t error_size)
{
	size_t size = 0;
	uint8_t *file = read_file(path, &size);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
	uint64_t low = UINT64_MAX, high_file = 0, high_memory = 0;

	memset(image, 0, sizeof(*image));
	if (file == NULL)
		return fail(error, error_size, path, "cannot read the file");
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_AARCH64) {
		free(file);
		return fail(error, error_size, path, "not an AArch64 ELF64 file");
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
	    (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff) {
		free(file);
		return fail(error, error_size, path, "program headers lie outside the file");
	}
	for (unsigned int pass = 0; pass < 2; pass++) {
		for (unsigned int i = 0; i < eh->e_phnum; i++) {
			const Elf64_Phdr *ph = (const Elf64_Phdr *)(file + eh->e_phoff) + i;
			if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
				continue;
			if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset ||
			    ph->p_filesz > ph->p_memsz || ph->p_vaddr > UINT64_MAX - ph->p_memsz ||
			    ph->p_paddr > UINT64_MAX - ph->p_filesz) {
				free(file);
				free(image->bytes);
				return fail(error, error_size, path, "a segment lies outside the file");
			}
			if (pass == 0) {
				if (ph->p_paddr < low)
					low = ph->p_paddr;
				if (ph->p_paddr + ph->p_filesz > high_file)
					high_file = ph->p_paddr + ph->p_filesz;
				if (ph->p_vaddr + ph->p_memsz > high_memory)
					high_memory = ph->p_vaddr + ph->p_memsz;
				if (ph->p_paddr + ph->p_filesz > high_memory)
					high_memory = ph->p_paddr + ph->p_filesz;
			} else {
				memcpy(image->bytes + (ph->p_paddr - low), file + ph->p_offset, ph->p_filesz);
			}
		}
		if (pass == 0) {
			if (low == UINT64_MAX || high_memory - low > (256u << 20)) {
				free(file);
				return fail(error, error_size, path, "no loadable segments of a sane size");
			}
			image->bytes = calloc(1, high_memory - low);
			if (image->bytes == NULL) {
				free(file);
				return fail(error, error_size, path, "out of memory");
			}
		}
	}
	image->base = low;
	image->entry = eh->e_entry;
	image->file_size = high_file - low;
	image->memory_size = high_memory - low;
	if (find_layout_section(file, size, image) != 0) {
		free(file);
		free(image->bytes);
		image->bytes = NULL;
		return fail(error, error_size, path, "no valid .layout section (the layout tables) in the image");
	}
	find_hypervisor_memory(file, size, image);
	free(file);
	return 0;
}

void elf_image_free(struct elf_image *image)
{
	free(image->bytes);
	image->bytes = NULL;
}
