// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/InCritical.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t InCritical 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=halt_on_error=0 %java_ffipin -Djava.library.path=%t -cp %t InCritical 2>&1 | FileCheck %s --check-prefix=ALL

// Intent: a JNI call between GetPrimitiveArrayCritical and its release is
// invalid-call naming the function, the call and where the region was
// opened (the innermost region): one through the table's trampolines (GetArrayLength, variadic
// CallStaticIntMethod, whose arguments still reach the JVM intact) and one
// through a lending wrapper (GetStringUTFChars); the critical functions
// themselves may nest. With halt_on_error=0 the calls work and the method
// returns the right value.

// CHECK: ERROR: FFIPinSanitizer: invalid-call on address 0x{{[0-9a-f]+}}
// CHECK-NEXT: {{^}}JNI function GetArrayLength called inside a critical region: GetStringCritical lent 0x{{[0-9a-f]+}} and it is not released yet
// CHECK-NEXT: {{^}}called by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_InCritical_misuse .*native.c:9:}}
// CHECK: {{^}}critical region opened by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_InCritical_misuse .*native.c:8:}}

// ALL-NOT: JNI function GetStringCritical
// ALL: JNI function GetArrayLength called inside a critical region
// ALL: JNI function CallStaticIntMethod called inside a critical region
// ALL: JNI function GetStringUTFChars called inside a critical region
// ALL: {{^}}result 3 + 42 + 5{{$}}

//--- InCritical.java
public class InCritical {
  static native String misuse(int[] a, String s);
  static int answer(int x, double y) { return x + (int) y; }
  public static void main(String[] args) {
    System.loadLibrary("native");
    System.out.println("result " + misuse(new int[] {1, 2, 3}, "hello"));
  }
}

//--- native.c
#include <jni.h>
#include <stdio.h>
#include <string.h>

JNIEXPORT jstring JNICALL Java_InCritical_misuse(JNIEnv *env, jclass cls, jintArray a, jstring s) {
  char buf[64];
  jint *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  const jchar *chars = (*env)->GetStringCritical(env, s, NULL); /* allowed */
  jsize n = (*env)->GetArrayLength(env, a);                     /* not allowed */
  jmethodID m = (*env)->GetStaticMethodID(env, cls, "answer", "(ID)I");
  jint answer = (*env)->CallStaticIntMethod(env, cls, m, 40, 2.5);
  const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  int len = (int)strlen(utf);
  (*env)->ReleaseStringUTFChars(env, s, utf);
  (*env)->ReleaseStringCritical(env, s, chars);
  snprintf(buf, sizeof buf, "%d + %d + %d", (int)n, (int)answer, len);
  (*env)->ReleasePrimitiveArrayCritical(env, a, p, 0);
  return (*env)->NewStringUTF(env, buf);
}
