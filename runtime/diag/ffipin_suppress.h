/* Suppressions: a file of "<bug-type>:<glob>" lines ('#' comments, blank
 * lines allowed; '*' and '?' globs). A report is suppressed when a glob
 * matches the function name, the file path or the module path of any frame
 * of any of its stacks. A malformed line (no colon, unknown bug type, empty
 * pattern) is a fatal error naming the file and line number. */
#ifndef FFIPIN_SUPPRESS_H
#define FFIPIN_SUPPRESS_H

#include "diag/ffipin_bug_kinds.h"
#include "diag/ffipin_stack.h"

/* Loads ffipin_flags.suppressions (if set) into static storage. */
void ffipin_suppress_init(void) FFIPIN_INTERNAL;
/* True if a suppression of this kind matches a frame of one of the n stacks
 * (symbolizes them). Called with the report lock held. */
bool ffipin_suppress_match(ffipin_bug_kind_t kind, const ffipin_stack_id_t *stacks,
                           int n) FFIPIN_INTERNAL;
/* Glob match of p[0..plen) against s ('*' any run, '?' any one character);
 * an end not anchored matches anywhere (a substring match, as ASan's
 * TemplateMatch). Iterative, backtracking only to the last '*'. */
bool ffipin_glob_match(const char *p, size_t plen, const char *s, bool anchor_start,
                       bool anchor_end) FFIPIN_INTERNAL;

#endif
