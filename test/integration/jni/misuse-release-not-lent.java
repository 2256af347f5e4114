// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/NotLent.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t NotLent 2>&1 | FileCheck %s
// RUN: %java -agentpath:%ffipin_jni_agent=halt_on_error=0 -Djava.library.path=%t -cp %t NotLent 2>&1 | FileCheck %s --check-prefix=GOES-ON

// Intent: releasing a pointer no get returned (here a C buffer) is
// bad-unpin naming the release; it is not passed to the JVM, so with
// halt_on_error=0 (given in the agent's option string) the program goes on.

// CHECK: ERROR: FFIPinSanitizer: bad-unpin on address 0x{{[0-9a-f]+}}
// CHECK-NEXT: unpin of 0x{{[0-9a-f]+}}, which is not pinned
// CHECK-NEXT: {{^}}ReleaseIntArrayElements called by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_NotLent_releaseOwn .*native.c:5:}}
// CHECK-NOT: lent by
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: bad-unpin {{.*}}native.c:5:{{[0-9]+}} in Java_NotLent_releaseOwn{{$}}

// GOES-ON: ERROR: FFIPinSanitizer: bad-unpin
// GOES-ON: {{^}}returned 7{{$}}

//--- NotLent.java
public class NotLent {
  static native int releaseOwn(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    int[] a = {7};
    releaseOwn(a);
    System.out.println("returned " + a[0]);
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_NotLent_releaseOwn(JNIEnv *env, jclass cls, jintArray a) {
  jint mine[1] = {99};
  (*env)->ReleaseIntArrayElements(env, a, mine, 0);
  return mine[0];
}
