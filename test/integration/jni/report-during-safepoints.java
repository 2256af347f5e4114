// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Safepoints.java
// RUN: %env_ffipin_opts=halt_on_error=0 timeout 25 %java_ffipin -Djava.library.path=%t -cp %t Safepoints 2>&1 | FileCheck %s

// Intent: a report is made while other Java threads run compiled loops and
// the GC keeps stopping them: their safepoint polls fault (SIGSEGV) into
// the sanitizer's handler while the reporting thread waits in JVMTI for
// the Java frames, i.e. for those very safepoints. The handler lets the
// JVM handle its own faults before it treats a fault as a crash (which
// waits for the report): the report does not wait for the handler's
// 30-second limit (the test's timeout is 25 s; the run takes about one).

// CHECK: ERROR: FFIPinSanitizer: use-after-unpin on address
// CHECK: {{^}}Java frames of thread T0 when the report was made:{{$}}
// CHECK-NEXT: {{^    #0 Safepoints.readAfterRelease\(Native Method\)$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: use-after-unpin {{.*}}native.c:6:{{[0-9]+}} in Java_Safepoints_readAfterRelease{{$}}
// CHECK: {{^}}reported and returned{{$}}

//--- Safepoints.java
public class Safepoints {
  static native int readAfterRelease(int[] a);
  static volatile long sink;
  public static void main(String[] args) throws Exception {
    System.loadLibrary("native");
    for (int t = 0; t < 2; t++) {
      Thread spin = new Thread(() -> { long x = 1; for (;;) { x = x * 31 + 7; if (x == 42) sink = x; } });
      spin.setDaemon(true);
      spin.start();
    }
    Thread gc = new Thread(() -> {
      for (;;) { System.gc(); try { Thread.sleep(20); } catch (InterruptedException e) { return; } }
    });
    gc.setDaemon(true);
    gc.start();
    Thread.sleep(300); /* the loops are compiled, with their polls */
    readAfterRelease(new int[] {1, 2});
    System.out.println("reported and returned");
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_Safepoints_readAfterRelease(JNIEnv *env, jclass cls, jintArray a) {
  volatile jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  (*env)->ReleaseIntArrayElements(env, a, (jint *)p, 0);
  return p[0];
}
