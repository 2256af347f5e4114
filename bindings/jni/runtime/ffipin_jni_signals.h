/* The fault handler and the JVM's own use of SIGSEGV (implicit null checks,
 * safepoint polls, stack banging, SIGFPE for division by zero). HotSpot 17
 * installs its handlers before it loads agents; the runtime's handler is
 * put in front of them at VMInit and before each lend, takes only faults on
 * guarded copies, and calls the JVM's handler, with the same siginfo and
 * context, for every other one, so the JVM resumes, throws or writes its
 * hs_err file as it would alone. The JVM is asked first (its
 * JVM_handle_linux_signal, told not to die), so that its own faults are not
 * taken for crashes: a crash waits for a report in progress, and a report
 * may be waiting in JVMTI for a safepoint whose polls are those faults.
 *
 * -Xcheck:jni checks every 10 ms that the JVM's handlers are still in
 * place, and warns once on stdout ("Warning: SIGSEGV handler modified!",
 * the handlers, "Consider using jsig library."). Its libjsig way out is
 * decided before any agent loads; -XX:+AllowUserSignalHandlers turns the
 * check off (the JVM then relies on handlers in front to chain to it, which
 * ours does). */
#ifndef FFIPIN_JNI_SIGNALS_H
#define FFIPIN_JNI_SIGNALS_H

#include "base/ffipin_common.h"

/* At VMInit: the JVM's handler as the first chance for faults not on
 * guarded copies (jvm_function: any function of libjvm.so), and ours in
 * front. */
void ffipin_jni_signals_start(const void *jvm_function) FFIPIN_INTERNAL;

/* At Agent_OnLoad: with -Xcheck:jni and without -XX:+AllowUserSignalHandlers
 * on the command line (or in JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS,
 * _JAVA_OPTIONS), a warning that says why -Xcheck:jni will complain and
 * what silences it. */
void ffipin_jni_signals_note_check_jni(void) FFIPIN_INTERNAL;

#endif
