/* Suppressions that ship with the runtime: known stale retention in
 * popular libraries, each investigated and harmless, with the reason (as
 * LeakSanitizer ships its own). Used unless builtin_suppressions=0, before
 * the user's file, and printed by help=1. */
#ifndef FFIPIN_SUPPRESS_BUILTIN_H
#define FFIPIN_SUPPRESS_BUILTIN_H

#include "base/ffipin_common.h"

typedef struct {
  const char *rule;   /* "<bug-type>:<pattern>", as in a suppressions file */
  const char *reason; /* why it is harmless */
} ffipin_builtin_suppression_t;

/* The list; *n gets its length. */
const ffipin_builtin_suppression_t *ffipin_suppress_builtin(size_t *n) FFIPIN_INTERNAL;
/* help=1: every built-in suppression with its reason. */
void ffipin_suppress_builtin_print_help(void) FFIPIN_INTERNAL;

#endif
