// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Pending.java
// RUN: %java_ffipin -Xcheck:jni -XX:+AllowUserSignalHandlers -Djava.library.path=%t -cp %t Pending 2>&1 | FileCheck %s

// Intent: the JNI specification lets native code release arrays and strings
// with an exception pending (after a Java call that threw). The agent's own
// JNI calls in the release (the array check, the copy back) must neither
// lose that exception nor make -Xcheck:jni warn; the release still copies
// back, and Java catches the very exception that was thrown.

// CHECK-NOT: {{FFIPinSanitizer|WARNING|Warning}}
// CHECK: {{^}}caught java.lang.IllegalStateException: from Java, a[0] = 9{{$}}

//--- Pending.java
public class Pending {
  static native void callThenRelease(int[] a, String s);
  static void fail() { throw new IllegalStateException("from Java"); }
  public static void main(String[] args) {
    System.loadLibrary("native");
    int[] a = {1};
    try {
      callThenRelease(a, "text");
    } catch (IllegalStateException e) {
      System.out.println("caught " + e + ", a[0] = " + a[0]);
    }
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT void JNICALL Java_Pending_callThenRelease(JNIEnv *env, jclass cls, jintArray a, jstring s) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  p[0] = 9;
  (*env)->CallStaticVoidMethod(env, cls, (*env)->GetStaticMethodID(env, cls, "fail", "()V"));
  /* An exception is pending: releasing is still allowed. */
  (*env)->ReleaseStringUTFChars(env, s, utf);
  (*env)->ReleaseIntArrayElements(env, a, p, 0);
}
