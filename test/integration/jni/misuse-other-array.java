// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Other.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Other array 2>&1 | FileCheck %s --check-prefix=ARRAY
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Other function 2>&1 | FileCheck %s --check-prefix=FUNCTION
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Other 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %env_ffipin_opts=halt_on_error=0 %java_ffipin -Djava.library.path=%t -cp %t Other mode 2>&1 | FileCheck %s --check-prefix=MODE

// Intent: a release must name the array it was lent from and be the get's
// own release function: another array, or ReleaseFloatArrayElements for
// what GetIntArrayElements lent, is invalid-call with the get's stack; the
// right array and function are clean. A mode that is none of 0, JNI_COMMIT
// and JNI_ABORT is invalid-call too, and taken as 0 (copied back).

// ARRAY: ERROR: FFIPinSanitizer: invalid-call on address 0x{{[0-9a-f]+}}
// ARRAY-NEXT: {{^}}ReleaseIntArrayElements of 0x{{[0-9a-f]+}}, which GetIntArrayElements lent, but with another array or string than the one it was lent from{{$}}
// ARRAY-NEXT: {{^}}called by thread T0 here:{{$}}
// ARRAY-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Other_release .*native.c:8:}}
// ARRAY: {{^}}lent by thread T0 here:{{$}}
// ARRAY-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Other_release .*native.c:5:}}

// FUNCTION: ERROR: FFIPinSanitizer: invalid-call on address 0x{{[0-9a-f]+}}
// FUNCTION-NEXT: {{^}}ReleaseFloatArrayElements of 0x{{[0-9a-f]+}}, which GetIntArrayElements lent, and only its own release function may end it{{$}}
// FUNCTION-NEXT: {{^}}called by thread T0 here:{{$}}
// FUNCTION-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Other_release .*native.c:7:}}

// SAME-NOT: FFIPinSanitizer
// SAME: {{^}}released 5{{$}}

// MODE: {{^}}ReleaseIntArrayElements with mode 7, which is none of 0, JNI_COMMIT and JNI_ABORT (taken as 0){{$}}
// MODE: {{^}}released 5{{$}}

//--- Other.java
public class Other {
  static native void release(int[] lent, int[] other, int how);
  public static void main(String[] args) {
    System.loadLibrary("native");
    int[] a = {1}, b = {2};
    int how = args.length == 0 ? 0 : args[0].equals("array") ? 1 : args[0].equals("function") ? 2 : 3;
    release(a, b, how);
    System.out.println("released " + a[0]);
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT void JNICALL Java_Other_release(JNIEnv *env, jclass cls, jintArray lent, jintArray other,
                                          jint how) {
  jint *p = (*env)->GetIntArrayElements(env, lent, NULL);
  p[0] = 5;
  if (how == 2) (*env)->ReleaseFloatArrayElements(env, lent, (jfloat *)p, 0);
  else (*env)->ReleaseIntArrayElements(env, how == 1 ? other : lent, p, how == 3 ? 7 : 0);
}
