/* Suppressions: a file of "<bug-type>:<glob>" lines ('#' comments, blank
 * lines allowed; '*' and '?' globs). A report is suppressed when a glob
 * matches the function name, the file path or the module path of any frame
 * of any of its stacks. A malformed line (no colon, unknown bug type, empty
 * pattern) is a fatal error naming the file and line number. */
#ifndef FFIPIN_SUPPRESS_H
#define FFIPIN_SUPPRESS_H

#include "ffipin_report.h"

/* Loads ffipin_flags.suppressions (if set) into static storage. */
void ffipin_suppress_init(void) FFIPIN_INTERNAL;
/* True if the report matches a suppression (symbolizes its frames). Called
 * with the report lock held. */
bool ffipin_suppress_match(const ffipin_report *r) FFIPIN_INTERNAL;

#endif
