/*
 * The board description: RAM, CPUs, GIC, and every device with its MMIO
 * range and interrupts, under the names layouts use, and whether it can
 * master DMA that no IOMMU checks (`dma: unprotected`) or DMA the board's
 * IOMMU translates (`dma: <the iommu's device>`, with the requester-id to
 * stream-id map of `iommu-map`).
 */
#include "board.h"
#include "ywalk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const board_keys[] = { "board", "ram", "cpus", "gic", "emulated-console",
					  "emulated-pages", "hypervisor-uart", "iommu", "pci-host", "devices", NULL };
static const char *const pci_host_keys[] = { "ecam", "mmio", "mmio64", "io", "intx", "buses", NULL };
static const char *const iommu_keys[] = { "device", "event-interrupt", "gerror-interrupt", "stream-table", NULL };
static const char *const ram_keys[] = { "base", "max-size", NULL };
static const char *const gic_keys[] = { "distributor", "redistributors", "interrupt-ids", NULL };
static const char *const device_keys[] = { "name", "base", "size", "interrupts", "reserved",
					   "console", "compatible", "dma", "iommu-map", NULL };

static bool load_device(const struct ynode *node, struct board_device *d)
{
	const struct ynode *v;
	bool ok = ywalk_is(node, YNODE_MAP, "a device");

	if (!ok)
		return false;
	ywalk_check_keys(node, device_keys, "a board device");
	d->at = node->at;
	d->owner = -1;
	ok = (v = ywalk_get(node, "name")) != NULL && ywalk_name(v, "device name", &d->name);
	ok = ok && (v = ywalk_get(node, "base")) != NULL && ywalk_integer(v, "device base", &d->base);
	ok = ok && (v = ywalk_get(node, "size")) != NULL && ywalk_size(v, "device size", &d->size);
	if (!ok) {
		diag_error(node->at, NULL, "a board device needs name, base and size");
		return false;
	}
	if ((v = ywalk_get(node, "reserved")) != NULL && !ywalk_bool(v, "reserved", &d->reserved))
		return false;
	if ((v = ywalk_get(node, "console")) != NULL && !ywalk_bool(v, "console", &d->console))
		return false;
	/* 'unprotected', or the name of the IOMMU that translates it (checked once all are read). */
	if ((v = ywalk_get(node, "dma")) != NULL) {
		const char *dma;
		if (!ywalk_string(v, "dma", &dma))
			return false;
		d->dma_unprotected = strcmp(dma, "unprotected") == 0;
		d->dma_iommu = !d->dma_unprotected;
		d->dma_by = dma;
		d->dma_at = v->at;
	}
	if ((v = ywalk_get(node, "iommu-map")) != NULL) {
		if (!ywalk_is(v, YNODE_SEQ, "iommu-map") || v->count != 3 ||
		    !ywalk_integer(v->items[0], "requester id", &d->rid_base) ||
		    !ywalk_integer(v->items[1], "stream id", &d->stream_base) ||
		    !ywalk_integer(v->items[2], "count", &d->stream_count)) {
			diag_error(v->at, "[first requester id, first stream id, count]", "bad iommu-map");
			return false;
		}
		d->has_iommu_map = true;
	}
	if ((v = ywalk_get(node, "interrupts")) != NULL) {
		if (!ywalk_is(v, YNODE_SEQ, "interrupts") || v->count > MAX_INTERRUPTS_PER_DEVICE)
			return false;
		for (size_t i = 0; i < v->count; i++) {
			uint64_t id;
			if (!ywalk_integer(v->items[i], "interrupt id", &id) || id < 32 || id > 1019)
				return false;
			d->interrupts[d->interrupt_count++] = (uint16_t)id;
		}
	}
	return true;
}

/* The UART the hypervisor prints on, a console device of the board; optional. */
static bool find_log_uart(const struct ynode *root, struct board *b)
{
	const struct ynode *v = ywalk_get(root, "hypervisor-uart");
	const char *name;

	if (v == NULL)
		return true;
	if (!ywalk_string(v, "hypervisor-uart", &name))
		return false;
	b->log_uart = board_find_device(b, name);
	if (b->log_uart < 0 || !b->devices[b->log_uart].console) {
		diag_error(v->at, "name a device of the board marked console: true",
			   "hypervisor-uart '%s' is not a UART of the board", name);
		return false;
	}
	return true;
}

/* An interrupt the hypervisor takes: one of the IOMMU device's own, so no partition can have it. */
static bool iommu_interrupt(const struct ynode *node, const char *key, const struct board_device *d, unsigned int *intid)
{
	const struct ynode *v = ywalk_get(node, key);
	uint64_t value;

	if (v == NULL || !ywalk_integer(v, key, &value))
		return false;
	for (unsigned int i = 0; i < d->interrupt_count; i++) {
		if (d->interrupts[i] == value) {
			*intid = (unsigned int)value;
			return true;
		}
	}
	diag_error(v->at, "one of the iommu device's interrupts", "%s %llu is not an interrupt of '%s'", key,
		   (unsigned long long)value, d->name);
	return false;
}

/* `iommu:` names a reserved device; every `dma:` other than 'unprotected' names that device. */
static bool load_iommu(const struct ynode *root, struct board *b)
{
	const struct ynode *node = ywalk_get(root, "iommu"), *v;
	const char *name;
	uint64_t value;

	b->iommu.device = -1;
	if (node != NULL) {
		if (!ywalk_is(node, YNODE_MAP, "iommu"))
			return false;
		ywalk_check_keys(node, iommu_keys, "iommu");
		b->iommu.at = node->at;
		if ((v = ywalk_get(node, "device")) == NULL || !ywalk_string(v, "iommu device", &name) ||
		    (b->iommu.device = board_find_device(b, name)) < 0 || !b->devices[b->iommu.device].reserved) {
			diag_error(node->at, "name a device of the board marked reserved: true",
				   "iommu needs the device whose registers it is");
			return false;
		}
		if (!iommu_interrupt(node, "event-interrupt", &b->devices[b->iommu.device], &b->iommu.event_intid) ||
		    !iommu_interrupt(node, "gerror-interrupt", &b->devices[b->iommu.device], &b->iommu.gerror_intid))
			return false;
		/* The hypervisor's table is static (core/drivers/smmuv3.c, STREAM_TABLE_MAX). */
		if ((v = ywalk_get(node, "stream-table")) == NULL || !ywalk_integer(v, "stream-table", &value) ||
		    value == 0 || value > 256 || (value & (value - 1)) != 0) {
			diag_error(node->at, "a power of two up to 256", "iommu needs its stream-table size");
			return false;
		}
		b->iommu.stream_table = (unsigned int)value;
	}
	for (unsigned int i = 0; i < b->device_count; i++) {
		const struct board_device *d = &b->devices[i];
		if (d->dma_iommu && (b->iommu.device < 0 || strcmp(d->dma_by, b->devices[b->iommu.device].name) != 0)) {
			diag_error(d->dma_at, "'unprotected', or the device named by the board's iommu:",
				   "unknown dma kind '%s'", d->dma_by);
			return false;
		}
		if (d->has_iommu_map && !d->dma_iommu) {
			diag_error(d->at, "give it dma: <the iommu>", "device '%s' has an iommu-map but no IOMMU", d->name);
			return false;
		}
	}
	return true;
}

/* A window of the host: a board device, -1 when the key is absent and optional. */
static bool pci_host_device(const struct ynode *node, const char *key, bool required, struct board *b, int *index)
{
	const struct ynode *v = ywalk_get(node, key);
	const char *name;

	*index = -1;
	if (v == NULL) {
		if (required)
			diag_error(node->at, "for example: pci-host: { ecam: pcie-ecam, mmio: pcie-mmio, intx: [35, 36, 37, 38], buses: 1 }",
				   "pci-host needs its %s device", key);
		return !required;
	}
	if (!ywalk_string(v, key, &name))
		return false;
	*index = board_find_device(b, name);
	if (*index < 0 || b->devices[*index].reserved) {
		diag_error(v->at, "name a device of the board's devices: list", "pci-host %s '%s' is not a device of the board",
			   key, name);
		return false;
	}
	return true;
}

static bool pci_host_intx(const struct ynode *node, struct board *b)
{
	const struct ynode *v = ywalk_get(node, "intx");

	if (v == NULL || !ywalk_is(v, YNODE_SEQ, "intx") || v->count != 4) {
		diag_error(v != NULL ? v->at : node->at, "the SPIs of INTA..INTD at slot 0, for example [35, 36, 37, 38]",
			   "pci-host needs its four INTx interrupts");
		return false;
	}
	for (size_t i = 0; i < 4; i++) {
		uint64_t id;
		if (!ywalk_integer(v->items[i], "interrupt id", &id))
			return false;
		if (id < 32 || id >= b->spi_limit) {
			diag_error(v->items[i]->at, "an SPI: an interrupt id from 32 below the GIC's interrupt-ids",
				   "INTx interrupt %llu is not an SPI of the board", (unsigned long long)id);
			return false;
		}
		b->pci.intx[i] = (uint16_t)id;
	}
	return true;
}

/*
 * `pci-host:`: the ECAM, the 32-bit and 64-bit memory windows and the I/O
 * window (board devices), the SPIs of INTA..INTD at slot 0, and how many
 * buses the hypervisor enumerates and emulates (1 MiB of ECAM each).
 */
static bool load_pci_host(const struct ynode *root, struct board *b)
{
	const struct ynode *node = ywalk_get(root, "pci-host"), *v;
	uint64_t buses;

	b->pci.ecam = b->pci.mmio = b->pci.mmio64 = b->pci.io = -1;
	if (node == NULL)
		return true;
	if (!ywalk_is(node, YNODE_MAP, "pci-host"))
		return false;
	ywalk_check_keys(node, pci_host_keys, "pci-host");
	b->pci.at = node->at;
	if (!pci_host_device(node, "ecam", true, b, &b->pci.ecam) || !pci_host_device(node, "mmio", true, b, &b->pci.mmio) ||
	    !pci_host_device(node, "mmio64", false, b, &b->pci.mmio64) || !pci_host_device(node, "io", false, b, &b->pci.io) ||
	    !pci_host_intx(node, b))
		return false;
	if ((v = ywalk_get(node, "buses")) == NULL || !ywalk_integer(v, "buses", &buses) || buses == 0 || buses > 256 ||
	    buses << 20 > b->devices[b->pci.ecam].size) {
		diag_error(v != NULL ? v->at : node->at, "1 to 256, and 1 MiB of the ecam device each",
			   "pci-host needs the number of buses it enumerates");
		return false;
	}
	b->pci.bus_count = (unsigned int)buses;
	b->pci.present = true;
	return true;
}

bool board_pci_device(const struct board *b, unsigned int d)
{
	return b->pci.present && ((int)d == b->pci.ecam || (int)d == b->pci.mmio || (int)d == b->pci.mmio64 ||
				  (int)d == b->pci.io);
}

bool board_load(const struct ynode *root, const char *file, uint64_t ram_size, struct board *b)
{
	const struct ynode *v, *ram, *gic, *devices;
	uint64_t value, max_ram;
	bool ok = true;

	memset(b, 0, sizeof(*b));
	b->file = file;
	b->log_uart = -1;
	if (!ywalk_is(root, YNODE_MAP, "a board description"))
		return false;
	ywalk_check_keys(root, board_keys, "the board description");
	ok &= (v = ywalk_get(root, "board")) != NULL && ywalk_name(v, "board", &b->name);
	ram = ywalk_get(root, "ram");
	ok &= ram != NULL && ywalk_is(ram, YNODE_MAP, "ram");
	if (ok) {
		ywalk_check_keys(ram, ram_keys, "ram");
		ok &= (v = ywalk_get(ram, "base")) != NULL && ywalk_integer(v, "ram base", &b->ram_base);
		ok &= (v = ywalk_get(ram, "max-size")) != NULL && ywalk_size(v, "ram max-size", &max_ram);
		if (ok && ram_size > max_ram) {
			diag_error(ram->at, NULL, "this build's RAM size exceeds the board's maximum");
			ok = false;
		}
		b->ram_size = ram_size;
	}
	ok &= (v = ywalk_get(root, "cpus")) != NULL && ywalk_integer(v, "cpus", &value) && value > 0 &&
	      value <= 256;
	b->cpu_count = (unsigned int)value;
	gic = ywalk_get(root, "gic");
	ok &= gic != NULL && ywalk_is(gic, YNODE_MAP, "gic");
	if (ok) {
		ywalk_check_keys(gic, gic_keys, "gic");
		ok &= (v = ywalk_get(gic, "distributor")) != NULL && ywalk_integer(v, "gic distributor", &b->gicd_base);
		ok &= (v = ywalk_get(gic, "redistributors")) != NULL &&
		      ywalk_integer(v, "gic redistributors", &b->gicr_base);
		ok &= (v = ywalk_get(gic, "interrupt-ids")) != NULL && ywalk_integer(v, "interrupt-ids", &value);
		b->spi_limit = (unsigned int)value;
	}
	ok &= (v = ywalk_get(root, "emulated-console")) != NULL &&
	      ywalk_integer(v, "emulated-console", &b->console_base);
	ok &= (v = ywalk_get(root, "emulated-pages")) != NULL && ywalk_integer(v, "emulated-pages", &b->pages_base);
	devices = ywalk_get(root, "devices");
	ok &= devices != NULL && ywalk_is(devices, YNODE_SEQ, "devices");
	if (!ok) {
		diag_error(root->at, NULL, "incomplete board description");
		return false;
	}
	b->devices = calloc(devices->count, sizeof(*b->devices));
	for (size_t i = 0; b->devices != NULL && i < devices->count; i++) {
		if (!load_device(devices->items[i], &b->devices[b->device_count]))
			return false;
		b->device_count++;
	}
	return (b->devices != NULL || devices->count == 0) && find_log_uart(root, b) && load_iommu(root, b) &&
	       load_pci_host(root, b);
}

void board_free(struct board *b)
{
	free(b->devices);
}

int board_find_device(const struct board *b, const char *name)
{
	for (unsigned int i = 0; i < b->device_count; i++) {
		if (strcmp(b->devices[i].name, name) == 0)
			return (int)i;
	}
	return -1;
}

char *board_find_file(const char *platform, struct source_position at, const char *const *dirs,
		      unsigned int dir_count)
{
	char tried[2048] = "";
	size_t used = 0;

	for (unsigned int i = 0; i < dir_count; i++) {
		size_t length = strlen(dirs[i]) + strlen(platform) + sizeof("//board.yaml");
		char *path = malloc(length);

		if (path == NULL)
			break;
		snprintf(path, length, "%s/%s/board.yaml", dirs[i], platform);
		if (access(path, R_OK) == 0)
			return path;
		if (used < sizeof(tried))
			used += (size_t)snprintf(tried + used, sizeof(tried) - used, "%s%s", i > 0 ? ", " : "", path);
		free(path);
	}
	diag_error(at, "give --board FILE, --board-dir DIR or BULKHEAD_BOARD_PATH=DIR[:DIR...]",
		   "no board description for platform '%s': tried %s", platform, dir_count > 0 ? tried : "nothing");
	return NULL;
}
