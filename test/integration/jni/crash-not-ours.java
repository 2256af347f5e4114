// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Crash.java
// RUN: not %java_ffipin -XX:ErrorFile=%t/hs_err.log -Djava.library.path=%t -cp %t Crash 2>&1 | FileCheck %s --implicit-check-not=FFIPinSanitizer
// RUN: FileCheck %s --check-prefix=HS-ERR < %t/hs_err.log

// Intent: a real crash in native code (a NULL dereference, not on a guarded
// copy) with the agent's handler in front goes to the JVM's handler as it
// would without the agent: the JVM writes its fatal error report and the
// hs_err file, naming the native frame, and the sanitizer reports nothing.

// CHECK: {{^}}lent 3{{$}}
// CHECK: A fatal error has been detected by the Java Runtime Environment
// CHECK: SIGSEGV (0xb) at pc=
// CHECK: Problematic frame:
// CHECK-NEXT: libnative.so+0x{{[0-9a-f]+}}{{.*}}Java_Crash_crash

// HS-ERR: Problematic frame:
// HS-ERR-NEXT: libnative.so+0x{{[0-9a-f]+}}{{.*}}Java_Crash_crash

//--- Crash.java
public class Crash {
  static native int sum(int[] a);
  static native int crash(int[] where);
  public static void main(String[] args) {
    System.loadLibrary("native");
    System.out.println("lent " + sum(new int[] {1, 2}));
    crash(null);
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_Crash_sum(JNIEnv *env, jclass cls, jintArray a) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  jint s = p[0] + p[1];
  (*env)->ReleaseIntArrayElements(env, a, p, JNI_ABORT);
  return s;
}

JNIEXPORT jint JNICALL Java_Crash_crash(JNIEnv *env, jclass cls, jintArray where) {
  volatile jint *null = (volatile jint *)where; /* the reference itself, NULL */
  return *null;
}
