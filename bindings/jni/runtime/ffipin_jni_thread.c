/* Per-thread agent state in an mmap'd block reached through one TLS
 * pointer (the block is large: the native call stack), freed by a pthread
 * key destructor when the thread exits. */
#include "ffipin_jni_thread.h"

#include <pthread.h>

#include "base/ffipin_format.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_report.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_guard.h"

FFIPIN_TLS unsigned ffipin_jni_critical_depth;
static FFIPIN_TLS ffipin_jni_thread_t *current;
static pthread_key_t exit_key;

static void release(void *p) {
  if (p == current) current = NULL;
  ffipin_unmap(p, sizeof(ffipin_jni_thread_t));
}

void ffipin_jni_thread_init(void) {
  if (pthread_key_create(&exit_key, release) != 0)
    ffipin_fatal("JNI agent: pthread_key_create failed");
}

ffipin_jni_thread_t *ffipin_jni_thread(void) {
  ffipin_jni_thread_t *t = current;
  if (FFIPIN_LIKELY(t != NULL)) return t;
  /* Untouched pages of the mapping cost nothing: most of it is the native
   * call stack, used only as deep as native methods nest. */
  t = current = ffipin_map_or_die(sizeof(*t), "the JNI agent's thread state");
  pthread_setspecific(exit_key, t);
  return t;
}

void ffipin_jni_critical_enter(uintptr_t copy, const char *function) {
  ffipin_jni_thread_t *t = ffipin_jni_thread();
  unsigned d = ffipin_jni_critical_depth;
  if (d >= FFIPIN_JNI_MAX_CRITICAL)
    ffipin_fatal("JNI agent: more than %d critical regions open on one thread",
                 FFIPIN_JNI_MAX_CRITICAL);
  t->critical[d] = (ffipin_jni_critical_t){copy, function};
  ffipin_jni_critical_depth = d + 1;
}

void ffipin_jni_critical_leave(uintptr_t copy) {
  ffipin_jni_thread_t *t = ffipin_jni_thread();
  unsigned d = ffipin_jni_critical_depth;
  /* Regions may be released in any order (the specification lets pairs
   * overlap): remove this one, keep the others in order. */
  for (unsigned i = d; i-- > 0;) {
    if (t->critical[i].copy != copy) continue;
    for (unsigned j = i; j + 1 < d; j++) t->critical[j] = t->critical[j + 1];
    ffipin_jni_critical_depth = d - 1;
    return;
  }
}

void ffipin_jni_check_not_in_critical(const char *function, uintptr_t pc, uintptr_t bp) {
  if (FFIPIN_LIKELY(ffipin_jni_critical_depth == 0)) return;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  ffipin_jni_critical_t open = ffipin_jni_thread()->critical[ffipin_jni_critical_depth - 1];
  ffipin_lend_t lend = {0};
  ffipin_guard_find_live((const void *)open.copy, &lend);
  char message[512];
  ffipin_buf_t b;
  ffipin_buf_init(&b, message, sizeof(message));
  ffipin_buf_printf(&b,
                    "JNI function %s called inside a critical region: %s lent " FFIPIN_ADDR
                    " and it is not released yet (only Get/Release*Critical may be called "
                    "there; the JVM may deadlock or crash)",
                    function, open.function, open.copy);
  ffipin_report_t r = {
      .kind = FFIPIN_BUG_INVALID_CALL,
      .range_begin = open.copy,
      .message = message,
      .stacks = {{"called", ffipin_stack_capture(pc, bp), t->tid},
                 {lend.lend_stack ? "critical region opened" : NULL, lend.lend_stack,
                  lend.lend_tid}},
  };
  ffipin_report_error(&r);
  ffipin_leave(t);
}
