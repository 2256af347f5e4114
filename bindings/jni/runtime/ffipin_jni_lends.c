/* Guarded lends of JNI arrays and strings.
 *
 * A get takes the JVM's own pointer (GetPrimitiveArrayCritical for arrays,
 * the JVM's string functions for strings), has the runtime copy it into a
 * guarded copy, and gives the JVM's pointer back at once: for the critical
 * forms the GC waits only for the copy, not for the native code. A release
 * copies the bytes back (arrays, modes 0 and JNI_COMMIT) through a critical
 * region as short, then ends the lend (modes 0 and JNI_ABORT).
 *
 * Each lend is recorded here, keyed by what native code was given, with a
 * weak reference to its array or string, so that a release can be checked
 * against its get. When no copy can be made (the arena is full of live
 * lends) the JVM's own function lends as it would without the agent, and
 * the record says so. */
#include "ffipin_jni_lends.h"

#include "base/ffipin_flags.h"
#include "base/ffipin_format.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_table.h"
#include "base/ffipin_thread.h"
#include "checks/ffipin_check_guard.h"
#include "diag/ffipin_report.h"
#include "entry/ffipin_init.h"
#include "entry/ffipin_signals.h"
#include "ffipin_jni_table.h"
#include "ffipin_jni_thread.h"
#include "model/ffipin_guard.h"

#define REAL ffipin_jni_real
/* Every wrapper takes its caller's pc and frame, so it keeps its frame
 * until it returns (no tail call). */
#define JNI_WRAPPER static __attribute__((noinline, disable_tail_calls))

typedef enum { ARRAY, ARRAY_CRITICAL, STRING_UTF, STRING_CHARS, STRING_CRITICAL } kind_t;

typedef struct {
  uintptr_t copy;      /* the key: what native code was given */
  jweak object;        /* the array or string lent */
  uintptr_t size;      /* bytes lent */
  const char *get;     /* the JNI function that lent it */
  const char *release; /* the one that must end it */
  kind_t kind;
  bool guarded; /* false: the JVM's own pointer, no copy could be made */
} lend_t;

static ffipin_lock_t lends_lock = FFIPIN_LOCK_INIT_TYPE(agent_lends);
/* The runtime's fork handlers take it (base/ffipin_locks.inc). */
void ffipin_agent_lends_lock(void) { ffipin_lock_acquire(&lends_lock); }
void ffipin_agent_lends_unlock(void) { ffipin_lock_release(&lends_lock); }
static ffipin_table_t lends = FFIPIN_TABLE_INIT(lend_t, 256, "the JNI agent's lends");

static bool guarding(void) { return ffipin_flags.guard_lends && ffipin_jni_table_installed(); }

static bool is_critical(kind_t k) { return k == ARRAY_CRITICAL || k == STRING_CRITICAL; }

static bool same_name(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static void copy_bytes(void *to, const void *from, size_t n) {
  char *d = to;
  const char *s = from;
  for (size_t i = 0; i < n; i++) d[i] = s[i];
}

/* Releases may be called with an exception pending, and native code may
 * (wrongly) call a get with one; the agent's own JNI calls may not (FindClass
 * would fail, -Xcheck:jni would warn): the exception is set aside around
 * them and thrown again, the same object. */
static jthrowable stash_exception(JNIEnv *env) {
  jthrowable pending = REAL.ExceptionCheck(env) ? REAL.ExceptionOccurred(env) : NULL;
  if (pending) REAL.ExceptionClear(env);
  return pending;
}

static void restore_exception(JNIEnv *env, jthrowable pending) {
  if (!pending) return;
  REAL.Throw(env, pending);
  REAL.DeleteLocalRef(env, pending);
}

// Records

/* weak: a weak global reference to the array or string, which the record
 * then owns (made before any critical region: it is a JNI call). */
static void remember(jweak weak, uintptr_t copy, uintptr_t size, kind_t kind, const char *get,
                     const char *release, bool guarded) {
  lend_t l = {copy, weak, size, get, release, kind, guarded};
  bool fresh;
  ffipin_lock_acquire(&lends_lock);
  *(lend_t *)ffipin_table_insert(&lends, copy, &fresh) = l;
  ffipin_lock_release(&lends_lock);
}

/* The record of copy, removed from the table unless keep. */
static bool take(uintptr_t copy, bool keep, lend_t *out) {
  ffipin_lock_acquire(&lends_lock);
  lend_t *l = ffipin_table_find(&lends, copy);
  if (l) {
    *out = *l;
    if (!keep) ffipin_table_erase_at(&lends, ffipin_table_index(&lends, l));
  }
  ffipin_lock_release(&lends_lock);
  return l != NULL;
}

// Reports

static void misuse(ffipin_thread_t *t, ffipin_bug_kind_t kind, uintptr_t addr, const char *msg,
                   const char *call, uintptr_t pc, uintptr_t bp, const ffipin_lend_t *lend) {
  ffipin_report_t r = {
      .kind = kind,
      .range_begin = addr,
      .message = msg,
      .stacks = {{call, ffipin_stack_capture(pc, bp), t->tid},
                 {lend && lend->lend_stack ? "lent" : NULL, lend ? lend->lend_stack : 0,
                  lend ? lend->lend_tid : 0},
                 {lend && lend->release_stack ? "released" : NULL, lend ? lend->release_stack : 0,
                  lend ? lend->release_tid : 0}},
  };
  ffipin_report_error(&r);
}

/* A release of p, which no get lent or which was released already:
 * bad-unpin, with the lend and the first release when the copy is known. */
static void report_not_lent(ffipin_thread_t *t, const void *p, const char *release, uintptr_t pc,
                            uintptr_t bp) {
  ffipin_lend_t l = {0};
  bool released = ffipin_guard_classify((uintptr_t)p, &l) == FFIPIN_FAULT_AFTER_RELEASE &&
                  l.copy == (uintptr_t)p;
  char call[96];
  ffipin_buf_t b;
  ffipin_buf_init(&b, call, sizeof(call));
  ffipin_buf_printf(&b, "%s%s called", release, released ? " (again)" : "");
  misuse(t, FFIPIN_BUG_BAD_UNPIN, (uintptr_t)p, NULL, call, pc, bp, released ? &l : NULL);
}

static void report_mismatch(ffipin_thread_t *t, const lend_t *l, const char *what,
                            const char *release, uintptr_t pc, uintptr_t bp) {
  ffipin_lend_t g = {0};
  ffipin_guard_find_live((const void *)l->copy, &g);
  char msg[384];
  ffipin_buf_t b;
  ffipin_buf_init(&b, msg, sizeof(msg));
  ffipin_buf_printf(&b, "%s of " FFIPIN_ADDR ", which %s lent, %s", release, l->copy, l->get, what);
  misuse(t, FFIPIN_BUG_INVALID_CALL, l->copy, msg, "called", pc, bp, g.lend_stack ? &g : NULL);
}

// Lending

/* Lends [real, real+size) as a guarded copy while real is valid (maybe
 * inside the JVM's critical region: no JNI call here); returns the copy, or
 * NULL if none could be made (nothing is pinned then). */
static void *lend(ffipin_thread_t *t, jweak weak, const void *real, size_t size, kind_t kind,
                  const char *get, const char *release, uintptr_t pc, uintptr_t bp) {
  void *copy = ffipin_check_lend(t, real, size, false, true, pc, bp);
  if (copy == real) { /* pinned in place: undo, the JVM's function lends instead */
    ffipin_check_release(t, copy, FFIPIN_RELEASE_END, false, pc, bp);
    return NULL;
  }
  remember(weak, (uintptr_t)copy, size, kind, get, release, true);
  if (is_critical(kind)) ffipin_jni_critical_enter((uintptr_t)copy, get);
  return copy;
}

/* NULL: the caller lends with the JVM's own function (and notes it). */
static void *lend_array(JNIEnv *env, jarray array, jboolean *is_copy, size_t elem_size, kind_t kind,
                        const char *get, const char *release, uintptr_t pc, uintptr_t bp) {
  ffipin_thread_t *t = guarding() && array ? ffipin_enter() : NULL;
  if (!t) return NULL;
  ffipin_signals_ensure();
  size_t size = (size_t)REAL.GetArrayLength(env, array) * elem_size;
  jweak weak = REAL.NewWeakGlobalRef(env, array);
  void *copy = NULL;
  void *elems = REAL.GetPrimitiveArrayCritical(env, array, NULL);
  if (elems) {
    copy = lend(t, weak, elems, size, kind, get, release, pc, bp);
    REAL.ReleasePrimitiveArrayCritical(env, array, elems, JNI_ABORT);
  }
  if (!copy) REAL.DeleteWeakGlobalRef(env, weak);
  ffipin_leave(t);
  if (copy && is_copy) *is_copy = JNI_TRUE;
  return copy;
}

/* A lend the JVM's function made (no copy possible, or guard_lends=0). */
static void note_unguarded(JNIEnv *env, jobject obj, const void *p, kind_t kind, const char *get,
                           const char *release) {
  if (p && guarding())
    remember(REAL.NewWeakGlobalRef(env, obj), (uintptr_t)p, 0, kind, get, release, false);
}

// Releasing

/* Arrays: the copy's bytes back into the array, through a critical region
 * as long as the copy takes. */
static void copy_back(JNIEnv *env, const lend_t *l) {
  jobject array = REAL.NewLocalRef(env, l->object);
  if (!array) return; /* collected: nothing to copy into */
  void *elems = REAL.GetPrimitiveArrayCritical(env, array, NULL);
  if (elems) {
    copy_bytes(elems, (const void *)l->copy, l->size);
    REAL.ReleasePrimitiveArrayCritical(env, array, elems, 0);
  }
  REAL.DeleteLocalRef(env, array);
}

/* Ends (or commits) the recorded lend l; true if the JVM's release must
 * be called (a lend it made itself). */
static bool end_lend(JNIEnv *env, jobject obj, const lend_t *lp, jint mode, const char *release,
                     ffipin_thread_t *t, uintptr_t pc, uintptr_t bp) {
  lend_t l = *lp;
  bool forward = false;
  if (!same_name(l.release, release))
    report_mismatch(t, &l, "and only its own release function may end it", release, pc, bp);
  else if (!REAL.IsSameObject(env, obj, l.object))
    report_mismatch(t, &l, "but with another array or string than the one it was lent from",
                    release, pc, bp);
  if (!l.guarded) {
    forward = true;
  } else {
    bool array = l.kind == ARRAY || l.kind == ARRAY_CRITICAL;
    if (array && mode != JNI_ABORT) copy_back(env, &l);
    if (mode != JNI_COMMIT) {
      if (is_critical(l.kind)) ffipin_jni_critical_leave(l.copy);
      /* Copied back already: the runtime ends the lend without copying. */
      ffipin_check_release(t, (void *)l.copy, FFIPIN_RELEASE_ABORT, false, pc, bp);
    }
  }
  if (mode != JNI_COMMIT) REAL.DeleteWeakGlobalRef(env, l.object);
  return forward;
}

/* Ends or commits the lend of p; true if the JVM's own release must be
 * called with p (a lend the agent did not copy). */
static bool release_lend(JNIEnv *env, jobject obj, const void *p, jint mode, const char *release,
                         uintptr_t pc, uintptr_t bp) {
  if (!guarding()) return true;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return true;
  jthrowable pending = stash_exception(env);
  bool forward = false;
  if (mode != 0 && mode != JNI_COMMIT && mode != JNI_ABORT) {
    char msg[160];
    ffipin_buf_t b;
    ffipin_buf_init(&b, msg, sizeof(msg));
    ffipin_buf_printf(&b,
                      "%s with mode %d, which is none of 0, JNI_COMMIT and JNI_ABORT (taken as 0)",
                      release, (int)mode);
    misuse(t, FFIPIN_BUG_INVALID_CALL, (uintptr_t)p, msg, "called", pc, bp, NULL);
    mode = 0;
  }
  lend_t l;
  if (!take((uintptr_t)p, mode == JNI_COMMIT, &l)) {
    report_not_lent(t, p, release, pc, bp);
  } else {
    forward = end_lend(env, obj, &l, mode, release, t, pc, bp);
  }
  restore_exception(env, pending);
  ffipin_leave(t);
  /* A release that matched no get is not passed on: the JVM's release
   * would free memory it never allocated. */
  return forward;
}

// The wrappers

#define PC FFIPIN_CALLER_PC
#define BP FFIPIN_FRAME

#define ARRAY_ELEMENTS(Type, type)                                                                 \
  JNI_WRAPPER type *JNICALL get_##type##_elements(JNIEnv *env, type##Array a, jboolean *is_copy) { \
    ffipin_jni_check_not_in_critical("Get" #Type "ArrayElements", PC, BP);                         \
    type *copy = lend_array(env, a, is_copy, sizeof(type), ARRAY, "Get" #Type "ArrayElements",     \
                            "Release" #Type "ArrayElements", PC, BP);                              \
    if (copy) return copy;                                                                         \
    type *p = REAL.Get##Type##ArrayElements(env, a, is_copy);                                      \
    note_unguarded(env, a, p, ARRAY, "Get" #Type "ArrayElements",                                  \
                   "Release" #Type "ArrayElements");                                               \
    return p;                                                                                      \
  }                                                                                                \
  JNI_WRAPPER void JNICALL release_##type##_elements(JNIEnv *env, type##Array a, type *p,          \
                                                     jint mode) {                                  \
    ffipin_jni_check_not_in_critical("Release" #Type "ArrayElements", PC, BP);                     \
    if (release_lend(env, a, p, mode, "Release" #Type "ArrayElements", PC, BP))                    \
      REAL.Release##Type##ArrayElements(env, a, p, mode);                                          \
  }
ARRAY_ELEMENTS(Boolean, jboolean)
ARRAY_ELEMENTS(Byte, jbyte)
ARRAY_ELEMENTS(Char, jchar)
ARRAY_ELEMENTS(Short, jshort)
ARRAY_ELEMENTS(Int, jint)
ARRAY_ELEMENTS(Long, jlong)
ARRAY_ELEMENTS(Float, jfloat)
ARRAY_ELEMENTS(Double, jdouble)

/* The element size of a primitive array, from its class (the critical get
 * names no type). */
static size_t element_size(JNIEnv *env, jarray a) {
  static const struct {
    const char *name;
    size_t size;
  } TYPES[] = {{"[Z", 1}, {"[B", 1}, {"[C", 2}, {"[S", 2},
               {"[I", 4}, {"[J", 8}, {"[F", 4}, {"[D", 8}};
  static jclass classes[8];
  jthrowable pending = stash_exception(env);
  jclass cls = REAL.GetObjectClass(env, a);
  size_t size = 0;
  for (int i = 0; i < 8 && !size; i++) {
    jclass c = __atomic_load_n(&classes[i], __ATOMIC_ACQUIRE);
    if (!c) {
      jclass local = REAL.FindClass(env, TYPES[i].name);
      if (!local) {
        REAL.ExceptionClear(env);
        continue;
      }
      c = REAL.NewGlobalRef(env, local);
      REAL.DeleteLocalRef(env, local);
      jclass expected = NULL;
      if (!__atomic_compare_exchange_n(&classes[i], &expected, c, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE)) {
        REAL.DeleteGlobalRef(env, c);
        c = expected;
      }
    }
    if (REAL.IsSameObject(env, cls, c)) size = TYPES[i].size;
  }
  REAL.DeleteLocalRef(env, cls);
  restore_exception(env, pending);
  return size;
}

JNI_WRAPPER void *JNICALL get_primitive_array_critical(JNIEnv *env, jarray a, jboolean *is_copy) {
  void *copy = NULL;
  if (guarding() && a) {
    /* Every JNI call before the JVM's critical region is entered. */
    size_t elem = element_size(env, a);
    if (elem)
      copy = lend_array(env, a, is_copy, elem, ARRAY_CRITICAL, "GetPrimitiveArrayCritical",
                        "ReleasePrimitiveArrayCritical", PC, BP);
  }
  if (copy) return copy;
  void *p = REAL.GetPrimitiveArrayCritical(env, a, is_copy);
  note_unguarded(env, a, p, ARRAY_CRITICAL, "GetPrimitiveArrayCritical",
                 "ReleasePrimitiveArrayCritical");
  return p;
}

JNI_WRAPPER void JNICALL release_primitive_array_critical(JNIEnv *env, jarray a, void *p,
                                                          jint mode) {
  if (release_lend(env, a, p, mode, "ReleasePrimitiveArrayCritical", PC, BP))
    REAL.ReleasePrimitiveArrayCritical(env, a, p, mode);
}

/* Strings: the JVM's characters are taken, copied and given back within
 * the get; nothing is copied back at the release (they are read-only). */
static const void *lend_string(JNIEnv *env, jstring s, jboolean *is_copy, kind_t kind,
                               const char *get, const char *release, uintptr_t pc, uintptr_t bp) {
  ffipin_thread_t *t = guarding() && s ? ffipin_enter() : NULL;
  if (!t) return NULL;
  ffipin_signals_ensure();
  const void *copy = NULL;
  /* JNI calls first: none may come inside the critical region. */
  jsize len = kind == STRING_UTF ? REAL.GetStringUTFLength(env, s) : REAL.GetStringLength(env, s);
  jweak weak = REAL.NewWeakGlobalRef(env, s);
  if (kind == STRING_UTF) {
    const char *chars = REAL.GetStringUTFChars(env, s, NULL);
    if (chars) {
      copy = lend(t, weak, chars, (size_t)len + 1, kind, get, release, pc, bp);
      REAL.ReleaseStringUTFChars(env, s, chars);
    }
  } else if (kind == STRING_CHARS) {
    /* HotSpot ends the characters with a 0 that code relies on: lent too. */
    const jchar *chars = REAL.GetStringChars(env, s, NULL);
    if (chars) {
      copy = lend(t, weak, chars, ((size_t)len + 1) * sizeof(jchar), kind, get, release, pc, bp);
      REAL.ReleaseStringChars(env, s, chars);
    }
  } else {
    const jchar *chars = REAL.GetStringCritical(env, s, NULL);
    if (chars) {
      copy = lend(t, weak, chars, (size_t)len * sizeof(jchar), kind, get, release, pc, bp);
      REAL.ReleaseStringCritical(env, s, chars);
    }
  }
  if (!copy) REAL.DeleteWeakGlobalRef(env, weak);
  ffipin_leave(t);
  if (copy && is_copy) *is_copy = JNI_TRUE;
  return copy;
}

/* The string pairs; the critical one may be called inside a critical
 * region. */
#define STRING_CHARS_LEND(Get, Release, type, kind, outside_critical_only)                         \
  JNI_WRAPPER const type *JNICALL wrap_##Get(JNIEnv *env, jstring s, jboolean *is_copy) {          \
    if (outside_critical_only) ffipin_jni_check_not_in_critical(#Get, PC, BP);                     \
    const type *copy = lend_string(env, s, is_copy, kind, #Get, #Release, PC, BP);                 \
    if (copy) return copy;                                                                         \
    const type *p = REAL.Get(env, s, is_copy);                                                     \
    note_unguarded(env, s, p, kind, #Get, #Release);                                               \
    return p;                                                                                      \
  }                                                                                                \
  JNI_WRAPPER void JNICALL wrap_##Release(JNIEnv *env, jstring s, const type *p) {                 \
    if (outside_critical_only) ffipin_jni_check_not_in_critical(#Release, PC, BP);                 \
    if (release_lend(env, s, p, 0, #Release, PC, BP)) REAL.Release(env, s, p);                     \
  }
STRING_CHARS_LEND(GetStringUTFChars, ReleaseStringUTFChars, char, STRING_UTF, true)
STRING_CHARS_LEND(GetStringChars, ReleaseStringChars, jchar, STRING_CHARS, true)
STRING_CHARS_LEND(GetStringCritical, ReleaseStringCritical, jchar, STRING_CRITICAL, false)

void ffipin_jni_lends_fill_table(struct JNINativeInterface_ *table) {
#define FILL(Type, type)                                                                           \
  table->Get##Type##ArrayElements = get_##type##_elements;                                         \
  table->Release##Type##ArrayElements = release_##type##_elements;
  FILL(Boolean, jboolean)
  FILL(Byte, jbyte)
  FILL(Char, jchar)
  FILL(Short, jshort)
  FILL(Int, jint)
  FILL(Long, jlong)
  FILL(Float, jfloat)
  FILL(Double, jdouble)
#undef FILL
  table->GetPrimitiveArrayCritical = get_primitive_array_critical;
  table->ReleasePrimitiveArrayCritical = release_primitive_array_critical;
  table->GetStringCritical = wrap_GetStringCritical;
  table->ReleaseStringCritical = wrap_ReleaseStringCritical;
  table->GetStringUTFChars = wrap_GetStringUTFChars;
  table->ReleaseStringUTFChars = wrap_ReleaseStringUTFChars;
  table->GetStringChars = wrap_GetStringChars;
  table->ReleaseStringChars = wrap_ReleaseStringChars;
}
