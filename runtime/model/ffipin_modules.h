/* The loaded modules (the executable and shared libraries), as the scan of
 * uninstrumented memory needs them: whether each was built with the pass
 * (it references the runtime's __ffipin_* symbols), its writable segments
 * (.data and .bss, without the part made read-only after relocation), and
 * which module a code address belongs to (for the allocator interceptors:
 * who allocated a block). Read from /proc/self/maps and the modules' ELF
 * headers in memory, with safe reads only. Module ids are stable: an entry
 * is never reused for another module. */
#ifndef FFIPIN_MODULES_H
#define FFIPIN_MODULES_H

#include <stdatomic.h>

#include "base/ffipin_common.h"

enum { FFIPIN_MODULE_SEGMENTS = 4, FFIPIN_MAX_MODULES = 1024 };

typedef struct {
  uintptr_t lo, hi;       /* the module's mapped extent */
  const char *path;       /* as in /proc/self/maps */
  const char *name;       /* its DT_SONAME (libgpgme.so.11), else the path */
  bool instrumented;      /* built with -fsanitize=ffi-pin (or the runtime itself) */
  bool loaded;            /* still mapped at the last refresh */
  bool switches_stacks;   /* holds code a binding's stack switch starts from (it carries
                           * the note the binding named) */
  uintptr_t eh_frame_hdr; /* its PT_GNU_EH_FRAME (model/ffipin_module_frames.h), 0 if none */
  unsigned nsegments;     /* writable segments, [lo, hi) each */
  uintptr_t segments[FFIPIN_MODULE_SEGMENTS][2];
} ffipin_module_t;

/* A binding whose foreign calls switch stacks (diag/ffipin_stack.h) names
 * the ELF note (owner and type) that marks the modules holding the code
 * that switches: such modules are marked switches_stacks from the next
 * refresh on. Modules described before are not marked. */
void ffipin_modules_set_switch_note(const char *owner, uint32_t type) FFIPIN_INTERNAL;
/* Reads /proc/self/maps again and adds the modules loaded since (not from
 * an allocator hook: it reads files). */
void ffipin_modules_refresh(void) FFIPIN_INTERNAL;
/* Refreshes if an address was looked up that no module held, at most once
 * a second (JIT code would otherwise make every scan read the maps). */
void ffipin_modules_refresh_if_stale(void) FFIPIN_INTERNAL;
/* The id (1-based) of the module whose extent holds pc, 0 if none (and the
 * table is then marked stale). Lock-free; callable from allocator hooks. */
unsigned ffipin_modules_find(uintptr_t pc) FFIPIN_INTERNAL;
/* Counts the refreshes: an answer of ffipin_modules_find holds while this
 * stays the same. Read inline: every block a prebuilt library allocates
 * asks. */
extern atomic_uint ffipin_modules_refreshes FFIPIN_INTERNAL;
static inline unsigned ffipin_modules_generation(void) {
  return atomic_load_explicit(&ffipin_modules_refreshes, memory_order_acquire);
}
/* The module with that id, or NULL. The entry stays valid forever. */
const ffipin_module_t *ffipin_modules_get(unsigned id) FFIPIN_INTERNAL;
/* Number of module ids handed out so far (ids are 1..count). */
unsigned ffipin_modules_count(void) FFIPIN_INTERNAL;

void ffipin_modules_lock(void) FFIPIN_INTERNAL;
void ffipin_modules_unlock(void) FFIPIN_INTERNAL;

#endif
