/* Describes where an address lives for the report: a global variable (name,
 * module), a heap region (offset inside, region size), a thread's stack, a
 * TLS block, or a plain mapping. Report-time only; may be slow. */
#ifndef FFIPIN_LOCATION_H
#define FFIPIN_LOCATION_H

#include "base/ffipin_format.h"

/* Appends one sentence, e.g. "0x602000000010 is located 8 bytes inside of a
 * 32-byte heap region [0x602000000008,0x602000000028)". For JSON, the same
 * sentence goes into the "location" field. */
void ffipin_describe_address(ffipin_buf_t *b, uintptr_t addr) FFIPIN_INTERNAL;

#endif
