/*
 * The table of system registers a partition's access traps to the
 * hypervisor for. An access to a register not in the table, or in the
 * wrong direction, is an undefined instruction in the partition.
 */
#include <arch/gicv3.h>
#include <arch/inject.h>
#include <arch/sysreg_trap.h>
#include <arch/sysregs.h>
#include <arch/vgic.h>
#include <partition.h>

#include <stddef.h>

struct sysreg_access {
	struct vcpu *vcpu;
	uint64_t value;		/* written, or to be read */
	bool read;
};

struct sysreg_trap_entry {
	uint32_t encoding;
	const char *name;
	/* Returns false to refuse the access (undefined instruction). */
	bool (*access)(struct sysreg_access *access);
};

static bool write_sgi1r(struct sysreg_access *access)
{
	if (access->read)
		return false;
	vgic_send_sgi(access->vcpu, access->value);
	return true;
}

/* Group 0 SGIs do not exist for a partition: the write is ignored. */
static bool write_ignored(struct sysreg_access *access)
{
	return !access->read;
}

/*
 * Set/way maintenance (HCR_EL2.TSW) works on lines of every partition and
 * of the hypervisor: an invalidate by set/way would discard their dirty
 * data. Each becomes a clean and invalidate of the same line, which loses
 * nothing and does at least what the partition asked.
 */
static bool set_way_clean_invalidate(struct sysreg_access *access)
{
	if (access->read)
		return false;
	__asm__ volatile("dc cisw, %0" : : "r"(access->value) : "memory");
	return true;
}

/* ICC_SRE_EL2.Enable is 0: the system register interface is always on,
 * bypass always off, as the virtual CPU interface needs. */
static bool sre_fixed(struct sysreg_access *access)
{
	if (access->read)
		access->value = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB;
	return true;
}

/* Sorted by encoding. */
static const struct sysreg_trap_entry sysreg_table[] = {
	{ SYSREG_ENCODING(1, 0, 7, 6, 2), "DC ISW", set_way_clean_invalidate },
	{ SYSREG_ENCODING(1, 0, 7, 10, 2), "DC CSW", set_way_clean_invalidate },
	{ SYSREG_ENCODING(1, 0, 7, 14, 2), "DC CISW", set_way_clean_invalidate },
	{ SYSREG_ENCODING(3, 0, 12, 11, 5), "ICC_SGI1R_EL1", write_sgi1r },
	{ SYSREG_ENCODING(3, 0, 12, 12, 5), "ICC_SRE_EL1", sre_fixed },
	{ SYSREG_ENCODING(3, 0, 12, 11, 6), "ICC_ASGI1R_EL1", write_sgi1r },
	{ SYSREG_ENCODING(3, 0, 12, 11, 7), "ICC_SGI0R_EL1", write_ignored },
};

static const struct sysreg_trap_entry *find_entry(uint32_t encoding)
{
	size_t low = 0, high = sizeof(sysreg_table) / sizeof(sysreg_table[0]);

	while (low < high) {
		size_t mid = (low + high) / 2;
		if (sysreg_table[mid].encoding == encoding)
			return &sysreg_table[mid];
		if (sysreg_table[mid].encoding < encoding)
			low = mid + 1;
		else
			high = mid;
	}
	return NULL;
}

/*
 * Registers answered by rule rather than by row: the ID registers (HCR_EL2.TID3)
 * from the partition's sanitized copies; the RAS error records (HCR_EL2.TERR:
 * op0 3, op1 0, CRn 5, CRm 3-5), which are the machine's, read as zero —
 * ERRIDR_EL1 says there are none — with writes ignored; and, when the layout
 * hides debug, the debug registers (op0 2) as read-as-zero, writes ignored —
 * Linux touches them on every CPU at boot, so refusing them would crash it.
 * Every other trapped register (LORegions, GMID_EL1, whatever a fine-grained
 * trap catches) is an undefined instruction.
 */
static bool rule_access(struct sysreg_access *access, uint32_t iss)
{
	unsigned int op0 = (iss >> 20) & 3, op2 = (iss >> 17) & 7, op1 = (iss >> 14) & 7;
	unsigned int crn = (iss >> 10) & 0xf, crm = (iss >> 1) & 0xf;
	const struct feature_controls *features = &access->vcpu->partition->arch.features;

	if (op0 == 3 && op1 == 0 && crn == 0 && crm >= 1)
		return access->read && features_id_register(features, crm, op2, &access->value);
	if (op0 == 3 && op1 == 0 && crn == 5 && crm >= 3 && crm <= 5) {
		access->value = 0;
		return true;
	}
	if (op0 == 2 && features->debug_raz_wi) {
		access->value = 0;
		return true;
	}
	return false;
}

/* The TID3 group: op0 3, op1 0, CRn 0, CRm 1-7 (CRm 0 is MIDR and friends, not trapped). */
static bool is_id_register(uint32_t iss)
{
	return (iss & SYSREG_ISS_ID_GROUP_MASK) == SYSREG_ISS_ID_GROUP && ((iss >> 1) & 0xfU) != 0;
}

bool sysreg_trap(struct vcpu *vcpu, struct exception_frame *frame)
{
	uint32_t iss = (uint32_t)(frame->esr & ESR_ISS_MASK);
	unsigned int rt = (iss >> SYSREG_ISS_RT_SHIFT) & SYSREG_ISS_RT_MASK;
	/* ID registers, the most frequent, skip the search: none has a row. */
	const struct sysreg_trap_entry *entry = is_id_register(iss) ? NULL :
		find_entry(iss & SYSREG_ISS_ENCODING_MASK);
	struct sysreg_access access = {
		.vcpu = vcpu, .read = (iss & SYSREG_ISS_READ) != 0,
		.value = rt == 31 ? 0 : frame->x[rt],
	};
	bool allowed = entry != NULL ? entry->access(&access) : rule_access(&access, iss);

	if (!allowed) {
		inject_undefined(frame);
		return true;
	}
	if (access.read && rt != 31)
		frame->x[rt] = access.value;
	frame->elr += 4;
	return true;
}
