/* Built once per guest, with GUEST_NAME set to the guest's folder name. */
#include <verdict.h>

#ifndef GUEST_NAME
#error "guests.mk defines GUEST_NAME for each guest"
#endif

const char guest_name[] = GUEST_NAME;
