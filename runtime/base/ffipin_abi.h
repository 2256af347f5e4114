/* The contract between the instrumentation pass and the runtime, included by
 * the C runtime and by the C++ pass so that names, layouts and memory orders
 * live once. Each language adds its own entry points in its folder
 * (bindings/go/runtime/ffipin_go_abi.h). Internal to the project: it may change in
 * any release (the pass and the runtime always ship together). */
#ifndef FFIPIN_ABI_H
#define FFIPIN_ABI_H

#include <stdint.h>

/* The fast path's bounds of foreign memory: [lo, lo+size) contains every
 * address that can be foreign right now (registered heaps, pinned and
 * borrowed ranges). The inline store check is `value - lo < size` (unsigned);
 * size == 0 means nothing is foreign. `held` counts the tracked held slots
 * (0: none), for the memcpy check.
 *
 * The bounds only grow. The runtime stores size, then lo with release order.
 * The pass loads lo, computes value - lo, and loads size after a
 * single-thread acquire fence; both loads are unordered atomics. So a
 * reader that sees a new lo sees at least the matching size, and a reader
 * that sees the old lo sees the old or a larger size: every pair a reader
 * can get covers the bounds as they were before the update. The fence keeps
 * the compiler from loading size first; x86-64 keeps loads in order in
 * hardware (the wrapper refuses other targets), as the kernel's smp_rmb()
 * on x86 is only a compiler barrier. Unordered loads are not a data race in
 * LLVM's memory model, and x86 folds them into the sub and the cmp, so the
 * check stays `mov; sub [lo]; cmp [size]; jb` with no fence instruction:
 * an acquire load of lo would not fold (one more instruction and register
 * per check, +1.8% instructions on speedtest1); the fence costs +0.9% there,
 * in the register allocation of one giant function (sqlite3VdbeExec). */
typedef struct ffipin_bounds {
  uint64_t lo;
  uint64_t size;
  uint64_t held;
} ffipin_bounds_t;

/* Field indices, for the pass's struct GEPs. */
enum ffipin_bounds_field {
  FFIPIN_BOUNDS_LO = 0,
  FFIPIN_BOUNDS_SIZE = 1,
  FFIPIN_BOUNDS_HELD = 2,
  FFIPIN_BOUNDS_FIELDS = 3,
};

#define FFIPIN_ABI_BOUNDS "__ffipin_foreign_bounds"

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
 * memmove whose source lies in the bounds (the bytes may come from foreign
 * memory) or while any slot is held (the source may contain held slots,
 * whose tracking then follows the bytes). */
#define FFIPIN_ABI_MEMCPY "__ffipin_memcpy"

/* Module flag that marks a module as instrumented (no double instrumentation
 * when the compile step and an LTO link step both run the pass). */
#define FFIPIN_ABI_MODULE_FLAG "ffipin.instrumented"

#endif
