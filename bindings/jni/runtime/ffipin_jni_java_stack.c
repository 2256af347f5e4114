/* Java frames through JVMTI: GetStackTrace on the current thread, then the
 * method's class, name, source file and line table. JVMTI allocates the
 * strings it returns (they are deallocated here); the report extra runs on
 * the reporting thread with the report lock held, also when the report is a
 * fault in native code (a Java thread in native code may make JVMTI calls:
 * it only waits if a safepoint is in progress). */
#include "ffipin_jni_java_stack.h"

#include <sanitizer/ffipin_interface.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_stack.h"
#include "ffipin_jni_table.h"

static JavaVM *vm;
static jvmtiEnv *jvmti;

static void deallocate(void *p) {
  if (p) (*jvmti)->Deallocate(jvmti, (unsigned char *)p);
}

/* "Lpkg/Outer$Inner;" as "pkg.Outer$Inner". */
static void class_name(ffipin_buf_t *b, const char *sig) {
  if (*sig == 'L') sig++;
  for (; *sig && *sig != ';'; sig++) ffipin_buf_printf(b, "%c", *sig == '/' ? '.' : *sig);
}

static jclass declaring_class(jmethodID method, char **sig) {
  jclass cls = NULL;
  *sig = NULL;
  if ((*jvmti)->GetMethodDeclaringClass(jvmti, method, &cls) != JVMTI_ERROR_NONE) return NULL;
  if ((*jvmti)->GetClassSignature(jvmti, cls, sig, NULL) != JVMTI_ERROR_NONE) *sig = NULL;
  return cls;
}

static void drop_local(jclass cls) {
  JNIEnv *env;
  if (cls && (*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) == JNI_OK)
    ffipin_jni_real.DeleteLocalRef(env, cls);
}

void ffipin_jni_java_method_name(ffipin_buf_t *b, jmethodID method) {
  char *csig = NULL, *name = NULL;
  jclass cls = jvmti ? declaring_class(method, &csig) : NULL;
  if (!cls || (*jvmti)->GetMethodName(jvmti, method, &name, NULL, NULL) != JVMTI_ERROR_NONE) {
    ffipin_buf_printf(b, "?");
  } else {
    if (csig) class_name(b, csig);
    ffipin_buf_printf(b, ".%s", name);
  }
  deallocate(name);
  deallocate(csig);
  drop_local(cls);
}

/* The source line of bytecode index bci, or 0. */
static int line_of(jmethodID method, jlocation bci) {
  jint n = 0;
  jvmtiLineNumberEntry *table = NULL;
  if ((*jvmti)->GetLineNumberTable(jvmti, method, &n, &table) != JVMTI_ERROR_NONE) return 0;
  int line = 0;
  jlocation best = -1;
  for (jint i = 0; i < n; i++) {
    if (table[i].start_location <= bci && table[i].start_location > best) {
      best = table[i].start_location;
      line = table[i].line_number;
    }
  }
  deallocate(table);
  return line;
}

static void java_frame(ffipin_buf_t *b, int k, const jvmtiFrameInfo *f) {
  ffipin_buf_printf(b, "    #%d ", k);
  ffipin_jni_java_method_name(b, f->method);
  jboolean native = JNI_FALSE;
  (*jvmti)->IsMethodNative(jvmti, f->method, &native);
  if (native) {
    ffipin_buf_printf(b, "(Native Method)\n");
    return;
  }
  char *csig, *file = NULL;
  jclass cls = declaring_class(f->method, &csig);
  if (!cls || (*jvmti)->GetSourceFileName(jvmti, cls, &file) != JVMTI_ERROR_NONE) file = NULL;
  int line = line_of(f->method, f->location);
  ffipin_buf_printf(b, "(%s", file ? file : "Unknown Source");
  if (line > 0) ffipin_buf_printf(b, ":%d", line);
  ffipin_buf_printf(b, ")\n");
  deallocate(file);
  deallocate(csig);
  drop_local(cls);
}

static void java_stack_extra(char *buf, size_t size) {
  if (!size) return;
  buf[0] = 0;
  JNIEnv *env;
  if (!vm || (*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK)
    return; /* not a Java thread */
  jvmtiFrameInfo frames[FFIPIN_MAX_STACK_DEPTH];
  jint n = 0;
  jint max = ffipin_flags.stack_depth < FFIPIN_MAX_STACK_DEPTH ? ffipin_flags.stack_depth
                                                               : FFIPIN_MAX_STACK_DEPTH;
  if ((*jvmti)->GetStackTrace(jvmti, NULL, 0, max, frames, &n) != JVMTI_ERROR_NONE || n <= 0)
    return;
  ffipin_buf_t b;
  ffipin_buf_init(&b, buf, size);
  ffipin_buf_printf(&b, "Java frames of thread T%u when the report was made:\n",
                    ffipin_thread_current()->tid);
  for (jint i = 0; i < n; i++) java_frame(&b, (int)i, &frames[i]);
}

void ffipin_jni_java_stack_start(JavaVM *the_vm, jvmtiEnv *the_jvmti) {
  vm = the_vm;
  jvmti = the_jvmti;
  __ffipin_set_report_extra(java_stack_extra);
}
