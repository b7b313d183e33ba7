/*
 * The formatting engine behind the console and log. It is built both into
 * the hypervisor and into a host unit test that compares it with the C
 * library's snprintf, so it depends on nothing but freestanding headers.
 */
#include <format.h>

#include <stdbool.h>
#include <stdint.h>

struct spec {
	bool left_align;
	bool zero_pad;
	bool alternate;		/* '#': 0x before non-zero hexadecimal */
	unsigned int width;
	int precision;		/* %.Ns / %.*s: at most N characters; -1 when absent */
	unsigned int length;	/* 0: int, 1: long, 2: long long, 3: size_t */
};

struct output {
	format_sink sink;
	void *context;
	size_t count;
};

static void emit(struct output *out, char c)
{
	out->sink(out->context, c);
	out->count++;
}

static void emit_padding(struct output *out, char c, size_t n)
{
	while (n-- > 0)
		emit(out, c);
}

/* prefix ("-", "0x" or "") goes before zero padding and after space padding. */
static void emit_field(struct output *out, const struct spec *spec, const char *text,
		       size_t len, const char *prefix)
{
	size_t prefix_len = 0;
	size_t total, pad;

	while (prefix[prefix_len] != '\0')
		prefix_len++;
	total = len + prefix_len;
	pad = spec->width > total ? spec->width - total : 0;
	if (!spec->left_align && !spec->zero_pad)
		emit_padding(out, ' ', pad);
	for (size_t i = 0; i < prefix_len; i++)
		emit(out, prefix[i]);
	if (!spec->left_align && spec->zero_pad)
		emit_padding(out, '0', pad);
	for (size_t i = 0; i < len; i++)
		emit(out, text[i]);
	if (spec->left_align)
		emit_padding(out, ' ', pad);
}

static void emit_unsigned(struct output *out, const struct spec *spec, uintmax_t value,
			  unsigned int base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[sizeof(uintmax_t) * 8];
	size_t pos = sizeof(text);

	do {
		text[--pos] = digits[value % base];
		value /= base;
	} while (value != 0);
	emit_field(out, spec, &text[pos], sizeof(text) - pos, prefix);
}

static uintmax_t take_unsigned(const struct spec *spec, va_list *args)
{
	switch (spec->length) {
	case 1: return va_arg(*args, unsigned long);
	case 2: return va_arg(*args, unsigned long long);
	case 3: return va_arg(*args, size_t);
	default: return va_arg(*args, unsigned int);
	}
}

static intmax_t take_signed(const struct spec *spec, va_list *args)
{
	switch (spec->length) {
	case 1: return va_arg(*args, long);
	case 2: return va_arg(*args, long long);
	case 3: return (intmax_t)va_arg(*args, size_t);
	default: return va_arg(*args, int);
	}
}

static const char *parse_spec(const char *p, struct spec *spec, va_list *args)
{
	*spec = (struct spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-')
			spec->left_align = true;
		else if (*p == '#')
			spec->alternate = true;
		else if (*p == '0')
			spec->zero_pad = true;
		else
			break;
	}
	while (*p >= '0' && *p <= '9')
		spec->width = spec->width * 10 + (unsigned int)(*p++ - '0');
	if (*p == '.') {
		p++;
		if (*p == '*') {
			spec->precision = va_arg(*args, int);
			p++;
		} else {
			spec->precision = 0;
			while (*p >= '0' && *p <= '9')
				spec->precision = spec->precision * 10 + (*p++ - '0');
		}
	}
	if (*p == 'z') {
		spec->length = 3;
		p++;
	} else {
		while (*p == 'l' && spec->length < 2) {
			spec->length++;
			p++;
		}
	}
	return p;
}

static void format_one(struct output *out, const struct spec *spec, char conversion,
		       va_list *args)
{
	switch (conversion) {
	case 'c': {
		char c = (char)va_arg(*args, int);
		emit_field(out, spec, &c, 1, "");
		break;
	}
	case 's': {
		const char *s = va_arg(*args, const char *);
		size_t len = 0;
		if (s == NULL)
			s = "(null)";
		/* The precision first: an unterminated array is read no further than it says. */
		while ((spec->precision < 0 || len < (size_t)spec->precision) && s[len] != '\0')
			len++;
		emit_field(out, spec, s, len, "");
		break;
	}
	case 'd':
	case 'i': {
		intmax_t v = take_signed(spec, args);
		uintmax_t magnitude = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
		emit_unsigned(out, spec, magnitude, 10, false, v < 0 ? "-" : "");
		break;
	}
	case 'u':
		emit_unsigned(out, spec, take_unsigned(spec, args), 10, false, "");
		break;
	case 'x':
	case 'X': {
		uintmax_t v = take_unsigned(spec, args);
		const char *prefix = "";
		if (spec->alternate && v != 0)
			prefix = conversion == 'X' ? "0X" : "0x";
		emit_unsigned(out, spec, v, 16, conversion == 'X', prefix);
		break;
	}
	case 'p': {
		struct spec pointer = { .zero_pad = true, .width = 18 };
		emit_unsigned(out, &pointer, (uintptr_t)va_arg(*args, void *), 16, false, "0x");
		break;
	}
	case '%':
		emit(out, '%');
		break;
	default:
		/* Unknown conversions are shown, not silently dropped. */
		emit(out, '%');
		emit(out, conversion);
		break;
	}
}

size_t format_v(format_sink sink, void *context, const char *fmt, va_list args)
{
	struct output out = { .sink = sink, .context = context };
	va_list ap;

	va_copy(ap, args);
	for (const char *p = fmt; *p != '\0'; p++) {
		struct spec spec;

		if (*p != '%') {
			emit(&out, *p);
			continue;
		}
		p = parse_spec(p + 1, &spec, &ap);
		if (*p == '\0')
			break;
		format_one(&out, &spec, *p, &ap);
	}
	va_end(ap);
	return out.count;
}

struct buffer_sink {
	char *buffer;
	size_t size;
	size_t used;
};

static void buffer_put(void *context, char c)
{
	struct buffer_sink *b = context;

	if (b->used + 1 < b->size)
		b->buffer[b->used] = c;
	b->used++;
}

size_t format_vbuffer(char *buffer, size_t size, const char *fmt, va_list args)
{
	struct buffer_sink b = { .buffer = buffer, .size = size };
	size_t n = format_v(buffer_put, &b, fmt, args);

	if (size > 0)
		buffer[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

size_t format_buffer(char *buffer, size_t size, const char *fmt, ...)
{
	va_list args;
	size_t n;

	va_start(args, fmt);
	n = format_vbuffer(buffer, size, fmt, args);
	va_end(args);
	return n;
}
