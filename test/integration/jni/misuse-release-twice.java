// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Twice.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Twice 2>&1 | FileCheck %s

// Intent: releasing a lend twice is bad-unpin, with the second release, the
// get and the first release; the second release is not passed to the JVM
// (whose own release would free its copy twice).

// CHECK: ERROR: FFIPinSanitizer: bad-unpin on address 0x{{[0-9a-f]+}}
// CHECK-NEXT: unpin of 0x{{[0-9a-f]+}}, which is not pinned
// CHECK-NEXT: {{^}}ReleaseLongArrayElements (again) called by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Twice_releaseTwice .*native.c:6:}}
// CHECK: {{^}}Java frames of thread T0 when the report was made:{{$}}
// CHECK-NEXT: {{^    #0 Twice.releaseTwice\(Native Method\)$}}
// CHECK: {{^}}lent by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Twice_releaseTwice .*native.c:4:}}
// CHECK: {{^}}released by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Twice_releaseTwice .*native.c:5:}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: bad-unpin {{.*}}native.c:6:{{[0-9]+}} in Java_Twice_releaseTwice{{$}}

//--- Twice.java
public class Twice {
  static native void releaseTwice(long[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    releaseTwice(new long[] {1, 2});
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT void JNICALL Java_Twice_releaseTwice(JNIEnv *env, jclass cls, jlongArray a) {
  jlong *p = (*env)->GetLongArrayElements(env, a, NULL);
  (*env)->ReleaseLongArrayElements(env, a, p, 0);
  (*env)->ReleaseLongArrayElements(env, a, p, 0);
}
