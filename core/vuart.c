/*
 * Emulated PL011. Reads return a transmitter that is always ready and a
 * receiver that is always empty; writes to the data register collect a
 * line. The identification registers read as a real PL011's, so Linux's
 * AMBA bus probes the driver. Every access is under the console's lock
 * (vuart.h says why one lock).
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
	*uart = (struct vuart){ .owner = owner, .to_console = to_console, .open = true };
	byte_ring_init(&uart->ring, uart->ring_bytes, sizeof(uart->ring_bytes));
}

static void flush_locked(struct vuart *uart)
{
	if (uart->used == 0)
		return;
	if (uart->to_console)
		console_partition_printf("[%s] %.*s\n", uart->owner, (int)uart->used, uart->line);
	uart->used = 0;
}

void vuart_flush(struct vuart *uart)
{
	spin_lock(&uart->lock);
	flush_locked(uart);
	spin_unlock(&uart->lock);
	console_drain();
}

void vuart_close(struct vuart *uart)
{
	spin_lock(&uart->lock);
	flush_locked(uart);
	uart->open = false;
	spin_unlock(&uart->lock);
}

void vuart_open(struct vuart *uart)
{
	spin_lock(&uart->lock);
	uart->open = true;
	spin_unlock(&uart->lock);
}

uint64_t vuart_ring_read(const struct vuart *uart, uint64_t from, char *buffer, uint64_t size, uint64_t *next)
{
	return byte_ring_read(&uart->ring, from, buffer, size, next);
}

/* Under the lock. */
static void put_locked(struct vuart *uart, char c)
{
	/* Closed: a vCPU of a run that ended, still on its way out. */
	if (c == '\r' || !uart->open)
		return;
	byte_ring_put(&uart->ring, &c, 1);
	if (c == '\n') {
		/* An empty line is still a line the partition meant to print. */
		if (uart->used == 0 && uart->to_console)
			console_partition_printf("[%s]\n", uart->owner);
		flush_locked(uart);
		return;
	}
	/* `>=`, not `==`: whatever happened before, never past the line. */
	if (uart->used >= VUART_LINE_MAX)
		flush_locked(uart);
	uart->line[uart->used++] = c;
	if (uart->used >= VUART_LINE_MAX)
		flush_locked(uart);
}

/*
 * The partition may change its buffer while this runs (its other vCPUs):
 * each chunk is copied out once, then put under the lock, so the lock is
 * never held for longer than one chunk however long the text.
 */
#define GUEST_TEXT_CHUNK 32

void vuart_write_guest_text(struct vuart *uart, const volatile char *text, uint64_t len)
{
	char chunk[GUEST_TEXT_CHUNK];

	while (len > 0) {
		uint64_t n = len < sizeof(chunk) ? len : sizeof(chunk);

		for (uint64_t i = 0; i < n; i++)
			chunk[i] = text[i];
		spin_lock(&uart->lock);
		for (uint64_t i = 0; i < n; i++)
			put_locked(uart, chunk[i]);
		spin_unlock(&uart->lock);
		text += n;
		len -= n;
	}
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
	case UART_DR: put_locked(uart, (char)(value & 0xff)); break;
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
	spin_lock(&uart->lock);
	if (access->write)
		vuart_write(uart, access->offset, (uint32_t)access->value);
	else
		access->value = vuart_read(uart, access->offset);
	spin_unlock(&uart->lock);
	return MMIO_HANDLED;
}
