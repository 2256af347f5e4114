/* The few system calls the model and thread layers need beyond ffipin_sys:
 * giving memory back, growing a mapping in place of copying it, and asking
 * whether a thread of this process still exists. Raw system calls (errno
 * is kept as it was: hooks run inside the program's own calls). */
#ifndef FFIPIN_OS_H
#define FFIPIN_OS_H

#include "base/ffipin_common.h"

/* The pages of [p, p+size) go back to the system and read as zero
 * afterwards (p and size page-aligned). */
void ffipin_os_release(void *p, size_t size) FFIPIN_INTERNAL;
/* A mapping from ffipin_map resized to new_size, possibly moved (its
 * contents kept); NULL if the system refuses (the old one is then intact). */
void *ffipin_os_remap(void *p, size_t old_size, size_t new_size) FFIPIN_INTERNAL;
/* False if the thread with this kernel thread id has exited (or never was
 * a thread of this process). */
bool ffipin_os_thread_exists(int os_tid) FFIPIN_INTERNAL;

#endif
