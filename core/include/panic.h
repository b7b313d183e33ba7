/* The hypervisor's last words: print why, then stop the whole machine. */
#ifndef PANIC_H
#define PANIC_H

_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
