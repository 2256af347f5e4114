/* The agent's per-thread state: the critical regions a thread has open (as
 * native code sees them: the JVM's own region lasts only while a copy is
 * made) and the native methods it is running (ffipin_jni_natives.c), and
 * the check every JNI call makes against an open critical region. */
#ifndef FFIPIN_JNI_THREAD_H
#define FFIPIN_JNI_THREAD_H

#include "base/ffipin_common.h"
#include "diag/ffipin_stack.h"

enum {
  FFIPIN_JNI_MAX_CRITICAL = 64,        /* nested critical regions per thread */
  FFIPIN_JNI_MAX_NATIVE_DEPTH = 16384, /* nested native method calls per thread */
};

/* A native method being run: what the call trampoline took off the stack
 * (the return address into the JVM) and what it must check at the return. */
typedef struct {
  uintptr_t return_pc;
  uintptr_t sp;       /* the stack pointer the native method was entered with */
  const void *method; /* the trampoline's record of the native method */
  unsigned critical_at_entry;
} ffipin_jni_native_frame_t;

typedef struct {
  uintptr_t copy;       /* what the get returned */
  const char *function; /* GetPrimitiveArrayCritical or GetStringCritical */
} ffipin_jni_critical_t;

typedef struct {
  ffipin_jni_critical_t critical[FFIPIN_JNI_MAX_CRITICAL]; /* open regions, innermost last */
  unsigned native_depth;
  ffipin_jni_native_frame_t native[FFIPIN_JNI_MAX_NATIVE_DEPTH];
} ffipin_jni_thread_t;

/* Open critical regions of this thread (0 almost always); read by the
 * table's trampolines on every JNI call, so it is a TLS word of its own. */
extern FFIPIN_TLS unsigned ffipin_jni_critical_depth FFIPIN_INTERNAL;

/* This thread's state, mapped at first use and unmapped at thread exit. */
ffipin_jni_thread_t *ffipin_jni_thread(void) FFIPIN_INTERNAL;
/* Creates the key that frees a thread's state at its exit (at Agent_OnLoad). */
void ffipin_jni_thread_init(void) FFIPIN_INTERNAL;

/* A critical region was opened (copy: what the get returned) or closed. */
void ffipin_jni_critical_enter(uintptr_t copy, const char *function) FFIPIN_INTERNAL;
void ffipin_jni_critical_leave(uintptr_t copy) FFIPIN_INTERNAL;

/* invalid-call if this thread has a critical region open: `function` is the
 * JNI function called (pc, bp: its caller, as the entry points take them). */
void ffipin_jni_check_not_in_critical(const char *function, uintptr_t pc,
                                      uintptr_t bp) FFIPIN_INTERNAL;

#endif
