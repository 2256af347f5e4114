/* The JNI function table: the one the JVM had (every agent call into the
 * JVM goes through it directly), and ours, installed at VMInit, in which
 * every function first checks that no critical region is open (a
 * signature-agnostic trampoline per slot) and the functions that lend
 * arrays and strings are the wrappers of ffipin_jni_lends.c. */
#ifndef FFIPIN_JNI_TABLE_H
#define FFIPIN_JNI_TABLE_H

#include <jvmti.h>

#include "base/ffipin_common.h"

/* The JVM's table as it was before ours (with -Xcheck:jni, the checked
 * functions). Read-only after ffipin_jni_table_install. */
extern struct JNINativeInterface_ ffipin_jni_real FFIPIN_INTERNAL;

/* Installs our table (VMInit): trampolines in every slot, then fill puts
 * the lending functions' wrappers in theirs. False, after a warning, if
 * JVMTI refuses: then nothing is lent as a guarded copy. */
bool ffipin_jni_table_install(jvmtiEnv *jvmti,
                              void (*fill)(struct JNINativeInterface_ *table)) FFIPIN_INTERNAL;
bool ffipin_jni_table_installed(void) FFIPIN_INTERNAL;

/* Called by a slot's trampoline when the calling thread has a critical
 * region open: slot is the function's index in the table, pc/bp the
 * caller's return address and the trampoline's frame. */
void ffipin_jni_table_call_in_critical(unsigned slot, uintptr_t pc, uintptr_t bp) FFIPIN_INTERNAL;

#endif
