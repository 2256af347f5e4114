/* Runtime options: the struct generated from ffipin_flags.inc and its parser. */
#ifndef FFIPIN_FLAGS_H
#define FFIPIN_FLAGS_H

#include "ffipin_common.h"

typedef enum { ffipin_format_text, ffipin_format_json } ffipin_format;

typedef bool ffipin_flag_bool;
typedef int ffipin_flag_int;
typedef const char *ffipin_flag_str;
typedef ffipin_format ffipin_flag_format;

typedef struct {
#define FFIPIN_FLAG(Type, Name, Default, Help) ffipin_flag_##Type Name;
#include "ffipin_flags.inc"
} ffipin_flags_t;

extern ffipin_flags_t ffipin_flags FFIPIN_INTERNAL;

/* Sets defaults, then applies __ffipin_default_options() (weak, may be
 * absent), then $FFIPIN_OPTIONS. An unknown name or a bad value prints an
 * error naming the option and exits with status 1. help=1 prints every
 * option. Never allocates. Called once, from ffipin_init. */
void ffipin_flags_init(void) FFIPIN_INTERNAL;

#endif
