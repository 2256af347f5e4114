/* Attributes shared by every runtime file. Addresses are uintptr_t. */
#ifndef FFIPIN_COMMON_H
#define FFIPIN_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every function of the runtime lives in one section, so a report can tell
 * the runtime's own frames by address (symbolized or not) and never show
 * them (diag/ffipin_frames.c; the linker defines __start_/__stop_ffipin_text
 * around it). test/runtime/runtime-undefined-symbols.test checks that no
 * runtime code is left in .text. */
#ifdef __clang__
#pragma clang section text = "ffipin_text"
#endif

#define FFIPIN_EXPORT __attribute__((visibility("default")))
#define FFIPIN_INTERNAL __attribute__((visibility("hidden")))
#define FFIPIN_NOINLINE __attribute__((noinline))
#define FFIPIN_ALWAYS_INLINE inline __attribute__((always_inline))
#define FFIPIN_LIKELY(x) __builtin_expect(!!(x), 1)
#define FFIPIN_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* Initial-exec TLS: no __tls_get_addr (which may malloc) on any access. */
#define FFIPIN_TLS __thread __attribute__((tls_model("initial-exec")))

/* The caller's pc and this frame's frame pointer, for the unwinder. Only
 * meaningful in the exported entry points (which are never inlined). */
#define FFIPIN_CALLER_PC ((uintptr_t)__builtin_return_address(0))
#define FFIPIN_FRAME ((uintptr_t)__builtin_frame_address(0))

#endif
