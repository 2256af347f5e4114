/* The contract between the instrumentation pass and the runtime.
 * Included by the C runtime and by the C++ pass, so the names live once.
 * Internal to the project: may change in any release (the pass and the
 * runtime are always shipped together). */
#ifndef FFIPIN_ABI_H
#define FFIPIN_ABI_H

/* struct { uint64_t lo, size, held; } — [lo, lo+size) bounds all memory
 * that can be foreign right now (registered heaps, pinned and borrowed
 * ranges); the inline store check is `(uint64_t)value - lo < size`, and
 * size == 0 means nothing is foreign. The range only grows: the runtime
 * writes size before lo, so any mix of old and new words a racing reader
 * sees covers the old range. held is the number of tracked held slots (an
 * approximate count; 0 means none). */
#define FFIPIN_ABI_RANGE "__ffipin_foreign_range"

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
 * memmove whose source lies in the range (the bytes may come from foreign
 * memory) or while any slot is held (the source may contain held slots,
 * whose tracking then follows the bytes). */
#define FFIPIN_ABI_MEMCPY "__ffipin_memcpy"

/* Module flag that marks a module as instrumented (no double instrumentation
 * when the compile step and an LTO link step both run the pass). */
#define FFIPIN_ABI_MODULE_FLAG "ffipin.instrumented"

#endif
