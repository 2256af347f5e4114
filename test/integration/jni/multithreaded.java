// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O2 -pthread %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Threads.java
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Threads 2>&1 | FileCheck %s

// Intent: lends on many threads at once: eight Java threads, each 2000
// times through Get/ReleaseIntArrayElements, a critical region and a
// string, on arrays of their own, while the GC runs; every change is copied
// back, no lend is mixed up with another thread's, and nothing is reported.

// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^}}threads 8, each array element 2000, critical sums 31984000, string bytes 80000{{$}}

//--- Threads.java
public class Threads {
  static native int work(int[] a, String s);
  public static void main(String[] args) throws Exception {
    System.loadLibrary("native");
    int n = 8, rounds = 2000;
    int[][] arrays = new int[n][100];
    long[] sums = new long[n], strings = new long[n];
    Thread[] ts = new Thread[n];
    for (int t = 0; t < n; t++) {
      final int me = t;
      ts[t] = new Thread(() -> {
        for (int r = 0; r < rounds; r++) {
          int v = work(arrays[me], "hello");
          sums[me] += v / 10;
          strings[me] += v % 10;
          if (r % 500 == 0) System.gc();
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) t.join();
    boolean same = true;
    for (int[] a : arrays) for (int x : a) same &= x == rounds;
    long sum = 0, bytes = 0;
    for (int t = 0; t < n; t++) { sum += sums[t]; bytes += strings[t]; }
    System.out.println("threads " + n + ", each array element " + (same ? rounds : -1) + ", critical sums " + sum + ", string bytes " + bytes);
  }
}

//--- native.c
#include <jni.h>
#include <string.h>

/* Increments every element; returns 10 * (sum of the first two elements
 * before, read in a critical region) + strlen of s (5). */
JNIEXPORT jint JNICALL Java_Threads_work(JNIEnv *env, jclass cls, jintArray a, jstring s) {
  jsize n = (*env)->GetArrayLength(env, a);
  jint *crit = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  jint before = crit[0] + crit[1];
  (*env)->ReleasePrimitiveArrayCritical(env, a, crit, JNI_ABORT);
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  for (jsize k = 0; k < n; k++) p[k]++;
  (*env)->ReleaseIntArrayElements(env, a, p, 0);
  const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  jint len = (jint)strlen(utf);
  (*env)->ReleaseStringUTFChars(env, s, utf);
  return before * 10 + len;
}
