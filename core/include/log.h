/*
 * Leveled logging on the hypervisor console. Messages below
 * CONFIG_LOG_LEVEL are compiled out, arguments and all. Every message goes
 * into the hypervisor's log ring; errors, warnings and notices (info that
 * a person must see at once: power off, a fault's containment) are shown
 * on the UART too, the rest only while the UART is the hypervisor's alone
 * (console.h, enum console_class).
 */
#ifndef LOG_H
#define LOG_H

#define LOG_LEVEL_ERROR	0
#define LOG_LEVEL_WARN	1
#define LOG_LEVEL_INFO	2
#define LOG_LEVEL_DEBUG	3

void log_message(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_notice_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define LOG_AT(level, ...)						\
	do {								\
		if ((level) <= CONFIG_LOG_LEVEL)			\
			log_message((level), __VA_ARGS__);		\
	} while (0)

#define log_error(...)	LOG_AT(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)	LOG_AT(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...)	LOG_AT(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)	LOG_AT(LOG_LEVEL_DEBUG, __VA_ARGS__)
/* Info, shown on the UART even when a partition drives it. */
#define log_notice(...)							\
	do {								\
		if (LOG_LEVEL_INFO <= CONFIG_LOG_LEVEL)			\
			log_notice_message(__VA_ARGS__);		\
	} while (0)

const char *log_level_name(int level);

#endif
