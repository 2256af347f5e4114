/* libc functions that change what a slot is: memory that is freed,
 * reallocated or unmapped no longer holds anything (or holds it elsewhere),
 * and a thread's start argument is a slot the pass never sees. The names
 * come from entry/ffipin_intercepted.inc. Static runtime: __wrap_<name> reached
 * through the linker's --wrap, calling __real_<name> (which is whatever
 * definition comes next, e.g. ASan's interceptor). Shared runtime: <name>
 * itself, calling the next definition found with dlsym(RTLD_NEXT). */
#include <dlfcn.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/mman.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "checks/ffipin_checks.h"
#include "entry/ffipin_alloc_events.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_bounds.h"
#include "model/ffipin_held.h"

#if defined(FFIPIN_STATIC_RUNTIME)
#define INTERCEPTOR(ret, name, ...)                                                                \
  extern ret __real_##name(__VA_ARGS__);                                                           \
  FFIPIN_EXPORT ret __wrap_##name(__VA_ARGS__)
#define REAL(name) __real_##name
#else
#define FFIPIN_INTERCEPTED(name) static __typeof__(&name) real_##name;
#include "entry/ffipin_intercepted.inc"
#define INTERCEPTOR(ret, name, ...) FFIPIN_EXPORT ret name(__VA_ARGS__)
#define REAL(name) (real_##name ? real_##name : resolve_##name())
/* Resolution may run before our constructor (another library's constructor
 * frees memory); dlsym on a name that exists does not allocate. */
#define FFIPIN_INTERCEPTED(name)                                                                   \
  static __typeof__(&name) resolve_##name(void) {                                                  \
    __typeof__(&name) f = (__typeof__(&name))dlsym(RTLD_NEXT, #name);                              \
    if (!f) ffipin_fatal("dlsym(RTLD_NEXT, \"%s\") failed", #name);                                \
    __atomic_store_n(&real_##name, f, __ATOMIC_RELEASE);                                           \
    return f;                                                                                      \
  }
#include "entry/ffipin_intercepted.inc"
/* Before the runtime's own start-up constructor (101), so that no hook
 * resolves a name at a worse moment (inside a signal handler). */
__attribute__((constructor(100))) static void resolve_all(void) {
#define FFIPIN_INTERCEPTED(name) (void)REAL(name);
#include "entry/ffipin_intercepted.inc"
}
#endif

/* The size of the heap block at p, or 0 if p is not a live block. With
 * another sanitizer's allocator in the process (ASan, LSan), ask it: its
 * malloc_usable_size would itself report a pointer it does not own, and a
 * double or invalid free must reach its free as the program made it. */
extern int __sanitizer_get_ownership(const volatile void *p) __attribute__((weak));
extern size_t __sanitizer_get_allocated_size(const volatile void *p) __attribute__((weak));
static size_t block_size(void *p) {
  if (__sanitizer_get_ownership && __sanitizer_get_allocated_size)
    return __sanitizer_get_ownership(p) ? __sanitizer_get_allocated_size(p) : 0;
  return malloc_usable_size(p);
}

static bool tracking(void) {
  return atomic_load_explicit(&ffipin_state, memory_order_acquire) == FFIPIN_STATE_READY &&
         ffipin_held_size() != 0;
}

INTERCEPTOR(void, free, void *p) {
  if (p) ffipin_alloc_on_free(p);
  if (p && tracking()) {
    uintptr_t n = block_size(p);
    ffipin_held_forget_range((uintptr_t)p, (uintptr_t)p + n);
  }
  REAL(free)(p);
}

INTERCEPTOR(void *, realloc, void *p, size_t n) {
  if (!p || !tracking()) {
    void *q = REAL(realloc)(p, n);
    ffipin_alloc_on_realloc(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
    return q;
  }
  uintptr_t old_size = block_size(p);
  void *q = REAL(realloc)(p, n);
  ffipin_alloc_on_realloc(p, q, n, FFIPIN_CALLER_PC, FFIPIN_FRAME);
  if (!q) {
    if (n == 0) ffipin_held_forget_range((uintptr_t)p, (uintptr_t)p + old_size); /* freed */
    return q;
  }
  uintptr_t new_size = block_size(q);
  uintptr_t kept = old_size < new_size ? old_size : new_size;
  if (q != p) {
    /* The bytes moved; so do the slots in them (before forgetting the rest). */
    ffipin_held_move_range((uintptr_t)p, (uintptr_t)p + kept, (uintptr_t)q);
    ffipin_held_forget_range((uintptr_t)p, (uintptr_t)p + old_size);
  } else if (new_size < old_size) {
    ffipin_held_forget_range((uintptr_t)p + new_size, (uintptr_t)p + old_size);
  }
  return q;
}

INTERCEPTOR(int, munmap, void *addr, size_t len) {
  if (tracking()) ffipin_held_forget_range((uintptr_t)addr, (uintptr_t)addr + len);
  return REAL(munmap)(addr, len);
}

/* Thread start records: the argument is kept in `arg` until the start
 * function returns, so a foreign argument is a held slot for the thread's
 * life. Records come from an mmap'd pool, never from malloc. */
typedef struct start_record_s {
  void *(*fn)(void *);
  void *arg;
  struct start_record_s *next_free;
} start_record_t;

static ffipin_lock_t pool_lock = FFIPIN_LOCK_INIT;
static start_record_t *pool;

static start_record_t *record_get(void) {
  ffipin_lock_acquire(&pool_lock);
  if (!pool) {
    enum { CHUNK = 65536 };
    start_record_t *chunk = ffipin_map_or_die(CHUNK, "thread start records");
    for (size_t i = 0; i < CHUNK / sizeof(*chunk); i++) {
      chunk[i].next_free = pool;
      pool = &chunk[i];
    }
  }
  start_record_t *r = pool;
  pool = r->next_free;
  ffipin_lock_release(&pool_lock);
  return r;
}

static void record_put(start_record_t *r) {
  ffipin_held_forget_range((uintptr_t)&r->arg, (uintptr_t)(&r->arg + 1));
  r->arg = NULL;
  ffipin_lock_acquire(&pool_lock);
  r->next_free = pool;
  pool = r;
  ffipin_lock_release(&pool_lock);
}

static void *thread_start(void *p) {
  start_record_t *r = p;
  /* Our frame is the outermost one the thread's code will use: the top of
   * its live stack. Above it are libc's start frame and the TLS block. */
  ffipin_thread_set_stack_hi(FFIPIN_FRAME + 2 * sizeof(uintptr_t));
  void *ret = r->fn(r->arg);
  record_put(r);
  return ret;
}

INTERCEPTOR(int, pthread_create, pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *),
            void *arg) {
  if (atomic_load_explicit(&ffipin_state, memory_order_acquire) != FFIPIN_STATE_READY)
    return REAL(pthread_create)(thread, attr, fn, arg);
  start_record_t *r = record_get();
  r->fn = fn;
  r->arg = arg;
  ffipin_thread_t *t = ffipin_thread_current();
  if (ffipin_bounds_may_contain((uintptr_t)arg) && !t->in_runtime) {
    t->in_runtime = 1;
    ffipin_stack_id_t stack = 0;
    ffipin_check_store(t, (uintptr_t)&r->arg, (uintptr_t)arg, FFIPIN_STORE_POINTER, &stack,
                       FFIPIN_CALLER_PC, FFIPIN_FRAME);
    t->in_runtime = 0;
  }
  int rc = REAL(pthread_create)(thread, attr, thread_start, r);
  if (rc) record_put(r);
  return rc;
}
