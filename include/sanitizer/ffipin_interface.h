/* FFIPinSanitizer public interface.
 *
 * What a managed runtime's binding (Go, CPython, JNI, a GC) calls to tell the
 * sanitizer which memory it owns and when it lends pointers into it to C.
 * Every function is thread-safe; sizes are in bytes. Programs built with
 * `ffipin-cc -fsanitize=ffi-pin` get the runtime linked in; other programs can
 * test for it with `__ffipin_is_foreign != 0` after declaring these weak. */
#ifndef SANITIZER_FFIPIN_INTERFACE_H
#define SANITIZER_FFIPIN_INTERFACE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Foreign heaps: memory the managed runtime owns (Go arenas, a Boehm heap).
 * A C-resident slot holding a pointer into a registered heap is only allowed
 * while the pointee is pinned. `name` is kept by pointer: pass a literal. */
void __ffipin_heap_register(const void *begin, size_t size, const char *name);
void __ffipin_heap_unregister(const void *begin, size_t size);

/* Explicit pins. Pins of one base nest; the range is pinned while its count
 * is above zero. An unpin that drops the count to zero while C memory still
 * holds a pointer into [base, base+size) is reported as pin-outlived. */
void __ffipin_pin(const void *base, size_t size);
void __ffipin_unpin(const void *base);

/* Call scopes: one per foreign call (a cgo call, a Python method call), per
 * thread, nestable. Ranges borrowed inside a scope are lent until it ends. */
void __ffipin_call_begin(void);
void __ffipin_call_end(void);
void __ffipin_borrow(const void *base, size_t size);

/* Collector events for objects C may still hold. */
void __ffipin_object_freed(const void *base, size_t size);
void __ffipin_object_moved(const void *from, const void *to, size_t size);

/* Guarded lends, for a runtime whose API lets C work on a copy (as JNI's
 * arrays and strings and CPython's buffers do; the bindings in this project
 * use them). lend_copy returns what C should be given instead of base: a
 * copy in the sanitizer's own pages, its end against an inaccessible page
 * (a write past the end is lend-overflow), pinned like any lend; or base
 * itself (pinned) when guard_lends=0 or no copy can be made. lend_release
 * ends it: FFIPIN_LEND_END copies a writable copy's bytes back and ends the
 * lend, FFIPIN_LEND_COMMIT copies back and keeps it, FFIPIN_LEND_ABORT ends
 * it without copying (the values of JNI's 0, JNI_COMMIT and JNI_ABORT). An
 * ended copy's pages stay inaccessible: a later access is use-after-unpin,
 * with the access, lend and release stacks. */
enum { FFIPIN_LEND_END = 0, FFIPIN_LEND_COMMIT = 1, FFIPIN_LEND_ABORT = 2 };
void *__ffipin_lend_copy(const void *base, size_t size, int writable);
void __ffipin_lend_release(void *lent, int mode);

/* Queries, for tests and tools. held_count re-reads every tracked slot that
 * points into the range. Called while the runtime is busy on the same
 * thread (from a signal handler that interrupted it, or from the error-report
 * callback), they answer 0; the other functions are then kept and run, in
 * order, as soon as the runtime is free on that thread. */
size_t __ffipin_held_count(const void *base, size_t size);
int __ffipin_is_foreign(const void *p);

/* Called with the full text of each report, after it is written out. */
void __ffipin_set_error_report_callback(void (*cb)(const char *report));

/* A binding's addition to reports: fn writes NUL-terminated text (e.g. the
 * managed stack that made the current foreign call) into buf; it is printed
 * after the store stack of text reports. Called with the report lock held:
 * fn must not call back into the sanitizer. NULL removes it. */
void __ffipin_set_report_extra(void (*fn)(char *buf, size_t size));

/* Define this in the program to set default FFIPIN_OPTIONS (the environment
 * variable is applied after it and wins). */
const char *__ffipin_default_options(void);

#ifdef __cplusplus
}
#endif

/* Marks a function the pass must not instrument (clang's generic
 * "no sanitizer instrumentation at all" attribute). */
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define FFIPIN_NO_INSTRUMENT __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef FFIPIN_NO_INSTRUMENT
#define FFIPIN_NO_INSTRUMENT
#endif

#endif /* SANITIZER_FFIPIN_INTERFACE_H */
