/* What a platform provides for the hypervisor console: one polled UART. */
#ifndef PLATFORM_CONSOLE_H
#define PLATFORM_CONSOLE_H

void platform_console_init(void);
void platform_console_putc(char c);

#endif
