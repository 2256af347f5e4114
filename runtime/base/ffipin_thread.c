/* Per-thread state lives in mmap'd blocks reached through one initial-exec
 * TLS pointer (a large TLS block would not fit the static TLS space a
 * preloaded .so gets). Blocks are recycled without any pthread call (a
 * pthread key's setspecific may calloc, and a destructor runs where TSan
 * sees it): a thread started by our pthread_create interceptor gives its
 * block back when it ends (returns, pthread_exit, cancellation); the blocks
 * of threads that end unseen are found when more blocks are needed, by
 * asking the kernel which of their threads are gone. A block is only ever
 * written by the thread that owns it (or, here, under the pool lock while
 * nobody owns it), and reinitialised field by field: nothing a race
 * detector could see as shared. */
#include "base/ffipin_thread.h"

#include "base/ffipin_assert.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_os.h"
#include "base/ffipin_sys.h"

FFIPIN_TLS ffipin_thread_t *ffipin_tls_thread;
atomic_int ffipin_tls_shared;
static atomic_uint next_tid;
static ffipin_lock_t pool_lock = FFIPIN_LOCK_INIT_TYPE(thread_pool);
static ffipin_thread_t *_Atomic every_state; /* pushed onto, never popped */
static atomic_size_t states;                 /* how many there are */
static ffipin_thread_t *free_states;         /* under pool_lock */
static size_t live_after_sweep;              /* under pool_lock */

static void list_free_locked(ffipin_thread_t *t) {
  if (t->listed_free) return;
  t->listed_free = true;
  t->next_free = free_states;
  free_states = t;
}

/* Under pool_lock: the blocks of threads that have exited go back to the
 * pool. Run when the pool is empty and the blocks have doubled since the
 * last sweep, so its system calls cost O(1) per thread created. */
static void sweep_locked(void) {
  size_t live = 0;
  for (ffipin_thread_t *t = atomic_load(&every_state); t; t = atomic_load(&t->next_state)) {
    if (atomic_load_explicit(&t->in_use, memory_order_acquire) &&
        !ffipin_os_thread_exists(t->os_tid))
      atomic_store_explicit(&t->in_use, 0, memory_order_relaxed);
    if (atomic_load_explicit(&t->in_use, memory_order_relaxed))
      live++;
    else
      list_free_locked(t);
  }
  live_after_sweep = live;
}

static ffipin_thread_t *take_free(void) {
  ffipin_thread_t *t = NULL;
  /* Never wait: a signal handler may interrupt the pool's holder on this
   * very thread. Without the lock, a fresh block. */
  if (!ffipin_lock_try_acquire(&pool_lock)) return NULL;
  if (!free_states && atomic_load(&states) > 2 * live_after_sweep + 64) sweep_locked();
  if (free_states) {
    t = free_states;
    free_states = t->next_free;
    t->listed_free = false;
    /* Before the lock goes: a sweep must never see the old owner's id. */
    t->os_tid = ffipin_gettid();
    atomic_store_explicit(&t->in_use, 1, memory_order_relaxed);
  }
  ffipin_lock_release(&pool_lock);
  return t;
}

static ffipin_thread_t *fresh_block(void) {
  ffipin_thread_t *t = ffipin_map_or_die(sizeof(*t), "thread state");
  t->recent_lock = (ffipin_lock_t)FFIPIN_LOCK_INIT_TYPE(recent_allocs);
  t->os_tid = ffipin_gettid();
  atomic_store_explicit(&t->in_use, 1, memory_order_relaxed);
  ffipin_thread_t *head = atomic_load(&every_state);
  do atomic_store_explicit(&t->next_state, head, memory_order_relaxed);
  while (!atomic_compare_exchange_weak(&every_state, &head, t));
  atomic_fetch_add(&states, 1);
  return t;
}

/* Gives t back: to the free list if the pool lock is free, else it waits,
 * marked unused, for the next sweep. */
static void give_back(ffipin_thread_t *t) {
  atomic_store_explicit(&t->in_use, 0, memory_order_release);
  if (!ffipin_lock_try_acquire(&pool_lock)) return;
  list_free_locked(t);
  ffipin_lock_release(&pool_lock);
}

/* A state for the calling thread, published in the TLS pointer if that is
 * still empty. */
static ffipin_thread_t *create(void) {
  ffipin_thread_t *t = take_free();
  if (!t) t = fresh_block();
  /* Every field a previous owner may have left, set again (the scopes are
   * set when they open). */
  t->tid = atomic_fetch_add_explicit(&next_tid, 1, memory_order_relaxed);
  t->stack_lo = t->stack_hi = 0;
  t->in_runtime = t->in_report = 0;
  t->depth = 0;
  atomic_store_explicit(&t->deferred_reserved, 0, memory_order_relaxed);
  atomic_store_explicit(&t->deferred_done, 0, memory_order_relaxed);
  atomic_store_explicit(&t->deferred_dropped, 0, memory_order_relaxed);
  for (int i = 0; i < FFIPIN_MAX_DEFERRED; i++)
    atomic_store_explicit(&t->deferred[i].ready, 0, memory_order_relaxed);
  /* A signal handler on this thread may have made one meanwhile (or, with
   * shared storage, the pointer is another thread's: this one is found by
   * its kernel id from now on). */
  ffipin_thread_t *expected = NULL;
  if (!__atomic_compare_exchange_n(&ffipin_tls_thread, &expected, t, false, __ATOMIC_RELAXED,
                                   __ATOMIC_RELAXED) &&
      !atomic_load(&ffipin_tls_shared)) {
    t->tid = 0; /* never seen by anyone */
    give_back(t);
    return expected;
  }
  return t;
}

/* With shared storage: the live state whose kernel thread is the caller
 * (a walk of every state: only clone() programs get here). */
static ffipin_thread_t *find_by_os_tid(int os_tid) {
  for (ffipin_thread_t *t = atomic_load(&every_state); t; t = atomic_load(&t->next_state))
    if (atomic_load_explicit(&t->in_use, memory_order_acquire) && t->os_tid == os_tid) return t;
  return NULL;
}

ffipin_thread_t *ffipin_thread_find(void) {
  ffipin_thread_t *t = __atomic_load_n(&ffipin_tls_thread, __ATOMIC_RELAXED);
  if (!atomic_load_explicit(&ffipin_tls_shared, memory_order_relaxed)) return t ? t : create();
  int os_tid = ffipin_gettid();
  if (t && t->os_tid == os_tid) return t;
  t = find_by_os_tid(os_tid);
  return t ? t : create();
}

ffipin_thread_t *ffipin_thread_first_state(void) {
  return atomic_load_explicit(&every_state, memory_order_acquire);
}

size_t ffipin_thread_states(void) { return atomic_load_explicit(&states, memory_order_relaxed); }

void ffipin_thread_note_shared_tls(void) {
  /* The creator's own state first, while the TLS pointer is surely its. */
  (void)ffipin_thread_current();
  atomic_store(&ffipin_tls_shared, 1);
}

void ffipin_thread_exit(void) {
  ffipin_thread_t *t = ffipin_thread_current();
  __atomic_compare_exchange_n(&ffipin_tls_thread, &t, NULL, false, __ATOMIC_RELAXED,
                              __ATOMIC_RELAXED);
  FFIPIN_DCHECK(!t->in_runtime);
  give_back(t);
}

void ffipin_thread_set_stack_hi(uintptr_t hi) { ffipin_thread_current()->stack_hi = hi; }

uintptr_t ffipin_thread_find_stack_hi(ffipin_thread_t *t) {
  /* A thread we did not see start (the main thread, or one created by code
   * that was not linked through the wrapper): the end of the mapping
   * holding our own frame. For such threads the TLS block at the top of
   * that mapping counts as stack. */
  uintptr_t lo, hi;
  if (ffipin_find_mapping(FFIPIN_FRAME, &lo, &hi, NULL, 0)) {
    t->stack_lo = lo;
    t->stack_hi = hi;
  } else {
    t->stack_hi = (uintptr_t)-1; /* unknown: treat every higher address as stack */
  }
  return t->stack_hi;
}

static ffipin_thread_t *forking; /* the state of the thread that forks */

void ffipin_thread_before_fork(void) { forking = ffipin_thread_current(); }

void ffipin_thread_after_fork_child(void) {
  /* The parent's other threads are gone: their blocks are swept later. */
  if (forking) forking->os_tid = ffipin_gettid();
}

void ffipin_thread_pool_lock(void) { ffipin_lock_acquire(&pool_lock); }
void ffipin_thread_pool_unlock(void) { ffipin_lock_release(&pool_lock); }
