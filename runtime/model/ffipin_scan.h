/* Reading memory the program owns, looking for pointers: the process's
 * writable mappings (/proc/self/maps) or any range, through safe reads only
 * (a page that goes away meanwhile is skipped, never a fault), skipping
 * pages that were never touched (/proc/self/pagemap), so that sparse
 * mappings (thread stacks, reserved heaps) cost what they hold. */
#ifndef FFIPIN_SCAN_H
#define FFIPIN_SCAN_H

#include "base/ffipin_common.h"

typedef struct {
  uintptr_t lo, hi;
  bool anonymous;   /* no file behind it (anonymous mmap, [heap], [stack]) */
  const char *path; /* the file or pseudo-name ("[heap]"), "" for anonymous */
} ffipin_region_t;

/* Calls fn for each readable, writable mapping except devices and the
 * kernel's ([vvar], [vsyscall]); fn returns false to stop. */
void ffipin_scan_writable_regions(bool (*fn)(const ffipin_region_t *r, void *arg),
                                  void *arg) FFIPIN_INTERNAL;

/* Calls fn(addr, word, arg) for each aligned word of [lo, hi) whose value
 * lies in [vlo, vhi); fn returns false to stop. Words in the scanner's own
 * buffer are never passed. Returns the bytes read. */
typedef bool (*ffipin_scan_fn)(uintptr_t addr, uintptr_t word, void *arg);
size_t ffipin_scan_words(uintptr_t lo, uintptr_t hi, uintptr_t vlo, uintptr_t vhi,
                         ffipin_scan_fn fn, void *arg) FFIPIN_INTERNAL;

/* For fork: the scanner's buffer lock, and the lock of its walk of
 * /proc/self/maps (held while the walk's callback scans). */
void ffipin_scan_lock(void) FFIPIN_INTERNAL;
void ffipin_scan_unlock(void) FFIPIN_INTERNAL;
void ffipin_scan_maps_lock(void) FFIPIN_INTERNAL;
void ffipin_scan_maps_unlock(void) FFIPIN_INTERNAL;

#endif
