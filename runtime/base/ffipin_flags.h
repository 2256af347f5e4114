/* Runtime options: the struct generated from ffipin_flags.inc and its parser. */
#ifndef FFIPIN_FLAGS_H
#define FFIPIN_FLAGS_H

#include "base/ffipin_common.h"

typedef enum { FFIPIN_FORMAT_TEXT, FFIPIN_FORMAT_JSON } ffipin_format_t;

typedef bool ffipin_flag_bool_t;
typedef int ffipin_flag_int_t;
typedef const char *ffipin_flag_str_t;
typedef ffipin_format_t ffipin_flag_format_t;

typedef struct {
#define FFIPIN_FLAG(Type, Name, Default, Help) ffipin_flag_##Type##_t Name;
#include "ffipin_flags.inc"
} ffipin_flags_t;

extern ffipin_flags_t ffipin_flags FFIPIN_INTERNAL;

/* Sets defaults, then applies __ffipin_default_options() (weak, may be
 * absent), then $FFIPIN_OPTIONS. A bad value of a known option (ours or an
 * accepted sanitizer_common one) prints an error naming the option and
 * exits with status 1; unknown names are listed in sanitizer_common's
 * "WARNING: found N unrecognized flag(s):" and ignored. Never allocates.
 * Called once, at start-up. */
void ffipin_flags_init(void) FFIPIN_INTERNAL;
/* Applies one option string (what ffipin_flags_init does for each source);
 * source names it in errors. */
void ffipin_flags_parse(const char *s, const char *source) FFIPIN_INTERNAL;
/* help=1: every option with its default, current value and meaning. */
void ffipin_flags_print_help(void) FFIPIN_INTERNAL;

#endif
