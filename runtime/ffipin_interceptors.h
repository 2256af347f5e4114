/* Interceptors of free, realloc, munmap and pthread_create. */
#ifndef FFIPIN_INTERCEPTORS_H
#define FFIPIN_INTERCEPTORS_H

#include "ffipin_common.h"

/* Shared runtime: resolves the next definitions with dlsym. */
void ffipin_interceptors_init(void) FFIPIN_INTERNAL;

#endif
