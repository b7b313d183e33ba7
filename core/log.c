/* Log messages: a level tag, then the message, as one console write of its class. */
#include <console.h>
#include <format.h>
#include <log.h>

#include <stdarg.h>

#define LOG_MESSAGE_MAX 512

static const char *const level_names[] = {
	[LOG_LEVEL_ERROR] = "error",
	[LOG_LEVEL_WARN] = "warning",
	[LOG_LEVEL_INFO] = "info",
	[LOG_LEVEL_DEBUG] = "debug",
};

const char *log_level_name(int level)
{
	if (level < 0 || (unsigned int)level >= sizeof(level_names) / sizeof(level_names[0]))
		return "?";
	return level_names[level];
}

static void log_vmessage(int level, enum console_class class, const char *fmt, va_list args)
{
	char message[LOG_MESSAGE_MAX];

	format_vbuffer(message, sizeof(message), fmt, args);
	/* Info is the normal voice of the console; other levels are tagged. */
	if (level == LOG_LEVEL_INFO)
		console_printf_class(class, "bulkhead: %s\n", message);
	else
		console_printf_class(class, "bulkhead: %s: %s\n", log_level_name(level), message);
}

void log_message(int level, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	log_vmessage(level, level <= LOG_LEVEL_WARN ? CONSOLE_URGENT : CONSOLE_RECORD, fmt, args);
	va_end(args);
}

void log_notice_message(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	log_vmessage(LOG_LEVEL_INFO, CONSOLE_URGENT, fmt, args);
	va_end(args);
}
