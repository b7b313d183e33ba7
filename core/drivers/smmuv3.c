/*
 * The SMMUv3 driver: probe, a linear stream table sized by the board, a
 * command queue, an event queue, and one stream table entry per stream the
 * layout gives a partition. Everything is static, set up once at boot:
 * stage 2 never changes afterwards (restarts reload memory, not tables),
 * so neither do the SMMU's tables, and the only invalidations are the
 * ones that make the SMMU read them the first time.
 *
 * QEMU 7.2's SMMU translates in stage 1 only. A stream therefore points at
 * a context descriptor whose stage-1 tables are a copy of its owner's
 * stage 2 (arch/stage2_mirror.h), made from the tables the CPU uses, with
 * the owner's VMID as ASID: the device sees what its owner sees.
 */
#include <arch.h>
#include <arch/stage2_mirror.h>
#include <arch/sysregs.h>
#include <cpu.h>
#include <irq.h>
#include <layout.h>
#include <log.h>
#include <panic.h>
#include <partition.h>
#include <partitions.h>
#include <smmu.h>

#include "smmuv3_internal.h"

/* The most stream ids a board may ask the table to cover: 256 entries, 16 KiB. */
#define STREAM_TABLE_MAX	256U

struct smmu_state smmu;

static uint64_t stream_table[STREAM_TABLE_MAX][STE_DWORDS] __attribute__((aligned(STREAM_TABLE_MAX * 64)));
static uint64_t context_descriptors[CONFIG_MAX_PARTITIONS][CD_DWORDS] __attribute__((aligned(64)));
static uint64_t command_queue[1U << CMDQ_LOG2][CMD_DWORDS] __attribute__((aligned((1U << CMDQ_LOG2) * 16)));
uint64_t smmu_eventq[1U << EVENTQ_LOG2][EVENT_DWORDS] __attribute__((aligned((1U << EVENTQ_LOG2) * 32)));
static uint32_t cmdq_prod;

/* A register the SMMU acknowledges in another: waits (bounded) for it to agree. */
static void write_acknowledged(uintptr_t reg, uintptr_t ack, uint32_t value, const char *what)
{
	uint64_t give_up = arch_counter_read() + arch_counter_frequency() / 10;

	*smmu_reg(reg) = value;
	while (*smmu_reg(ack) != value) {
		if (arch_counter_read() > give_up)
			panic("SMMU: %s not acknowledged (wrote %#x, reads %#x)", what, value, *smmu_reg(ack));
	}
}

static unsigned int log2_of(uint32_t power_of_two)
{
	unsigned int n = 0;

	while ((1U << n) < power_of_two)
		n++;
	return n;
}

static void require(bool ok, uint32_t idr, const char *what)
{
	if (!ok)
		panic("SMMU at %#lx: %s (ID register %#x); the board says PCIe DMA goes through it: "
		      "refusing to run with DMA unchecked", (unsigned long)smmu.base, what, idr);
}

/* Refuses to boot without what the tables below use. */
static void probe(void)
{
	uint32_t idr0, idr1, idr5;

	/* Where nothing answers, QEMU (and much hardware) aborts the read: the
	 * panic that follows is then explained by this line. */
	log_info("SMMU: probing at %#lx, which the board says all PCIe DMA goes through "
		 "(QEMU: -M virt,iommu=smmuv3); the machine stops if it is absent", (unsigned long)smmu.base);
	idr0 = *smmu_reg(SMMU_IDR0);
	idr1 = *smmu_reg(SMMU_IDR1);
	idr5 = *smmu_reg(SMMU_IDR5);
	/* Elsewhere an absent SMMU reads as zeros. */
	require(idr0 != 0 || idr1 != 0 || idr5 != 0, idr0, "no SMMU answers (QEMU needs -M virt,iommu=smmuv3)");
	require((idr0 & (IDR0_S1P | IDR0_S2P)) != 0, idr0, "translates in neither stage");
	require((idr0 & IDR0_S1P) != 0, idr0, "no stage-1 translation, which the mirror of stage 2 needs");
	require((idr0 & IDR0_TTF_AARCH64) != 0, idr0, "no AArch64 translation tables");
	require(IDR0_TTENDIAN(idr0) != IDR0_TTENDIAN_BE, idr0, "big-endian tables only");
	require((idr5 & IDR5_GRAN4K) != 0, idr5, "no 4 KiB granule");
	require(IDR5_OAS(idr5) >= IDR5_OAS_40BIT, idr5, "output addresses narrower than 40 bits");
	require(IDR1_SIDSIZE(idr1) >= log2_of(smmu.board->stream_table), idr1, "fewer stream ids than the board's stream table");
	require(IDR1_CMDQS(idr1) >= CMDQ_LOG2 && IDR1_EVENTQS(idr1) >= EVENTQ_LOG2, idr1, "queues too small");
	require(!(idr1 & (IDR1_TABLES_PRESET | IDR1_QUEUES_PRESET)), idr1, "fixed table or queue addresses");
	log_info("SMMU at %#lx: stage 1%s, %u-bit stream ids; streams use a stage-1 copy of their owner's stage 2",
		 (unsigned long)smmu.base, (idr0 & IDR0_S2P) ? " and 2" : " only", IDR1_SIDSIZE(idr1));
}

static void command(uint64_t word0, uint64_t word1)
{
	uint32_t index = cmdq_prod & ((1U << CMDQ_LOG2) - 1);
	uint64_t give_up = arch_counter_read() + arch_counter_frequency() / 10;

	/* Full when only the wrap bits differ: wait for the SMMU to take some. */
	while (((*smmu_reg(SMMU_CMDQ_CONS) ^ cmdq_prod) & ((2U << CMDQ_LOG2) - 1)) == (1U << CMDQ_LOG2)) {
		if (arch_counter_read() > give_up)
			panic("SMMU: command queue stuck full");
	}
	command_queue[index][0] = word0;
	command_queue[index][1] = word1;
	dsb_sy();
	cmdq_prod = (cmdq_prod + 1) & ((2U << CMDQ_LOG2) - 1);
	*smmu_reg(SMMU_CMDQ_PROD) = cmdq_prod;
}

/* Issues CMD_SYNC and waits until the SMMU has consumed everything before it. */
static void command_sync(void)
{
	uint64_t give_up = arch_counter_read() + arch_counter_frequency() / 10;

	command(CMD_SYNC, 0);
	while ((*smmu_reg(SMMU_CMDQ_CONS) & ((2U << CMDQ_LOG2) - 1)) != cmdq_prod) {
		if (*smmu_reg(SMMU_GERROR) & GERROR_CMDQ_ERR) {
			smmu_gerror_report();
			panic("SMMU: command rejected");
		}
		if (arch_counter_read() > give_up)
			panic("SMMU: CMD_SYNC not completed (prod %#x, cons %#x)", cmdq_prod, *smmu_reg(SMMU_CMDQ_CONS));
	}
}

/* The context descriptor of partition p: its stage 2 copied into stage 1. */
static uint64_t *context_for(struct partition *p)
{
	unsigned int slot = (unsigned int)(p - partition_table);
	uint64_t *cd = context_descriptors[slot];
	uint64_t table;

	if (cd[0] & CD_0_V)
		return cd;
	table = stage2_mirror_build(&p->arch.stage2);
	if (table == 0)
		panic("SMMU: no room for partition %s's stage-1 copy", p->name);
	cd[1] = table & CD_1_TTB0_MASK;
	cd[3] = MIRROR_MAIR_VALUE;
	dsb_sy();	/* the copy and the descriptor's other words before it is valid */
	cd[0] = CD_0_T0SZ(MIRROR_INPUT_BITS) | CD_0_TG0_4K | CD_0_IRGN0_WBWA | CD_0_ORGN0_WBWA |
		CD_0_SH0_INNER | CD_0_EPD1 | CD_0_V | CD_0_IPS_40BIT | CD_0_AA64 | CD_0_R | CD_0_A |
		CD_0_ASET | CD_0_ASID(p->arch.stage2.vmid);
	dsb_sy();
	return cd;
}

/* Returns how many streams translate. */
static uint32_t build_stream_table(void)
{
	const struct layout_iommu *board = smmu.board;
	uint32_t translated = 0;

	for (uint32_t sid = 0; sid < board->stream_table; sid++)
		stream_table[sid][0] = STE_0_V | STE_0_CFG_ABORT;
	for (unsigned int i = 0; i < board->stream_count; i++) {
		const struct layout_stream *s = &board->streams[i];
		struct partition *p = partition_by_id(s->partition);

		if (p == NULL || s->first >= board->stream_table || s->count > board->stream_table - s->first)
			panic("SMMU: streams %#x+%#x of partition %u: no such partition, or beyond the stream table",
			      s->first, s->count, s->partition);
		uint64_t cd = (uint64_t)(uintptr_t)context_for(p);
		for (uint32_t sid = s->first; sid < s->first + s->count; sid++) {
			stream_table[sid][1] = STE_1_VALUE;
			dsb_sy();
			stream_table[sid][0] = STE_0_V | STE_0_CFG_S1_TRANS | STE_0_S1FMT_LINEAR |
					       (cd & STE_0_S1CTXPTR_MASK);
			translated++;
		}
		if (s->function != NULL)
			log_info("SMMU: stream %#x (%s, %02x:%02x.%x) sees partition %s's memory", s->first, s->function,
				 s->rid_base >> 8, (s->rid_base >> 3) & 0x1f, s->rid_base & 7, p->name);
		else
			log_info("SMMU: streams %#x..%#x (%s) see partition %s's memory", s->first, s->first + s->count - 1,
				 layout.devices[s->device].name, p->name);
	}
	dsb_sy();
	return translated;
}

static void wire_interrupt(unsigned int intid)
{
	irq_set_edge(intid, true);
	irq_route(intid, cpu_this()->index);
	irq_set_enabled(intid, true);
}

void smmu_init(void)
{
	uint32_t translated;

	smmu.board = layout.iommu;
	if (smmu.board == NULL)
		return;
	smmu.base = (uintptr_t)smmu.board->base;
	if (smmu.board->stream_table > STREAM_TABLE_MAX)
		panic("SMMU: the board's stream table (%u) exceeds this build's %u", smmu.board->stream_table,
		      STREAM_TABLE_MAX);
	probe();

	/* Firmware may have left it on: off first, and unknown streams abort meanwhile. */
	write_acknowledged(SMMU_CR0, SMMU_CR0ACK, 0, "disable");
	*smmu_reg(SMMU_GBPA) = GBPA_ABORT | GBPA_UPDATE;
	for (uint64_t give_up = arch_counter_read() + arch_counter_frequency() / 10; *smmu_reg(SMMU_GBPA) & GBPA_UPDATE;)
		if (arch_counter_read() > give_up)
			panic("SMMU: GBPA update not taken");
	*smmu_reg(SMMU_CR1) = CR1_VALUE;
	*smmu_reg(SMMU_CR2) = CR2_RECINVSID;

	translated = build_stream_table();
	*smmu_reg64(SMMU_STRTAB_BASE) = BASE_READ_ALLOCATE | ((uint64_t)(uintptr_t)stream_table & BASE_ADDR_MASK);
	*smmu_reg(SMMU_STRTAB_BASE_CFG) = log2_of(smmu.board->stream_table);	/* linear */
	*smmu_reg64(SMMU_CMDQ_BASE) = BASE_READ_ALLOCATE | ((uint64_t)(uintptr_t)command_queue & BASE_ADDR_MASK) | CMDQ_LOG2;
	*smmu_reg(SMMU_CMDQ_PROD) = 0;
	*smmu_reg(SMMU_CMDQ_CONS) = 0;
	*smmu_reg64(SMMU_EVENTQ_BASE) = BASE_READ_ALLOCATE | ((uint64_t)(uintptr_t)smmu_eventq & BASE_ADDR_MASK) | EVENTQ_LOG2;
	*smmu_reg(SMMU_EVENTQ_PROD) = 0;
	*smmu_reg(SMMU_EVENTQ_CONS) = 0;
	/* Wired interrupts, not MSIs. */
	*smmu_reg64(SMMU_GERROR_IRQ_CFG0) = 0;
	*smmu_reg64(SMMU_EVENTQ_IRQ_CFG0) = 0;
	dsb_sy();

	write_acknowledged(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN, "command queue enable");
	/* Nothing of what it may have cached from before is ours. */
	command(CMD_CFGI_ALL, 31);
	command(CMD_TLBI_NSNH_ALL, 0);
	command_sync();

	wire_interrupt(smmu.board->event_intid);
	wire_interrupt(smmu.board->gerror_intid);
	write_acknowledged(SMMU_IRQ_CTRL, SMMU_IRQ_CTRLACK, IRQ_CTRL_GERROR | IRQ_CTRL_EVENTQ, "interrupt enable");
	write_acknowledged(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN | CR0_EVENTQEN, "event queue enable");
	write_acknowledged(SMMU_CR0, SMMU_CR0ACK, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN, "enable");
	log_info("SMMU enabled: %u stream%s translated, the other %u of its table abort", translated,
		 translated == 1 ? "" : "s", smmu.board->stream_table - translated);
}

bool smmu_handle_interrupt(unsigned int intid)
{
	if (smmu.board == NULL)
		return false;
	if (intid == smmu.board->event_intid) {
		smmu_events_drain();
		return true;
	}
	if (intid == smmu.board->gerror_intid) {
		smmu_gerror_report();
		return true;
	}
	return false;
}
