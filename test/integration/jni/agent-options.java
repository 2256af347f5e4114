// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Options.java
// RUN: %java -agentpath:%ffipin_jni_agent=halt_on_error=0:print_summary=0 -Djava.library.path=%t -cp %t Options 2>&1 | FileCheck %s --check-prefix=STRING
// RUN: %env_ffipin_opts=halt_on_error=0 %java_ffipin -Djava.library.path=%t -cp %t Options 2>&1 | FileCheck %s --check-prefix=ENV
// RUN: %env_ffipin_opts=halt_on_error=1 not %java -agentpath:%ffipin_jni_agent=halt_on_error=0 -Djava.library.path=%t -cp %t Options 2>&1 | FileCheck %s --check-prefix=ENV-WINS
// RUN: %java -agentpath:%ffipin_jni_agent=no_such_option=1:halt_on_error=0 -Djava.library.path=%t -cp %t Options 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not %java -agentpath:%ffipin_jni_agent=halt_on_error=maybe -cp %t Options 2>&1 | FileCheck %s --check-prefix=BAD

// Intent: the agent takes the runtime's options in its option string
// (-agentpath:...=name=value:...) and from FFIPIN_OPTIONS, which is applied
// after it; an unknown name gets sanitizer_common's warning and the JVM runs
// on, a bad value stops it at start-up with an error naming it (the option
// string reaches the runtime as the program's default options, and the
// error says so).

// STRING: ERROR: FFIPinSanitizer: use-after-unpin
// STRING-NOT: SUMMARY
// STRING: ERROR: FFIPinSanitizer: use-after-unpin
// STRING-NOT: SUMMARY
// STRING: {{^}}both read{{$}}

// ENV: ERROR: FFIPinSanitizer: use-after-unpin
// ENV: SUMMARY: FFIPinSanitizer: use-after-unpin
// ENV: ERROR: FFIPinSanitizer: use-after-unpin
// ENV: {{^}}both read{{$}}

// ENV-WINS: ERROR: FFIPinSanitizer: use-after-unpin
// ENV-WINS-NOT: both read
// ENV-WINS: ==ABORTING

// UNKNOWN: {{^WARNING: found 1 unrecognized flag\(s\):$}}
// UNKNOWN-NEXT: {{^    no_such_option$}}
// UNKNOWN: {{^}}both read{{$}}
// BAD: ERROR: FFIPinSanitizer: invalid value 'maybe' for option 'halt_on_error' in __ffipin_default_options

//--- Options.java
public class Options {
  static native int readStale(int[] a);
  static native int readStaleAgain(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    readStale(new int[] {1});
    readStaleAgain(new int[] {2, 3}); /* another place: not a duplicate */
    System.out.println("both read");
  }
}

//--- native.c
#include <jni.h>

JNIEXPORT jint JNICALL Java_Options_readStale(JNIEnv *env, jclass cls, jintArray a) {
  volatile jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  (*env)->ReleaseIntArrayElements(env, a, (jint *)p, JNI_ABORT);
  return p[0];
}

JNIEXPORT jint JNICALL Java_Options_readStaleAgain(JNIEnv *env, jclass cls, jintArray a) {
  volatile jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  (*env)->ReleaseIntArrayElements(env, a, (jint *)p, JNI_ABORT);
  return p[1];
}
