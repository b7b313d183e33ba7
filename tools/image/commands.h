/* The subcommands of bulkhead-image, one file each. */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdint.h>
#include <stdio.h>

int command_keygen(int argc, char **argv);
int command_pack(int argc, char **argv, int sign);
int command_verify(int argc, char **argv);
int command_inspect(int argc, char **argv);
int command_measurements(int argc, char **argv);
int command_export_key(int argc, char **argv);

/* Shared by the commands. */
int tool_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int parse_u64(const char *text, uint64_t *value);
void print_hex(FILE *out, const uint8_t *bytes, unsigned int size);
/* "component 3 (kernel of partition 1)" into text. */
void describe_component(const uint8_t *image, int index, char *text, size_t size);

#endif
