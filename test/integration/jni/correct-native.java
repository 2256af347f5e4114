// RUN: rm -rf %t && split-file %s %t
// RUN: %clang_jni -O2 %t/native.c -o %t/libnative.so
// RUN: %javac -d %t %t/Correct.java
// RUN: %java -Djava.library.path=%t -cp %t Correct > %t/plain.txt 2>&1
// RUN: %java_ffipin -Djava.library.path=%t -cp %t Correct > %t/agent.txt 2>&1
// RUN: %java_ffipin -Xcheck:jni -XX:+AllowUserSignalHandlers -Djava.library.path=%t -cp %t Correct > %t/checkjni.txt 2>&1
// RUN: FileCheck %s < %t/agent.txt
// RUN: diff %t/plain.txt %t/agent.txt
// RUN: diff %t/plain.txt %t/checkjni.txt

// Intent: a correct native method touches no stale copy: every primitive
// type through Get/Release<Type>ArrayElements, a critical region, and the
// three string lends give the same results as without the agent, with no
// report, and -Xcheck:jni finds nothing to warn about in what the agent
// does in between (its output is the same too).

// CHECK-NOT: {{FFIPinSanitizer|WARNING|Warning}}
// CHECK: {{^}}boolean true false{{$}}
// CHECK-NEXT: {{^}}byte 2 3{{$}}
// CHECK-NEXT: {{^}}char b c{{$}}
// CHECK-NEXT: {{^}}short 2 3{{$}}
// CHECK-NEXT: {{^}}int 2 3{{$}}
// CHECK-NEXT: {{^}}long 2 3{{$}}
// CHECK-NEXT: {{^}}float 2.0 3.0{{$}}
// CHECK-NEXT: {{^}}double 2.0 3.0{{$}}
// CHECK-NEXT: {{^}}critical 15 strings 666{{$}}
// CHECK-NEXT: {{^}}empty 0{{$}}

//--- Correct.java
import java.util.Arrays;
public class Correct {
  static native void bump(boolean[] z, byte[] b, char[] c, short[] s, int[] i, long[] j, float[] f, double[] d);
  static native int criticalSum(int[] a);
  static native int stringLengths(String s);
  static native int empty(int[] a);
  public static void main(String[] args) {
    System.loadLibrary("native");
    boolean[] z = {false, true}; byte[] b = {1, 2}; char[] c = {'a', 'b'}; short[] s = {1, 2};
    int[] i = {1, 2}; long[] j = {1, 2}; float[] f = {1, 2}; double[] d = {1, 2};
    for (int k = 0; k < 1000; k++) bump(z, b, c, s, i, j, f, d); /* every type, a thousand lends each */
    for (int k = 0; k < 999; k++) { z[0] = !z[0]; z[1] = !z[1]; b[0]--; b[1]--; c[0]--; c[1]--; s[0]--; s[1]--; i[0]--; i[1]--; j[0]--; j[1]--; f[0]--; f[1]--; d[0]--; d[1]--; }
    System.out.println("boolean " + z[0] + " " + z[1]);
    System.out.println("byte " + b[0] + " " + b[1]);
    System.out.println("char " + c[0] + " " + c[1]);
    System.out.println("short " + s[0] + " " + s[1]);
    System.out.println("int " + i[0] + " " + i[1]);
    System.out.println("long " + j[0] + " " + j[1]);
    System.out.println("float " + f[0] + " " + f[1]);
    System.out.println("double " + d[0] + " " + d[1]);
    System.out.println("critical " + criticalSum(new int[] {1, 2, 3, 4, 5}) + " strings " + stringLengths("abcdef"));
    System.out.println("empty " + empty(new int[0]));
  }
}

//--- native.c
#include <jni.h>
#include <stdio.h>
#include <string.h>

#define BUMP(Type, type, arr, op)                                             \
  do {                                                                        \
    type *p = (*env)->Get##Type##ArrayElements(env, arr, NULL);               \
    jsize n = (*env)->GetArrayLength(env, arr);                               \
    for (jsize k = 0; k < n; k++) op;                                         \
    (*env)->Release##Type##ArrayElements(env, arr, p, 0);                     \
  } while (0)

JNIEXPORT void JNICALL Java_Correct_bump(JNIEnv *env, jclass cls, jbooleanArray z, jbyteArray b,
                                         jcharArray c, jshortArray s, jintArray i, jlongArray j,
                                         jfloatArray f, jdoubleArray d) {
  BUMP(Boolean, jboolean, z, p[k] = !p[k]);
  BUMP(Byte, jbyte, b, p[k]++);
  BUMP(Char, jchar, c, p[k]++);
  BUMP(Short, jshort, s, p[k]++);
  BUMP(Int, jint, i, p[k]++);
  BUMP(Long, jlong, j, p[k]++);
  BUMP(Float, jfloat, f, p[k] += 1);
  BUMP(Double, jdouble, d, p[k] += 1);
}

JNIEXPORT jint JNICALL Java_Correct_criticalSum(JNIEnv *env, jclass cls, jintArray a) {
  jsize n = (*env)->GetArrayLength(env, a);
  jint *p = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  jint sum = 0;
  for (jsize k = 0; k < n; k++) sum += p[k];
  (*env)->ReleasePrimitiveArrayCritical(env, a, p, JNI_ABORT);
  return sum;
}

JNIEXPORT jint JNICALL Java_Correct_stringLengths(JNIEnv *env, jclass cls, jstring s) {
  const char *utf = (*env)->GetStringUTFChars(env, s, NULL);
  const jchar *chars = (*env)->GetStringChars(env, s, NULL);
  jsize n = (*env)->GetStringLength(env, s);
  int units = 0;
  while (units < n && chars[units]) units++;
  const jchar *crit = (*env)->GetStringCritical(env, s, NULL);
  int same = memcmp(crit, chars, n * sizeof(jchar)) == 0;
  (*env)->ReleaseStringCritical(env, s, crit);
  int len = (int)strlen(utf);
  (*env)->ReleaseStringChars(env, s, chars);
  (*env)->ReleaseStringUTFChars(env, s, utf);
  return len * 100 + units * 10 + (same ? 6 : 0);
}

JNIEXPORT jint JNICALL Java_Correct_empty(JNIEnv *env, jclass cls, jintArray a) {
  jint *p = (*env)->GetIntArrayElements(env, a, NULL);
  (*env)->ReleaseIntArrayElements(env, a, p, 0);
  return (*env)->GetArrayLength(env, a);
}
