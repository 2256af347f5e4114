/* The kinds of report (the word after "FFIPinSanitizer:"), from the one list
 * in ffipin_bug_kinds.inc. */
#ifndef FFIPIN_BUG_KINDS_H
#define FFIPIN_BUG_KINDS_H

#include "base/ffipin_common.h"

typedef enum {
#define FFIPIN_BUG_KIND(Enum, Name, Meaning) FFIPIN_BUG_##Enum,
#include "diag/ffipin_bug_kinds.inc"
  FFIPIN_BUG_COUNT
} ffipin_bug_kind_t;

/* "pin-outlived", ...; "unknown-bug" for a value out of range. */
const char *ffipin_bug_name(ffipin_bug_kind_t k) FFIPIN_INTERNAL;
/* The kind named by name[0..len), as in a suppressions file. */
bool ffipin_bug_parse(const char *name, size_t len, ffipin_bug_kind_t *out) FFIPIN_INTERNAL;
/* help=1: every kind with its meaning. */
void ffipin_bug_kinds_print_help(void) FFIPIN_INTERNAL;

#endif
