// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Critical.java
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Critical 2>&1 | FileCheck %s --check-prefixes=CHECK,AGENT
// RUN: %java -Djava.library.path=%t -cp %t Critical 2>&1 | FileCheck %s
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Critical stale 2>&1 | FileCheck %s --check-prefix=STALE
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Critical overflow 2>&1 | FileCheck %s --check-prefix=OVERFLOW

// Intent: GetPrimitiveArrayCritical lends a double[] and a byte[] as guarded
// copies (isCopy true under the agent; the JVM's own critical region lasts
// only while the copy is made), the release copies the changes back as
// without the agent; a read after the release is use-after-unpin, and
// writes running past the end of the byte[] are lend-overflow.

// CHECK-NOT: FFIPinSanitizer
// AGENT: {{^}}isCopy 1{{$}}
// CHECK: {{^}}doubles 2.5 5.0 7.5{{$}}
// CHECK-NEXT: {{^}}bytes 2 3 4{{$}}

// STALE: ERROR: FFIPinSanitizer: use-after-unpin on address
// STALE: {{^}}READ of lent memory by thread T0:{{$}}
// STALE-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Critical_readAfterRelease .*native.c:18:}}
// STALE: {{^}}Java frames of thread T0 when the report was made:{{$}}
// STALE-NEXT: {{^    #0 Critical.readAfterRelease\(Native Method\)$}}
// STALE: {{^}}lent by thread T0 here:{{$}}
// STALE-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Critical_readAfterRelease .*native.c:16:}}

// OVERFLOW: ERROR: FFIPinSanitizer: lend-overflow on address
// OVERFLOW-NEXT: {{^}}0x{{[0-9a-f]+}} is {{[0-9]+}} bytes after the end of the 3-byte guarded copy
// OVERFLOW-NEXT: {{^}}WRITE of lent memory by thread T0:{{$}}
// OVERFLOW-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Critical_overflow .*native.c:24:}}

//--- Critical.java
public class Critical {
  static native boolean scale(double[] d, byte[] b);
  static native double readAfterRelease(double[] d);
  static native void overflow(byte[] b);
  public static void main(String[] args) {
    System.loadLibrary("native");
    if (args.length > 0 && args[0].equals("stale")) { readAfterRelease(new double[] {1}); return; }
    if (args.length > 0) { overflow(new byte[3]); return; }
    double[] d = {1, 2, 3};
    byte[] b = {1, 2, 3};
    boolean copied = scale(d, b);
    if (copied) System.out.println("isCopy 1");
    System.out.println("doubles " + d[0] + " " + d[1] + " " + d[2]);
    System.out.println("bytes " + b[0] + " " + b[1] + " " + b[2]);
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jboolean JNICALL Java_Critical_scale(JNIEnv *env, jclass cls, jdoubleArray d, jbyteArray b) {
  jboolean copied = JNI_FALSE;
  jsize nd = (*env)->GetArrayLength(env, d), nb = (*env)->GetArrayLength(env, b);
  double *pd = (*env)->GetPrimitiveArrayCritical(env, d, &copied);
  jbyte *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL); /* nested, as allowed */
  for (jsize i = 0; i < nd; i++) pd[i] *= 2.5;
  for (jsize i = 0; i < nb; i++) pb[i] += 1;
  (*env)->ReleasePrimitiveArrayCritical(env, d, pd, 0); /* out of order, as allowed */
  (*env)->ReleasePrimitiveArrayCritical(env, b, pb, 0);
  return copied;
}

JNIEXPORT jdouble JNICALL Java_Critical_readAfterRelease(JNIEnv *env, jclass cls, jdoubleArray d) {
  double *p = (*env)->GetPrimitiveArrayCritical(env, d, NULL);
  (*env)->ReleasePrimitiveArrayCritical(env, d, p, JNI_ABORT);
  volatile double v = p[0];
  return v;
}

JNIEXPORT void JNICALL Java_Critical_overflow(JNIEnv *env, jclass cls, jbyteArray b) {
  volatile jbyte *p = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  for (int i = 0; i < 64; i++) p[i] = 7; /* the array has 3 */
  (*env)->ReleasePrimitiveArrayCritical(env, b, (jbyte *)p, 0);
}
