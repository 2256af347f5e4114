// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O0 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/UseAfterRelease.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t UseAfterRelease 2>&1 | FileCheck %s
// RUN: %java -Djava.library.path=%t -cp %t UseAfterRelease 2>&1 | FileCheck %s --check-prefix=PLAIN

// Intent: CheckJNI's forcecopy case. A native method (plain clang, no
// pass) releases an int[] and then reads it: under the agent the read
// faults on the released guarded copy and is reported as use-after-unpin
// naming the native line, the Java caller (class.method(File:line)), the
// get and the release; without the agent it goes unnoticed.

// CHECK: {{^}}calling{{$}}
// CHECK-NEXT: {{^=+$}}
// CHECK-NEXT: ERROR: FFIPinSanitizer: use-after-unpin on address 0x[[#%x,COPY:]] at pc
// CHECK-NEXT: {{^}}0x{{0*}}[[#%x,COPY]] is 4 bytes inside of the 12-byte guarded copy
// CHECK-NEXT: {{^}}READ of lent memory by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in read_second .*native.c:5:}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in Java_UseAfterRelease_sumAfterRelease .*native.c:12:}}
// CHECK: {{^}}Java frames of thread T0 when the report was made:{{$}}
// CHECK-NEXT: {{^    #0 UseAfterRelease.sumAfterRelease\(Native Method\)$}}
// CHECK-NEXT: {{^    #1 UseAfterRelease.main\(UseAfterRelease.java:6\)$}}
// CHECK-NEXT: {{^}}lent by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_UseAfterRelease_sumAfterRelease .*native.c:9:}}
// CHECK: {{^}}released by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_UseAfterRelease_sumAfterRelease .*native.c:11:}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: use-after-unpin {{.*}}native.c:5:{{[0-9]+}} in read_second{{$}}
// CHECK-NEXT: ==ABORTING

// PLAIN: {{^}}calling{{$}}
// PLAIN-NEXT: {{^}}returned{{$}}

//--- UseAfterRelease.java
public class UseAfterRelease {
  static native int sumAfterRelease(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    System.out.println("calling");
    int sum = sumAfterRelease(new int[] {1, 2, 3});
    System.out.println("returned");
    System.exit(sum == -1 ? 3 : 0);
  }
}

//--- native.c
#include <jni.h>

/* Not inlined, so that the report names the reading function. */
__attribute__((noinline)) static jint read_second(const volatile jint *p) {
  return p[1];
}

JNIEXPORT jint JNICALL Java_UseAfterRelease_sumAfterRelease(JNIEnv *env, jclass cls, jintArray a) {
  jint *elems = (*env)->GetIntArrayElements(env, a, NULL);
  jint first = elems[0];
  (*env)->ReleaseIntArrayElements(env, a, elems, 0);
  return first + read_second(elems); /* the copy is gone */
}
