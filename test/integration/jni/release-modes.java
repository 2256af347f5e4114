// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Modes.java
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Modes 2>&1 | FileCheck %s
// RUN: %java -Djava.library.path=%t -cp %t Modes 2>&1 | FileCheck %s
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Modes write-after-abort 2>&1 | FileCheck %s --check-prefix=STALE

// Intent: each release mode of Release<Type>ArrayElements, as without the
// agent: 0 copies back and ends the lend, JNI_COMMIT copies back and keeps
// the copy usable (a later write and read are no report), JNI_ABORT ends it
// without copying back; and an ended copy is gone: a write after JNI_ABORT
// is use-after-unpin (WRITE).

// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^}}mode 0: 10{{$}}
// CHECK-NEXT: {{^}}JNI_COMMIT then JNI_ABORT: 20 (the copy still read 30){{$}}
// CHECK-NEXT: {{^}}JNI_ABORT: 1{{$}}

// STALE: ERROR: FFIPinSanitizer: use-after-unpin on address
// STALE: {{^}}WRITE of lent memory by thread T0:{{$}}
// STALE-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Modes_writeAfterAbort .*native.c:28:}}
// STALE: {{^}}released by thread T0 here:{{$}}
// STALE-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Modes_writeAfterAbort .*native.c:27:}}

//--- Modes.java
public class Modes {
  static native void modeZero(int[] a);
  static native int commitThenAbort(int[] a);
  static native void abort(int[] a);
  static native void writeAfterAbort(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    if (args.length > 0) { writeAfterAbort(new int[] {1}); return; }
    int[] a = {1, 2};
    modeZero(a);
    System.out.println("mode 0: " + a[0]);
    int[] b = {1, 2};
    int seen = commitThenAbort(b);
    System.out.println("JNI_COMMIT then JNI_ABORT: " + b[0] + " (the copy still read " + seen + ")");
    int[] c = {1, 2};
    abort(c);
    System.out.println("JNI_ABORT: " + c[0]);
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT void JNICALL Java_Modes_modeZero(JNIEnv *env, jclass cls, jintArray a) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  p[0] = 10;
  (*env)->ReleaseIntArrayElements(env, a, p, 0);
}

JNIEXPORT jint JNICALL Java_Modes_commitThenAbort(JNIEnv *env, jclass cls, jintArray a) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  p[0] = 20;
  (*env)->ReleaseIntArrayElements(env, a, p, JNI_COMMIT);
  p[0] = 30; /* still lent: neither a report nor seen by Java */
  jint seen = p[0];
  (*env)->ReleaseIntArrayElements(env, a, p, JNI_ABORT);
  return seen;
}

JNIEXPORT void JNICALL Java_Modes_abort(JNIEnv *env, jclass cls, jintArray a) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  p[0] = 40;
  (*env)->ReleaseIntArrayElements(env, a, p, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_Modes_writeAfterAbort(JNIEnv *env, jclass cls, jintArray a) {
  volatile jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  (*env)->ReleaseIntArrayElements(env, a, (jint *)p, JNI_ABORT);
  p[0] = 50;
}
