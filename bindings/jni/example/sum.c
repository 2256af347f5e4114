#include <jni.h>

JNIEXPORT jint JNICALL Java_UseAfterRelease_sumAfterRelease(JNIEnv *env, jclass cls,
                                                            jintArray values) {
  jsize n = (*env)->GetArrayLength(env, values);
  jint *v = (*env)->GetIntArrayElements(env, values, NULL);
  (*env)->ReleaseIntArrayElements(env, values, v, JNI_ABORT);
  jint sum = 0;
  for (jsize i = 0; i < n; i++) sum += v[i]; /* v was released above */
  return sum;
}
