// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/LeftOpen.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t LeftOpen 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=halt_on_error=0 %java_ffipin -Djava.library.path=%t -cp %t LeftOpen 2>&1 | FileCheck %s --check-prefix=GOES-ON
// RUN: %java_ffipin -Djava.library.path=%t -cp %t LeftOpen closed 2>&1 | FileCheck %s --check-prefix=CLOSED

// Intent: a native method that returns with a critical region still open
// (without the agent the JVM's GC would stay blocked) is invalid-call when
// it returns, naming the method and where the region was opened. With
// halt_on_error=0 the region is closed: the JNI calls of the next native
// method are not reported as made inside it. A method that closes its
// region is clean.

// CHECK: ERROR: FFIPinSanitizer: invalid-call on address 0x{{[0-9a-f]+}}
// CHECK-NEXT: {{^}}native method LeftOpen.leak returned with a critical region open: GetPrimitiveArrayCritical lent 0x{{[0-9a-f]+}} and it was not released (the JVM would keep its GC blocked){{$}}
// CHECK-NEXT: {{^}}critical region opened by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_LeftOpen_leak .*native.c:4:}}
// CHECK: {{^}}Java frames of thread T0 when the report was made:{{$}}
// CHECK-NEXT: {{^    #0 LeftOpen.leak\(Native Method\)$}}
// CHECK-NEXT: {{^    #1 LeftOpen.main\(LeftOpen.java:6\)$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: invalid-call {{.*}}native.c:4:{{[0-9]+}} in Java_LeftOpen_leak{{$}}

// GOES-ON: native method LeftOpen.leak returned with a critical region open
// GOES-ON-NOT: called inside a critical region
// GOES-ON: {{^}}length 3{{$}}

// CLOSED-NOT: FFIPinSanitizer
// CLOSED: {{^}}length 3{{$}}

//--- LeftOpen.java
public class LeftOpen {
  static native int leak(int[] a, boolean close);
  static native int length(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    leak(new int[] {1, 2, 3}, args.length > 0);
    System.out.println("length " + length(new int[] {1, 2, 3}));
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_LeftOpen_leak(JNIEnv *env, jclass cls, jintArray a, jboolean close) {
  jint *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  jint v = p[0];
  if (close) (*env)->ReleasePrimitiveArrayCritical(env, a, p, JNI_ABORT);
  return v;
}

JNIEXPORT jint JNICALL Java_LeftOpen_length(JNIEnv *env, jclass cls, jintArray a) {
  return (*env)->GetArrayLength(env, a);
}
