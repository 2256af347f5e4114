/* The contract between the instrumentation pass and the runtime, included by
 * the C runtime and by the C++ pass so that names, layouts and memory orders
 * live once. Each language adds its own entry points in its folder
 * (bindings/go/runtime/ffipin_go_abi.h). Internal to the project: it may change in
 * any release (the pass and the runtime always ship together). */
#ifndef FFIPIN_ABI_H
#define FFIPIN_ABI_H

#include <stdint.h>

/* The fast path's bounds of foreign memory. [lo, hi) contains every address
 * that can be foreign right now (registered heaps, pinned and borrowed
 * ranges); empty, it is [UINT64_MAX, 0) in the runtime and all zero in a
 * shared library's stand-in (FFIPinFallbacks.h). [copy_lo, copy_hi) is
 * [lo, hi) while no slot is held and [0, UINT64_MAX) while any is: a copy
 * needs the runtime when its bytes may come from foreign memory or may
 * carry a held slot, and that is one range.
 *
 * The inline store check is `value < hi && value >= lo`, hi first: when
 * nothing is foreign, or for a pointer above the foreign memory (stacks,
 * mmap'd and PIE heaps lie above Go's arenas), one compare rejects it, and
 * neither compare needs a scratch register. After a memcpy or memmove the
 * check is the same on the source against copy_hi and copy_lo.
 *
 * The protocol: the runtime writes each word on its own with an atomic
 * store, under a lock, so that updates come one after another; the pass
 * reads each word with an unordered atomic load (not a data race in LLVM's
 * memory model, and x86 folds it into the compare), in no particular order
 * and with no fence. A reader whose loads straddle updates combines a hi
 * from one state with a lo from another, and such a mix covers every
 * address that all the states in between cover. lo only shrinks and hi only
 * grows, so for [lo, hi) that is the bounds as they were at the reader's
 * first load: a value foreign then is never missed. Every state's copy
 * bounds contain its [lo, hi), so a copy's mix covers the same, and all of
 * memory when a slot stayed held across the loads; only a copy racing with
 * the forgetting of the last held slot may miss it, and such a copy is not
 * ordered with the forgetting either way. The runtime's own readers
 * (ffipin_bounds_may_contain) follow the same protocol. */
typedef struct ffipin_bounds {
  uint64_t lo;
  uint64_t hi;
  uint64_t copy_lo;
  uint64_t copy_hi;
} ffipin_bounds_t;

/* Field indices, for the pass's struct GEPs. */
enum ffipin_bounds_field {
  FFIPIN_BOUNDS_LO = 0,
  FFIPIN_BOUNDS_HI = 1,
  FFIPIN_BOUNDS_COPY_LO = 2,
  FFIPIN_BOUNDS_COPY_HI = 3,
  FFIPIN_BOUNDS_FIELDS = 4,
};

#define FFIPIN_ABI_BOUNDS "__ffipin_foreign_bounds"

/* Set (not "0") in the compiler's environment, the pass defines no weak
 * stand-ins of the bounds and callbacks in shared-library code
 * (instrumentation/pass/FFIPinFallbacks.h); ffipin-go's compiler shims set
 * it. */
#define FFIPIN_ABI_NO_FALLBACKS_ENV "FFIPIN_NO_FALLBACKS"

/* The three entry points below are called from the inline checks' cold
 * blocks with LLVM's preserve_most convention: they keep every general
 * register but r11, so a check's call leaves the caller's register
 * allocation as it would be without it (no callee-saved registers pushed in
 * the prologue of every function that stores a pointer). The pass declares
 * them nonlazybind (called through the GOT from shared objects): a lazy PLT
 * resolver would clobber r10. A shared library's weak stand-ins
 * (FFIPinFallbacks.h) have the same convention. */
#if !defined(__cplusplus)
#if !__has_attribute(preserve_most)
#error "the runtime's entry points need __attribute__((preserve_most)) (clang)"
#endif
#define FFIPIN_ABI_ENTRY __attribute__((preserve_most))
#endif

/* void (void *slot, uintptr_t value): a pointer-sized value that passed the
 * fast-path check was just stored at slot (called after the store). */
#define FFIPIN_ABI_STORE "__ffipin_store"

/* void (void *slot, uintptr_t value): the same for a pointer-sized integer
 * that was copied from memory (at -O2 a `struct { void *p; }` copy is an
 * i64 load and store). It may be a pointer or plain data that happens to
 * look like one, so the runtime tracks it but never reports it on its own
 * (no unpinned-store from a guess). */
#define FFIPIN_ABI_STORE_INT_COPY "__ffipin_store_int_copy"

/* void (void *dst, const void *src, size_t n): called after a memcpy or
 * memmove whose source lies in [copy_lo, copy_hi): in the bounds (the bytes
 * may come from foreign memory) or anywhere while any slot is held (the
 * source may contain held slots, whose tracking then follows the bytes). */
#define FFIPIN_ABI_MEMCPY "__ffipin_memcpy"

/* Module flag that marks a module as instrumented (no double instrumentation
 * when the compile step and an LTO link step both run the pass). */
#define FFIPIN_ABI_MODULE_FLAG "ffipin.instrumented"

#endif
