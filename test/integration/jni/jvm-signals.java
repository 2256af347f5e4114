// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/JvmSignals.java
// RUN: %java_ffipin -Djava.library.path=%t -cp %t JvmSignals 2>&1 | FileCheck %s
// RUN: %java_ffipin -Xcheck:jni -XX:+AllowUserSignalHandlers -Djava.library.path=%t -cp %t JvmSignals 2>&1 | FileCheck %s --check-prefix=CHECKJNI
// RUN: %java_ffipin -Xcheck:jni -Djava.library.path=%t -cp %t JvmSignals > %t/out 2> %t/err
// RUN: FileCheck %s --check-prefix=NOTE < %t/err
// RUN: FileCheck %s --check-prefix=MODIFIED < %t/out

// Intent: the JVM's own faults keep working under the agent, whose fault
// handler stands in front of the JVM's once arrays are lent: implicit null
// checks in compiled code (NullPointerException), stack banging
// (StackOverflowError), integer division by zero (SIGFPE,
// ArithmeticException) and safepoint polls (the loops run while the GC
// stops the threads) are handed to the JVM and thrown and caught in Java.
// -Xcheck:jni checks that its handlers are still in front: with
// -XX:+AllowUserSignalHandlers it does not, and prints no warning; without,
// the agent says at start-up why -Xcheck:jni will warn and what stops it.

// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^}}lent 6{{$}}
// CHECK-NEXT: {{^}}NullPointerException caught 50000 times{{$}}
// CHECK-NEXT: {{^}}ArithmeticException caught 50000 times{{$}}
// CHECK-NEXT: {{^}}StackOverflowError caught 3 times{{$}}
// CHECK-NEXT: {{^}}lent again 6{{$}}

// CHECKJNI-NOT: {{FFIPinSanitizer|[Ww]arning|WARNING}}
// CHECKJNI: {{^}}lent again 6{{$}}

// NOTE: WARNING: FFIPinSanitizer: -Xcheck:jni will warn "SIGSEGV handler modified!": {{.*}}add -XX:+AllowUserSignalHandlers
// MODIFIED: {{^}}Warning: SIGSEGV handler modified!{{$}}
// MODIFIED: {{^}}lent again 6{{$}}

//--- JvmSignals.java
public class JvmSignals {
  static native int sum(int[] a);
  static int depth;
  static void recurse() { depth++; recurse(); }
  static int field;
  static int readField(JvmSignals o) { return o.field2; }
  int field2 = 1;
  public static void main(String[] args) throws Exception {
    System.loadLibrary("native");
    System.out.println("lent " + sum(new int[] {1, 2, 3}));
    Thread gc = new Thread(() -> { for (int i = 0; i < 5; i++) System.gc(); });
    gc.start();
    int npe = 0, arith = 0, soe = 0;
    for (int i = 0; i < 50000; i++) {
      try { readField(i % 2 == 0 ? null : null); } catch (NullPointerException e) { npe++; }
      try { field += 1 / (i - i); } catch (ArithmeticException e) { arith++; }
    }
    for (int i = 0; i < 3; i++) {
      try { recurse(); } catch (StackOverflowError e) { soe++; }
    }
    gc.join();
    Thread.sleep(100); /* -Xcheck:jni's periodic signal check runs meanwhile */
    System.out.println("NullPointerException caught " + npe + " times");
    System.out.println("ArithmeticException caught " + arith + " times");
    System.out.println("StackOverflowError caught " + soe + " times");
    System.out.println("lent again " + sum(new int[] {3, 2, 1}));
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_JvmSignals_sum(JNIEnv *env, jclass cls, jintArray a) {
  jint n = (*env)->GetArrayLength(env, a), s = 0;
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  for (jint i = 0; i < n; i++) s += p[i];
  (*env)->ReleaseIntArrayElements(env, a, p, JNI_ABORT);
  return s;
}
