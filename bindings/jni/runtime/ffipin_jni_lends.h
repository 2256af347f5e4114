/* The JNI functions that lend arrays and strings to native code, as guarded
 * copies: Get/Release<Type>ArrayElements (the eight primitive types),
 * Get/ReleasePrimitiveArrayCritical, GetStringCritical/ReleaseStringCritical,
 * GetStringUTFChars/ReleaseStringUTFChars, GetStringChars/ReleaseStringChars.
 * A get returns a copy (*isCopy = JNI_TRUE, which the specification allows)
 * made while the JVM's own critical region or copy is held, and only that
 * long; a release copies back as its mode says and ends the lend, so the
 * copy's pages become inaccessible (use-after-unpin), and what native code
 * still holds into it is pin-outlived. Releases that match no get (twice,
 * never lent, another array, the wrong function) are bad-unpin or
 * invalid-call reports. */
#ifndef FFIPIN_JNI_LENDS_H
#define FFIPIN_JNI_LENDS_H

#include <jni.h>

#include "base/ffipin_common.h"

/* Puts the wrappers into the slots of table (a copy of the JVM's). */
void ffipin_jni_lends_fill_table(struct JNINativeInterface_ *table) FFIPIN_INTERNAL;

#endif
