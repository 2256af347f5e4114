/* The application's native methods are called through a trampoline of the
 * agent (NativeMethodBind gives each one a small stub), so that the agent
 * sees each one return and can tell when it returned with a critical region
 * still open (invalid-call): JVMTI has no event for a native method's
 * return that does not put the thread in interpreted mode (MethodExit), and
 * NotifyFramePop refuses native frames. The JDK's own native methods
 * (classes of the boot loader) are left as they are. */
#ifndef FFIPIN_JNI_NATIVES_H
#define FFIPIN_JNI_NATIVES_H

#include <jvmti.h>

#include "base/ffipin_common.h"

/* The NativeMethodBind event handler. */
void JNICALL ffipin_jni_natives_bind(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jmethodID method,
                                     void *address, void **new_address) FFIPIN_INTERNAL;

/* Called by the trampoline (ffipin_jni_natives.c): before the native method,
 * with the stub's record, the return address into the JVM that the
 * trampoline took off the stack, and the stack pointer without it; after
 * it, with the same stack pointer, returning that return address. */
void ffipin_jni_native_enter(const void *record, uintptr_t return_pc, uintptr_t sp) FFIPIN_INTERNAL;
uintptr_t ffipin_jni_native_exit(uintptr_t sp) FFIPIN_INTERNAL;

#endif
