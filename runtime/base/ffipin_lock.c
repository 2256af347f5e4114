/* Lock types' names, and the lock order check of debug builds. The check
 * reports a violation by itself, with raw system calls: the message
 * functions use locks of their own. */
#include "base/ffipin_lock.h"

#include <sys/syscall.h>
#include <unistd.h>

static const char *const type_names[FFIPIN_LOCK_TYPES] = {
    "(a lock of no type)",
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning) #Name,
#include "base/ffipin_locks.inc"
};

const char *ffipin_lock_type_name(ffipin_lock_type_t type) {
  return type > FFIPIN_LOCK_TYPE_NONE && type < FFIPIN_LOCK_TYPES ? type_names[type]
                                                                  : type_names[0];
}

#if defined(FFIPIN_DEBUG) && FFIPIN_DEBUG
_Static_assert(FFIPIN_LOCK_TYPES <= 64, "the held types are a 64-bit mask");

static const bool type_multi[FFIPIN_LOCK_TYPES] = {
    false,
#define FFIPIN_LOCK(Name, Multi, Lock, Unlock, Meaning) Multi,
#include "base/ffipin_locks.inc"
};

/* Per thread: which types it holds, and how many locks of each. */
static FFIPIN_TLS uint64_t held_mask;
static FFIPIN_TLS uint8_t held_count[FFIPIN_LOCK_TYPES];
static FFIPIN_TLS int learning; /* the type being learned, or 0 */
static atomic_int learned;      /* every listed lock has its type */

static size_t append(char *buf, size_t at, size_t cap, const char *s) {
  while (*s && at < cap) buf[at++] = *s++;
  return at;
}

/* "==PID==ERROR: FFIPinSanitizer: internal lock check: <what>", then exit. */
__attribute__((noreturn)) static void violation(const char *what, const char *a, const char *b) {
  char buf[256], digits[24];
  size_t n = 0, d = 0;
  for (long pid = syscall(SYS_getpid); pid > 0 || d == 0; pid /= 10)
    digits[d++] = (char)('0' + pid % 10);
  n = append(buf, n, sizeof(buf), "==");
  while (d > 0 && n < sizeof(buf)) buf[n++] = digits[--d];
  n = append(buf, n, sizeof(buf), "==ERROR: FFIPinSanitizer: internal lock check: ");
  n = append(buf, n, sizeof(buf), what);
  if (a) {
    n = append(buf, n, sizeof(buf), ": taking the ");
    n = append(buf, n, sizeof(buf), a);
    n = append(buf, n, sizeof(buf), " lock while holding the ");
    n = append(buf, n, sizeof(buf), b);
    n = append(buf, n, sizeof(buf), " lock (base/ffipin_locks.inc gives the order)");
  }
  n = append(buf, n, sizeof(buf) - 1, "");
  buf[n++] = '\n';
  syscall(SYS_write, 2, buf, n);
  syscall(SYS_exit_group, 1);
  __builtin_unreachable();
}

void ffipin_lock_learn_begin(ffipin_lock_type_t type) { learning = (int)type; }
void ffipin_lock_learn_end(void) {
  learning = 0;
  atomic_store(&learned, 1);
}

void ffipin_lock_debug_acquired(ffipin_lock_t *l) {
  if (learning) {
    if (l->type == FFIPIN_LOCK_TYPE_NONE) l->type = learning;
    if (l->type != learning) violation("a lock taken by two entries of the list", NULL, NULL);
    return;
  }
  int type = l->type;
  if (type == FFIPIN_LOCK_TYPE_NONE) {
    /* Before start-up learned the types, the list's own locks have none. */
    if (atomic_load_explicit(&learned, memory_order_relaxed))
      violation("a lock that is not in base/ffipin_locks.inc was taken", NULL, NULL);
    return;
  }
  if (held_mask) {
    int highest = 63 - __builtin_clzll(held_mask);
    if (highest > type || (highest == type && !type_multi[type]))
      violation("lock order violation", type_names[type], type_names[highest]);
  }
  held_mask |= (uint64_t)1 << type;
  if (held_count[type] == 255) violation("a lock type held 255 times", NULL, NULL);
  held_count[type]++;
}

void ffipin_lock_debug_released(ffipin_lock_t *l) {
  int type = l->type;
  /* A lock taken before its type was learned is released untracked. */
  if (learning || type == FFIPIN_LOCK_TYPE_NONE || !held_count[type]) return;
  if (!--held_count[type]) held_mask &= ~((uint64_t)1 << type);
}
#else
void ffipin_lock_learn_begin(ffipin_lock_type_t type) {}
void ffipin_lock_learn_end(void) {}
#endif
