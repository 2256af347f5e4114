/* The fuzz harness's model of what the runtime must hold and report
 * (interface_fuzzer.c drives both). Built without the pass: it keeps
 * pointers into the pool as plain numbers in its own memory. Each model_*
 * call says what the harness is about to do (or has just done, for calls
 * whose result the model needs); model_check then compares the reports
 * the runtime made with the ones the model expects, allowing for the
 * runtime's deduplication (one report per kind and store stack). */
#ifndef FFIPIN_FUZZ_INTERFACE_MODEL_H
#define FFIPIN_FUZZ_INTERFACE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  STORE_FNS = 8,     /* store functions */
  STORE_DEPTHS = 16, /* call depths they store from */
  /* Store stacks: function * STORE_DEPTHS + depth. Other stacks a report
   * can be keyed by: */
  ORIGIN_COPY = STORE_FNS * STORE_DEPTHS, /* the harness's memcpy */
  ORIGIN_UNPIN,
  ORIGIN_CALL_END,
  ORIGIN_BORROW,
  ORIGIN_UNREGISTER,
  ORIGINS,
};

/* The managed heap is [heap, heap2) ("fuzz"); [heap2, end) is a second one
 * ("fuzz2") that the input registers and unregisters. */
void model_init(uintptr_t heap, uintptr_t heap2, uintptr_t end);
void model_begin_input(void);

void model_pin(uintptr_t base, size_t size);
void model_unpin(uintptr_t base);
/* An instrumented store of value (a pointer into the pool) into slot. */
void model_store(uintptr_t slot, uintptr_t value, int origin);
/* A write the runtime does not see (NULL). */
void model_write(uintptr_t slot, uintptr_t value);
/* A new slot (fresh memory holding zero), or the end of one. */
void model_slot_born(uintptr_t slot);
/* free of the block [lo, lo+usable). */
void model_free(uintptr_t lo, size_t usable);
/* realloc of the block p (usable size old_size) to n bytes returned q. */
void model_realloc(uintptr_t p, size_t old_size, uintptr_t q, size_t n);
/* memcpy of n bytes (no overlap). */
void model_memcpy(uintptr_t dst, uintptr_t src, size_t n);
void model_call_begin(void);
void model_call_end(void);
void model_borrow(uintptr_t base, size_t size);
void model_object_freed(uintptr_t base, size_t size);
void model_object_moved(uintptr_t from, uintptr_t to, size_t size);
void model_register_heap2(void);
void model_unregister_heap2(void);
/* The count __ffipin_held_count must return. */
size_t model_held_count(uintptr_t base, size_t size);
int model_depth(void);
bool model_heap2_registered(void);
/* The base of a pin the model still counts (false if none). */
bool model_some_pin(uintptr_t *base);

/* The error-report callback. */
void model_on_report(const char *text);
/* After each operation: the reports made are the ones due; else the model
 * prints both and aborts (libFuzzer keeps the input). */
void model_check(const char *op, long got, long want);

#endif
