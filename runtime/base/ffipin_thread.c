/* Per-thread state lives in mmap'd blocks reached through one initial-exec
 * TLS pointer (a large TLS block would not fit the static TLS space a
 * preloaded .so gets). Blocks are recycled through a free list when a
 * thread exits (pthread key destructor). */
#include "base/ffipin_thread.h"

#include <pthread.h>
#include <stdatomic.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"

FFIPIN_TLS ffipin_thread_t *ffipin_tls_thread;
static atomic_uint next_tid;
static ffipin_lock_t pool_lock = FFIPIN_LOCK_INIT;
static ffipin_thread_t *free_list[256];
static unsigned nfree;
static pthread_key_t exit_key;
static bool have_exit_key;
static void release(void *p) {
  ffipin_thread_t *t = p;
  if (t == ffipin_tls_thread) ffipin_tls_thread = NULL;
  ffipin_lock_acquire(&pool_lock);
  if (nfree < sizeof(free_list) / sizeof(free_list[0])) {
    free_list[nfree++] = t;
    t = NULL;
  }
  ffipin_lock_release(&pool_lock);
  if (t) ffipin_unmap(t, sizeof(*t));
}

void ffipin_thread_init_keys(void) { have_exit_key = pthread_key_create(&exit_key, release) == 0; }

static ffipin_thread_t *acquire(void) {
  ffipin_thread_t *t = NULL;
  ffipin_lock_acquire(&pool_lock);
  if (nfree) t = free_list[--nfree];
  ffipin_lock_release(&pool_lock);
  if (!t) {
    t = ffipin_map_or_die(sizeof(*t), "thread state");
  } else {
    ffipin_mem_set(t, 0, sizeof(*t));
  }
  return t;
}

ffipin_thread_t *ffipin_thread_create(void) {
  ffipin_thread_t *t = acquire();
  t->tid = atomic_fetch_add_explicit(&next_tid, 1, memory_order_relaxed);
  t->os_tid = ffipin_gettid();
  ffipin_tls_thread = t;
  if (have_exit_key) pthread_setspecific(exit_key, t);
  return t;
}

void ffipin_thread_set_stack_hi(uintptr_t hi) { ffipin_thread_current()->stack_hi = hi; }

uintptr_t ffipin_thread_stack_hi(void) {
  ffipin_thread_t *t = ffipin_thread_current();
  if (FFIPIN_UNLIKELY(!t->stack_hi)) {
    /* A thread we did not see start (the main thread, or one created by
     * code that was not linked through the wrapper): the end of the
     * mapping holding our own frame. For such threads the TLS block at
     * the top of that mapping counts as stack. */
    uintptr_t lo, hi;
    if (ffipin_find_mapping(FFIPIN_FRAME, &lo, &hi, NULL, 0)) {
      t->stack_lo = lo;
      t->stack_hi = hi;
    } else {
      t->stack_hi = (uintptr_t)-1; /* unknown: treat every higher address as stack */
    }
  }
  return t->stack_hi;
}

bool ffipin_thread_stack_bounds(uintptr_t *lo, uintptr_t *hi) {
  uintptr_t h = ffipin_thread_stack_hi();
  if (h == (uintptr_t)-1) return false;
  *lo = FFIPIN_FRAME;
  *hi = h;
  return true;
}

void ffipin_thread_after_fork_child(void) {
  ffipin_thread_t *t = ffipin_tls_thread;
  if (t) t->os_tid = ffipin_gettid();
}

void ffipin_thread_pool_lock(void) { ffipin_lock_acquire(&pool_lock); }
void ffipin_thread_pool_unlock(void) { ffipin_lock_release(&pool_lock); }
