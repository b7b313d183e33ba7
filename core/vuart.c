/*
 * Emulated PL011. Reads return a transmitter that is always ready and a
 * receiver that is always empty; writes to the data register collect a
 * line. The identification registers read as a real PL011's, so Linux's
 * AMBA bus probes the driver.
 */
#include <console.h>
#include <vuart.h>

#define UART_DR		0x000
#define UART_RSR	0x004
#define UART_FR		0x018
#define UART_IBRD	0x024
#define UART_FBRD	0x028
#define UART_LCR_H	0x02c
#define UART_CR		0x030
#define UART_IFLS	0x034
#define UART_IMSC	0x038
#define UART_RIS	0x03c
#define UART_MIS	0x040
#define UART_ICR	0x044
#define UART_DMACR	0x048
#define UART_PERIPHID0	0xfe0
#define UART_CELLID3	0xffc

#define UART_FR_RXFE	(1U << 4)	/* receive FIFO empty */
#define UART_FR_TXFE	(1U << 7)	/* transmit FIFO empty */

/* PrimeCell identification: part 0x011, designer Arm, then the cell id. */
static const uint8_t primecell_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

void vuart_init(struct vuart *uart, const char *owner, bool to_console)
{
	*uart = (struct vuart){ .owner = owner, .to_console = to_console };
}

void vuart_flush(struct vuart *uart)
{
	if (uart->used == 0)
		return;
	if (uart->to_console)
		console_printf("[%s] %.*s\n", uart->owner, (int)uart->used, uart->line);
	uart->used = 0;
}

static void ring_put(struct vuart *uart, char c)
{
	uint64_t at = uart->ring_written;

	uart->ring[at % VUART_RING_SIZE] = c;
	/* Readers on other CPUs trust the bytes below ring_written. */
	__atomic_store_n(&uart->ring_written, at + 1, __ATOMIC_RELEASE);
}

uint64_t vuart_ring_read(const struct vuart *uart, uint64_t from, char *buffer, uint64_t size, uint64_t *next)
{
	uint64_t end = __atomic_load_n(&uart->ring_written, __ATOMIC_ACQUIRE), count;

	if (end > VUART_RING_SIZE && from < end - VUART_RING_SIZE)
		from = end - VUART_RING_SIZE;
	if (from > end)
		from = end;
	count = end - from < size ? end - from : size;
	for (uint64_t i = 0; i < count; i++)
		buffer[i] = uart->ring[(from + i) % VUART_RING_SIZE];
	*next = from + count;
	return count;
}

static void vuart_put(struct vuart *uart, char c)
{
	if (c == '\r')
		return;
	ring_put(uart, c);
	if (c == '\n') {
		/* An empty line is still a line the partition meant to print. */
		if (uart->used == 0 && uart->to_console)
			console_printf("[%s]\n", uart->owner);
		vuart_flush(uart);
		return;
	}
	uart->line[uart->used++] = c;
	if (uart->used == VUART_LINE_MAX)
		vuart_flush(uart);
}

static uint32_t vuart_read(const struct vuart *uart, uint64_t offset)
{
	switch (offset) {
	case UART_FR: return UART_FR_TXFE | UART_FR_RXFE;
	case UART_IBRD: return uart->baud_integer;
	case UART_FBRD: return uart->baud_fraction;
	case UART_LCR_H: return uart->line_control;
	case UART_CR: return uart->control;
	case UART_IMSC: return uart->interrupt_mask;
	default: break;
	}
	if (offset >= UART_PERIPHID0 && offset <= UART_CELLID3)
		return primecell_id[(offset - UART_PERIPHID0) / 4];
	/* DR (receive) and the status and interrupt registers read as idle. */
	return 0;
}

static void vuart_write(struct vuart *uart, uint64_t offset, uint32_t value)
{
	switch (offset) {
	case UART_DR: vuart_put(uart, (char)(value & 0xff)); break;
	case UART_IBRD: uart->baud_integer = value & 0xffff; break;
	case UART_FBRD: uart->baud_fraction = value & 0x3f; break;
	case UART_LCR_H: uart->line_control = value & 0xff; break;
	case UART_CR: uart->control = value & 0xffff; break;
	case UART_IMSC: uart->interrupt_mask = value & 0x7ff; break;
	default: break;	/* RSR, IFLS, ICR, DMACR: accepted and ignored */
	}
}

enum mmio_result vuart_mmio(struct vcpu *vcpu, void *device, struct mmio_access *access)
{
	struct vuart *uart = device;

	(void)vcpu;
	/* The PL011 has 32-bit registers; narrower accesses to DR are common. */
	if (access->width == 8 || access->offset % 4 != 0)
		return MMIO_FAULT;
	if (access->write)
		vuart_write(uart, access->offset, (uint32_t)access->value);
	else
		access->value = vuart_read(uart, access->offset);
	return MMIO_HANDLED;
}
