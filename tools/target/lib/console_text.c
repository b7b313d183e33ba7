/* Console text for a terminal (console_text.h). */
#include "console_text.h"

#include <string.h>

void console_text_escape(unsigned char byte, char shown[5])
{
	static const char hex[] = "0123456789abcdef";

	if (byte == '\\') {
		memcpy(shown, "\\\\", 3);
	} else if ((byte >= 0x20 && byte <= 0x7e) || byte == '\t') {
		shown[0] = (char)byte;
		shown[1] = '\0';
	} else {
		shown[0] = '\\';
		shown[1] = 'x';
		shown[2] = hex[byte >> 4];
		shown[3] = hex[byte & 0xf];
		shown[4] = '\0';
	}
}

bool console_text_holds(const struct console_text *text)
{
	return text->used > 0;
}

void console_text_flush(struct console_text *text, FILE *out)
{
	fwrite(text->shown, 1, text->used, out);
	text->used = 0;
}

void console_text_put(struct console_text *text, const char *bytes, size_t len, FILE *out)
{
	for (size_t i = 0; i < len; i++) {
		char shown[5];
		size_t n;

		if (bytes[i] == '\n') {
			console_text_flush(text, out);
			fputc('\n', out);
			continue;
		}
		console_text_escape((unsigned char)bytes[i], shown);
		n = strlen(shown);
		if (text->used + n > sizeof(text->shown))
			console_text_flush(text, out);
		memcpy(text->shown + text->used, shown, n);
		text->used += n;
	}
}
