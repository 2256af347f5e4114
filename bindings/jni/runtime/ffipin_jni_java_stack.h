/* The Java side of reports: the Java frames of the reporting thread,
 * symbolized through JVMTI to class.method(File.java:line), added to every
 * text report made on a thread attached to the JVM (after its first stack,
 * as the Go binding adds the Go stack of a cgo call). */
#ifndef FFIPIN_JNI_JAVA_STACK_H
#define FFIPIN_JNI_JAVA_STACK_H

#include <jvmti.h>

#include "base/ffipin_common.h"
#include "base/ffipin_format.h"

/* Adds the Java frames to reports from now on (VMInit). */
void ffipin_jni_java_stack_start(JavaVM *vm, jvmtiEnv *jvmti) FFIPIN_INTERNAL;

/* Appends "pkg.Class.method" for method (or "?" if JVMTI cannot say). */
void ffipin_jni_java_method_name(ffipin_buf_t *b, jmethodID method) FFIPIN_INTERNAL;

#endif
