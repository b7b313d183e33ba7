/* Writing the TCG crypto-agile event log; field layout per the PC Client profile. */
#include <event_log.h>
#include <format.h>
#include <image_check.h>
#include <string.h>

static const char spec_id_signature[16] = "Spec ID Event03";

static uint8_t *put_u8(uint8_t *p, uint8_t value)
{
	*p = value;
	return p + 1;
}

static uint8_t *put_u16(uint8_t *p, uint16_t value)
{
	p[0] = (uint8_t)value;
	p[1] = (uint8_t)(value >> 8);
	return p + 2;
}

static uint8_t *put_u32(uint8_t *p, uint32_t value)
{
	for (unsigned int i = 0; i < 4; i++)
		p[i] = (uint8_t)(value >> (8 * i));
	return p + 4;
}

static uint8_t *put_bytes(uint8_t *p, const void *bytes, size_t size)
{
	memcpy(p, bytes, size);
	return p + size;
}

/* TCG_PCClientPCREvent carrying a TCG_EfiSpecIDEvent: SHA-256 is the one algorithm. */
#define SPEC_ID_EVENT_DATA_SIZE	(16U + 4U + 4U * 1U + 4U + 4U * 1U + 1U)
#define SPEC_ID_EVENT_SIZE	(4U + 4U + 20U + 4U + SPEC_ID_EVENT_DATA_SIZE)

void event_log_init(struct event_log *log, void *buffer, size_t capacity)
{
	uint8_t *p = buffer;
	static const uint8_t no_digest[20];

	*log = (struct event_log){ .buffer = buffer, .capacity = capacity };
	if (capacity < SPEC_ID_EVENT_SIZE) {
		log->full = true;
		return;
	}
	p = put_u32(p, 0);				/* PCR index */
	p = put_u32(p, TCG_EV_NO_ACTION);
	p = put_bytes(p, no_digest, sizeof(no_digest));
	p = put_u32(p, SPEC_ID_EVENT_DATA_SIZE);
	p = put_bytes(p, spec_id_signature, sizeof(spec_id_signature));
	p = put_u32(p, 0);				/* platform class: client */
	p = put_u8(p, 0);				/* spec version minor */
	p = put_u8(p, 2);				/* spec version major */
	p = put_u8(p, 0);				/* errata */
	p = put_u8(p, 2);				/* UINTN is 64 bits */
	p = put_u32(p, 1);				/* algorithms */
	p = put_u16(p, TCG_ALG_SHA256);
	p = put_u16(p, 32);
	p = put_u8(p, 0);				/* no vendor information */
	log->size = (size_t)(p - log->buffer);
}

bool event_log_append(struct event_log *log, uint32_t pcr, uint32_t type, const uint8_t sha256[32],
		      const char *description, size_t description_size)
{
	size_t event_size = 4 + 4 + 4 + 2 + 32 + 4 + description_size;
	uint8_t *p;

	if (log->full || event_size > log->capacity - log->size) {
		log->full = true;
		return false;
	}
	p = log->buffer + log->size;
	p = put_u32(p, pcr);
	p = put_u32(p, type);
	p = put_u32(p, 1);				/* digests */
	p = put_u16(p, TCG_ALG_SHA256);
	p = put_bytes(p, sha256, 32);
	p = put_u32(p, (uint32_t)description_size);
	put_bytes(p, description, description_size);
	log->size += event_size;
	log->events++;
	return true;
}

bool event_log_component(struct event_log *log, const struct artifact_component *component,
			 const uint8_t sha256[32], unsigned int restart)
{
	char text[EVENT_DESCRIPTION_MAX];
	unsigned int major = component->version >> 24, minor = (component->version >> 16) & 0xff,
		     patch = component->version & 0xffff;
	uint32_t pcr = MEASURE_PCR_PARTITION_CODE, type = TCG_EV_IPL;
	size_t length;

	switch (component->kind) {
	case ARTIFACT_HYPERVISOR:
		pcr = MEASURE_PCR_HYPERVISOR;
		type = TCG_EV_POST_CODE;
		length = format_buffer(text, sizeof(text), "hypervisor, version %u.%u.%u", major, minor, patch);
		break;
	case ARTIFACT_TABLES:
		pcr = MEASURE_PCR_TABLES;
		type = TCG_EV_TABLE_OF_DEVICES;
		length = format_buffer(text, sizeof(text), "layout tables, version %u.%u.%u", major, minor, patch);
		break;
	default:
		if (component->kind == ARTIFACT_DTB)
			pcr = MEASURE_PCR_PARTITION_CONFIG;
		if (restart == 0)
			length = format_buffer(text, sizeof(text), "%s of partition %u, version %u.%u.%u",
					       image_kind_name(component->kind), component->partition,
					       major, minor, patch);
		else
			length = format_buffer(text, sizeof(text),
					       "%s of partition %u, version %u.%u.%u, restart %u",
					       image_kind_name(component->kind), component->partition,
					       major, minor, patch, restart);
		break;
	}
	if (length >= sizeof(text))
		length = sizeof(text) - 1;
	return event_log_append(log, pcr, type, sha256, text, length);
}

static uint32_t get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

bool event_log_next(const uint8_t *log, size_t log_size, size_t *offset, struct event_view *event)
{
	size_t at = *offset, data_size;

	if (at == 0) {
		if (log_size < SPEC_ID_EVENT_SIZE - SPEC_ID_EVENT_DATA_SIZE)
			return false;
		data_size = get_u32(log + 28);
		if (data_size > log_size - 32)
			return false;
		at = 32 + data_size;
	}
	/* PCR, type, digest count, algorithm, digest, event size. */
	if (at > log_size || log_size - at < 4 + 4 + 4 + 2 + 32 + 4)
		return false;
	if (get_u32(log + at + 8) != 1 || get_u16(log + at + 12) != TCG_ALG_SHA256)
		return false;
	data_size = get_u32(log + at + 46);
	if (data_size > log_size - at - 50)
		return false;
	*event = (struct event_view){
		.pcr = get_u32(log + at), .type = get_u32(log + at + 4), .sha256 = log + at + 14,
		.description = (const char *)(log + at + 50), .description_size = (uint32_t)data_size,
	};
	*offset = at + 50 + data_size;
	return true;
}

const char *event_log_type_name(uint32_t type)
{
	switch (type) {
	case TCG_EV_POST_CODE: return "EV_POST_CODE";
	case TCG_EV_TABLE_OF_DEVICES: return "EV_TABLE_OF_DEVICES";
	case TCG_EV_IPL: return "EV_IPL";
	default: return "EV_UNKNOWN";
	}
}
