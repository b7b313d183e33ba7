/* Log messages: a level tag, then the message, as one console write. */
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

void log_message(int level, const char *fmt, ...)
{
	char message[LOG_MESSAGE_MAX];
	va_list args;

	va_start(args, fmt);
	format_vbuffer(message, sizeof(message), fmt, args);
	va_end(args);
	/* Info is the normal voice of the console; other levels are tagged. */
	if (level == LOG_LEVEL_INFO)
		console_printf("bulkhead: %s\n", message);
	else
		console_printf("bulkhead: %s: %s\n", log_level_name(level), message);
}
