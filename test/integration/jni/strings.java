// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O1 %t/native.c -o %t/libnative.so
// RUN: %javac -encoding UTF-8 -d %t %t/Strings.java
// RUN: %java_ffipin -Dfile.encoding=UTF-8 -Djava.library.path=%t -cp %t Strings 2>&1 | FileCheck %s
// RUN: %java -Dfile.encoding=UTF-8 -Djava.library.path=%t -cp %t Strings 2>&1 | FileCheck %s
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Strings utf 2>&1 | FileCheck %s --check-prefixes=STALE,UTF
// RUN: not %java_ffipin -Djava.library.path=%t -cp %t Strings chars 2>&1 | FileCheck %s --check-prefixes=STALE,CHARS

// Intent: strings are lent as guarded copies too: GetStringUTFChars
// (modified UTF-8, NUL-terminated), GetStringChars (UTF-16, with HotSpot's
// terminating 0) and GetStringCritical give native code the same
// characters as without the agent, for non-ASCII text; a read after
// ReleaseStringUTFChars or ReleaseStringChars is use-after-unpin.

// CHECK-NOT: FFIPinSanitizer
// CHECK: {{^}}utf 18 bytes, same text: true{{$}}
// CHECK-NEXT: {{^}}chars 14 units, sum 9823, terminated 1{{$}}
// CHECK-NEXT: {{^}}critical sum 9823{{$}}

// STALE: ERROR: FFIPinSanitizer: use-after-unpin on address
// STALE-NEXT: is 0 bytes inside of the
// STALE-NEXT: {{^}}READ of lent memory by thread T0:{{$}}
// UTF-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Strings_staleUtf .*native.c:37:}}
// CHARS-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Strings_staleChars .*native.c:43:}}
// STALE: {{^}}lent by thread T0 here:{{$}}
// UTF-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Strings_staleUtf .*native.c:35:}}
// CHARS-NEXT: {{^    #0 0x[0-9a-f]+ in Java_Strings_staleChars .*native.c:41:}}

//--- Strings.java
public class Strings {
  static native String echoUtf(String s);
  static native String chars(String s);
  static native int critical(String s);
  static native int staleUtf(String s);
  static native int staleChars(String s);
  public static void main(String[] args) {
    System.loadLibrary("native");
    String s = "h\u00e9llo, w\u00f6rld \u20ac";
    if (args.length > 0 && args[0].equals("utf")) { staleUtf(s); return; }
    if (args.length > 0) { staleChars(s); return; }
    String back = echoUtf(s);
    System.out.println("utf " + back.substring(0, back.indexOf(' ')) + " bytes, same text: " + back.endsWith(" " + s));
    System.out.println("chars " + chars(s));
    System.out.println("critical sum " + critical(s));
  }
}

//--- native.c
#include <jni.h>
#include <stdio.h>
#include <string.h>

JNIEXPORT jstring JNICALL Java_Strings_echoUtf(JNIEnv *env, jclass cls, jstring s) {
  char buf[256];
  const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  snprintf(buf, sizeof buf, "%zu %s", strlen(utf), utf);
  (*env)->ReleaseStringUTFChars(env, s, utf);
  return (*env)->NewStringUTF(env, buf);
}

JNIEXPORT jstring JNICALL Java_Strings_chars(JNIEnv *env, jclass cls, jstring s) {
  char buf[128];
  jsize n = (*env)->GetStringLength(env, s);
  const jchar *c = (*env)->GetStringChars(env, s, NULL);
  int sum = 0;
  for (jsize i = 0; i < n; i++) sum += c[i];
  int terminated = c[n] == 0;
  (*env)->ReleaseStringChars(env, s, c);
  snprintf(buf, sizeof buf, "%d units, sum %d, terminated %d", (int)n, sum, terminated);
  return (*env)->NewStringUTF(env, buf);
}

JNIEXPORT jint JNICALL Java_Strings_critical(JNIEnv *env, jclass cls, jstring s) {
  jsize n = (*env)->GetStringLength(env, s);
  const jchar *c = (*env)->GetStringCritical(env, s, NULL);
  int sum = 0;
  for (jsize i = 0; i < n; i++) sum += c[i];
  (*env)->ReleaseStringCritical(env, s, c);
  return sum;
}

JNIEXPORT jint JNICALL Java_Strings_staleUtf(JNIEnv *env, jclass cls, jstring s) {
  const volatile char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  (*env)->ReleaseStringUTFChars(env, s, (const char *)utf);
  return utf[0];
}

JNIEXPORT jint JNICALL Java_Strings_staleChars(JNIEnv *env, jclass cls, jstring s) {
  const volatile jchar *c = (*env)->GetStringChars(env, s, NULL);
  (*env)->ReleaseStringChars(env, s, (const jchar *)c);
  return c[0];
}
