/* Small pieces of SVG: escaped text, titles, the partition colours. */
#include "svg.h"

#include <stdarg.h>
#include <string.h>

const char *svg_colour(unsigned int partition)
{
	static const char *const palette[] = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
					       "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac" };
	return palette[partition % (sizeof(palette) / sizeof(palette[0]))];
}

void svg_escaped(FILE *out, const char *text)
{
	for (; *text != '\0'; text++) {
		switch (*text) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			/* XML 1.0 has no place for other control characters. */
			if ((unsigned char)*text >= 0x20 || *text == '\t' || *text == '\n')
				fputc(*text, out);
		}
	}
}

static void escaped_format(FILE *out, const char *fmt, va_list args)
{
	char text[1024];

	vsnprintf(text, sizeof(text), fmt, args);
	svg_escaped(out, text);
}

void svg_text(FILE *out, int x, int y, const char *attributes, const char *fmt, ...)
{
	va_list args;

	fprintf(out, "<text x=\"%d\" y=\"%d\"%s%s>", x, y, attributes[0] ? " " : "", attributes);
	va_start(args, fmt);
	escaped_format(out, fmt, args);
	va_end(args);
	fputs("</text>\n", out);
}

void svg_title(FILE *out, const char *fmt, ...)
{
	va_list args;

	fputs("<title>", out);
	va_start(args, fmt);
	escaped_format(out, fmt, args);
	va_end(args);
	fputs("</title>", out);
}

int svg_warning(FILE *out, int x, int y, unsigned int columns, const char *text)
{
	size_t length = strlen(text);

	fputs("<g class=\"warning\">", out);
	svg_title(out, "%s", text);
	fputc('\n', out);
	/* Break at the last space that keeps a line within `columns`, or mid-word when there is none. */
	for (size_t start = 0, line = 0; start < length; line++, y += SVG_LINE - 2) {
		size_t end = length - start <= columns ? length : start + columns;
		if (end < length) {
			size_t space = end;
			while (space > start && text[space] != ' ')
				space--;
			if (space > start)
				end = space;
			while (end > start + 1 && ((unsigned char)text[end] & 0xc0) == 0x80)
				end--;	/* never inside a UTF-8 character */
		}
		fprintf(out, "<text x=\"%d\" y=\"%d\" fill=\"#c00000\" font-weight=\"bold\" font-size=\"11\">%s", x, y,
			line == 0 ? "WARNING: " : "");
		for (size_t k = start; k < end; k++) {
			char one[2] = { text[k], '\0' };
			svg_escaped(out, one);
		}
		fputs("</text>\n", out);
		start = end;
		while (start < length && text[start] == ' ')
			start++;
	}
	fputs("</g>\n", out);
	return y;
}
