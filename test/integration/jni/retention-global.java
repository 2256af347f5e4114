// RUN: rm -rf %t && split-file %s %t
// RUN: %jni_ffipin_cc -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Retention.java
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Retention 2>&1 | FileCheck %s
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Retention forget 2>&1 | FileCheck %s --check-prefix=FORGET

// Intent: retention. A native library built with ffipin-cc, loaded by
// System.loadLibrary (its __ffipin_* references bind to the runtime inside
// the agent: no LD_PRELOAD), keeps a pointer into the guarded copy of a
// byte[] in a C global; the release ends the lend while the global holds it:
// pin-outlived with the store, the lend and the release, and the Java
// frames. A library that clears its global before the release is clean.

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address 0x{{[0-9a-f]+}} (holds 0x{{[0-9a-f]+}})
// CHECK-NEXT: slot 0x{{[0-9a-f]+}} still holds a pointer into
// CHECK-NEXT: {{^}}STORE of foreign pointer by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep .*native.c:6:}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in Java_Retention_register .*native.c:11:}}
// CHECK: {{^}}Java frames of thread T0 when the report was made:{{$}}
// CHECK-NEXT: {{^    #0 Retention.register\(Native Method\)$}}
// CHECK-NEXT: {{^    #1 Retention.main\(Retention.java:7\)$}}
// CHECK-NEXT: {{^}}pinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Retention_register .*native.c:10:}}
// CHECK: {{^}}unpinned by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Retention_register .*native.c:14:}}
// CHECK: is located 0 bytes inside of global variable 'g_callback_data'
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}native.c:6:{{[0-9]+}} in keep{{$}}

// FORGET-NOT: FFIPinSanitizer
// FORGET: {{^}}registered 42{{$}}

//--- Retention.java
public class Retention {
  static native int register(byte[] data, boolean forget);
  public static void main(String[] args) {
    System.loadLibrary("native");
    byte[] data = new byte[64];
    data[3] = 42;
    int v = register(data, args.length > 0);
    System.out.println("registered " + v);
  }
}

//--- native.c
#include <jni.h>

const jbyte *g_callback_data; /* an event handler's context, say */

__attribute__((noinline)) static void keep(const jbyte *p) {
  g_callback_data = p;
}

JNIEXPORT jint JNICALL Java_Retention_register(JNIEnv *env, jclass cls, jbyteArray a, jboolean forget) {
  jbyte *bytes = (*env)->GetByteArrayElements(env, a, NULL);
  keep(bytes + 3);
  jint v = *g_callback_data;
  if (forget) g_callback_data = NULL;
  (*env)->ReleaseByteArrayElements(env, a, bytes, JNI_ABORT);
  return v;
}
