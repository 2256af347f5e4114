// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/GcDuring.java
// RUN: %java_ffipin -Xmx64m -Djava.library.path=%t -cp %t GcDuring 2>&1 | FileCheck %s --check-prefix=AGENT
// RUN: %java -Xmx64m -Djava.library.path=%t -cp %t GcDuring 2>&1 | FileCheck %s --check-prefix=PLAIN

// Intent: the agent holds the JVM's critical region only while it copies,
// so the GC is held up less than without it: while a native method sits
// in GetPrimitiveArrayCritical's region, another thread allocating 400 MiB
// through a 64 MiB heap gets its collections under the agent, and stalls
// until the region ends without it (the native method gives up after 2 s).

// AGENT-NOT: FFIPinSanitizer
// AGENT: {{^}}collections while the native method was in its critical region: true{{$}}
// PLAIN: {{^}}collections while the native method was in its critical region: false{{$}}

//--- GcDuring.java
public class GcDuring {
  static native void holdCritical(byte[] a);
  static native void allocated();
  public static void main(String[] args) throws Exception {
    System.loadLibrary("native");
    Thread alloc = new Thread(() -> {
      try { Thread.sleep(100); } catch (InterruptedException e) {}
      byte[][] keep = new byte[8][];
      for (int i = 0; i < 400; i++) keep[i % 8] = new byte[1 << 20];
      allocated();
    });
    alloc.start();
    byte[] a = new byte[16];
    holdCritical(a);
    alloc.join();
    System.out.println("collections while the native method was in its critical region: " + (a[0] == 1));
  }
}

//--- native.c
#include <jni.h>
#include <unistd.h>

static volatile int allocated;

JNIEXPORT void JNICALL Java_GcDuring_allocated(JNIEnv *env, jclass cls) { allocated = 1; }

/* Waits in the region (no JNI calls there) until the other thread got its
 * memory, at most 2 s. */
JNIEXPORT void JNICALL Java_GcDuring_holdCritical(JNIEnv *env, jclass cls, jbyteArray a) {
  jbyte *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  for (int ms = 0; !allocated && ms < 2000; ms++) usleep(1000);
  p[0] = allocated;
  (*env)->ReleasePrimitiveArrayCritical(env, a, p, 0);
}
