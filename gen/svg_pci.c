/*
 * A partition's PCIe share on its card (docs/pci.md): the root's part of
 * the host (its windows, its INTx lines, every function nobody else has),
 * or each function a non-root partition is given, with its bus:dev.fn,
 * windows, INTx line and IOMMU stream (in red when no IOMMU checks it).
 */
#include "pci.h"
#include "svg.h"

#define TEXT_X		(SVG_MARGIN + 14)
#define MONOSPACE	"font-family=\"monospace\" font-size=\"11\" xml:space=\"preserve\""

static void window_text(uint64_t base, uint64_t size, char *text, size_t length)
{
	if (size == 0)
		snprintf(text, length, "-");
	else
		snprintf(text, length, "0x%010llx-0x%010llx", (unsigned long long)base, (unsigned long long)(base + size - 1));
}

static int root_line(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i, int y)
{
	char mmio[48], mmio64[48], intx[48] = "";
	size_t used = 0;

	window_text(l->root_mmio_base, l->root_mmio_size, mmio, sizeof(mmio));
	window_text(l->root_mmio64_base, l->root_mmio64_size, mmio64, sizeof(mmio64));
	for (unsigned int n = 0; n < 4; n++) {
		if (pci_intx_owner(l, b->pci.intx[n]) >= 0)
			continue;
		int w = snprintf(intx + used, sizeof(intx) - used, "%s%u", used ? " " : "", b->pci.intx[n]);
		if (w > 0 && (size_t)w < sizeof(intx) - used)
			used += (size_t)w;
	}
	fprintf(out, "<g class=\"pci-host\" data-ecam=\"%#llx\" data-window=\"%s\" data-window64=\"%s\" data-intx=\"%s\">",
		(unsigned long long)pci_ecam_ipa(l, b, i), mmio, mmio64, intx);
	svg_title(out, "the PCIe host: config space emulated at %#llx, every function no other partition is given, "
		  "BARs placed in these windows at boot", (unsigned long long)pci_ecam_ipa(l, b, i));
	svg_text(out, TEXT_X, y, "", "PCIe: every function no other partition is given (config space emulated at %#llx):",
		 (unsigned long long)pci_ecam_ipa(l, b, i));
	y += SVG_LINE;
	svg_text(out, TEXT_X + 10, y, MONOSPACE, "windows %s, %s INTx %s", mmio, mmio64, used ? intx : "-");
	fputs("</g>\n", out);
	return y + SVG_LINE;
}

static int function_line(FILE *out, const struct board *b, const struct pci_function_spec *f, int y)
{
	char rid[16], mmio[48], mmio64[48], intx[16] = "-", stream_text[24] = "DMA unprotected";
	uint32_t stream;
	bool checked = pci_stream_of(b, f->rid, &stream);

	pci_format_rid(f->rid, rid, sizeof(rid));
	window_text(f->mmio.base, f->mmio.size, mmio, sizeof(mmio));
	window_text(f->mmio64.base, f->mmio64.size, mmio64, sizeof(mmio64));
	if (f->intx_intid != 0)
		snprintf(intx, sizeof(intx), "%u", f->intx_intid);
	if (checked)
		snprintf(stream_text, sizeof(stream_text), "stream %#x", stream);
	fprintf(out, "<g class=\"pci-function%s\" data-name=\"", checked ? "" : " warning");
	svg_escaped(out, f->name);
	fprintf(out, "\" data-function=\"%s\" data-window=\"%s\" data-window64=\"%s\" data-intx=\"%u\">", rid, mmio, mmio64,
		f->intx_intid);
	svg_title(out, "%s: function %s, windows %s and %s, INTx %u, %s", f->name, rid, mmio, mmio64, f->intx_intid,
		  checked ? "its DMA checked by the IOMMU" : "masters DMA no IOMMU checks: reaches all physical memory");
	svg_text(out, TEXT_X + 10, y, checked ? MONOSPACE : "fill=\"#c00000\" " MONOSPACE, "%-10s %s %s%s%s INTx %-3s %s",
		 f->name, rid, mmio, f->mmio64.size ? " " : "", f->mmio64.size ? mmio64 : "", intx, stream_text);
	fputs("</g>\n", out);
	return y + SVG_LINE;
}

int svg_pci(FILE *out, const struct layout_spec *l, const struct board *b, unsigned int i, int y)
{
	const struct partition_spec *p = &l->partitions[i];

	if (!pci_partition_has_host(l, b, i)) {
		if (p->root && p->pci_none) {
			svg_text(out, TEXT_X, y, "", "PCIe: none (pci: none)");
			y += SVG_LINE;
		}
		return y;
	}
	if (p->root)
		return root_line(out, l, b, i, y);
	svg_text(out, TEXT_X, y, "", "PCIe functions (config space emulated at %#llx):",
		 (unsigned long long)pci_ecam_ipa(l, b, i));
	y += SVG_LINE;
	for (unsigned int k = 0; k < p->pci_count; k++)
		if (p->pci[k].rid_valid)
			y = function_line(out, b, &p->pci[k], y);
	return y;
}
