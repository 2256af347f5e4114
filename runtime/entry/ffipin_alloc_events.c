/* The allocator's events, from whichever interceptor sees them. A shared
 * library's free reaches us only through an allocator the executable
 * defines (ours, interposed; or another sanitizer's, whose hooks we
 * install) or through the preloaded runtime's own free. */
#include "entry/ffipin_alloc_events.h"

#include <malloc.h>
#include <stdatomic.h>

#include "base/ffipin_flags.h"
#include "base/ffipin_stats.h"
#include "entry/ffipin_init.h"
#include "model/ffipin_allocs.h"
#include "model/ffipin_allocs_recent.h"
#include "model/ffipin_held.h"
#include "model/ffipin_lends.h"
#include "model/ffipin_module_frames.h"
#include "model/ffipin_modules.h"

/* What the allocator's caller at pc is, from t's cache of sites: two
 * places per pc hash (two sites of one hash would otherwise evict each
 * other on every block). */
static ffipin_alloc_site_t *site_of(ffipin_thread_t *t, uintptr_t pc) {
  unsigned generation = ffipin_modules_generation();
  ffipin_alloc_site_t *s = ffipin_alloc_site_judged(t, pc, generation);
  if (FFIPIN_LIKELY(s)) return s;
  size_t i = ffipin_alloc_site_hash(pc);
  s = &t->alloc_sites[i];
  if (s->pc && s->generation == generation) s = &t->alloc_sites[i ^ 1];
  unsigned module = ffipin_modules_find(pc - 1);
  const ffipin_module_t *m = ffipin_modules_get(module);
  bool native = m && !m->switches_stacks;
  *s = (ffipin_alloc_site_t){.pc = pc,
                             .generation = generation,
                             .module = (uint16_t)module,
                             .instrumented = m && m->instrumented,
                             .native = native,
                             .chainless =
                                 native && !m->instrumented && ffipin_module_omits_frames(module)};
  return s;
}

/* With t's guard held: what record_block does. */
static void record_judged(ffipin_thread_t *t, void *p, size_t n, uintptr_t pc, uintptr_t bp) {
  ffipin_alloc_site_t *s = site_of(t, pc);
  if (s->instrumented) return;
  ffipin_stack_id_t stack;
  if (!s->native) {
    stack = ffipin_stack_capture(pc, bp);
  } else if (s->chainless || ffipin_stack_native_is_pc_alone(t, bp)) {
    if (FFIPIN_UNLIKELY(!s->stack)) s->stack = ffipin_stack_from_pcs(&pc, 1);
    stack = s->stack;
  } else {
    stack = ffipin_stack_capture_native(pc, bp);
  }
  ffipin_allocs_keep_recent(t, (uintptr_t)p, n, stack, s->module);
}

FFIPIN_NOINLINE void ffipin_alloc_record_block_slow(void *p, size_t n, uintptr_t pc, uintptr_t bp) {
  if (!ffipin_alloc_runtime_ready()) return;
  ffipin_thread_t *t = ffipin_enter();
  if (!t) return;
  FFIPIN_COUNT(blocks_recorded_slow);
  record_judged(t, p, n, pc, bp);
  ffipin_leave(t);
}

void ffipin_alloc_record_block(void *p, size_t n, uintptr_t pc, uintptr_t bp) {
  if (FFIPIN_UNLIKELY(!ffipin_alloc_record_block_fast(p, n, pc, bp)))
    ffipin_alloc_record_block_slow(p, n, pc, bp);
}

/* Forgetting a record takes its shard's lock: through the hook entry
 * sequence, so that a free in a signal handler that interrupted this
 * thread inside the allocation records waits in the thread's queue instead
 * of spinning on a lock its own thread holds. */
static void replay_forget(ffipin_thread_t *t, const ffipin_deferred_t *d) {
  ffipin_allocs_forget_on(t, d->arg[0]);
}
FFIPIN_NOINLINE void ffipin_alloc_forget_record_slow(void *p) {
  ffipin_thread_t *t = ffipin_enter_or_defer(replay_forget, (uintptr_t)p, 0, 0, 0, 0);
  if (!t) return;
  ffipin_allocs_forget_on(t, (uintptr_t)p);
  ffipin_leave(t);
}
void ffipin_alloc_forget_record(void *p) {
  if (FFIPIN_UNLIKELY(!ffipin_alloc_forget_record_fast(p))) ffipin_alloc_forget_record_slow(p);
}

/* With the guard held: p's record follows the block to q (or goes, when
 * realloc(p, 0) freed it). False when nothing moved. */
static bool move_record(void *p, void *q, size_t n) {
  if (q) return ffipin_allocs_move((uintptr_t)p, (uintptr_t)q, n);
  if (n == 0) ffipin_allocs_forget((uintptr_t)p);
  return false;
}

void ffipin_alloc_on_realloc_entered(void *p, void *q, size_t n, uintptr_t pc, uintptr_t bp) {
  if (!p || !move_record(p, q, n)) ffipin_alloc_on_malloc(q, n, pc, bp);
}

void ffipin_alloc_move_record(void *p, void *q, size_t n, uintptr_t pc, uintptr_t bp) {
  ffipin_thread_t *t = ffipin_enter();
  if (!t) {
    /* Busy here (a signal handler's realloc): the old record goes, in
     * order; the new block is not attributed. */
    ffipin_alloc_forget_record(p);
    return;
  }
  bool moved = move_record(p, q, n);
  ffipin_leave(t);
  if (!moved) ffipin_alloc_on_malloc(q, n, pc, bp); /* enters by itself */
}

#if defined(FFIPIN_STATIC_RUNTIME)
signed char ffipin_alloc_interposed_known;
#endif

/* With another sanitizer's allocator in the process (ASan, LSan), ask it:
 * its malloc_usable_size would itself report a pointer it does not own,
 * and a double or invalid free must reach its free as the program made it. */
extern int __sanitizer_get_ownership(const volatile void *p) __attribute__((weak));
extern size_t __sanitizer_get_allocated_size(const volatile void *p) __attribute__((weak));
size_t ffipin_alloc_block_size(void *p) {
  if (__sanitizer_get_ownership && __sanitizer_get_allocated_size)
    return __sanitizer_get_ownership(p) ? __sanitizer_get_allocated_size(p) : 0;
  return malloc_usable_size(p);
}

static void forget_block(void *p) {
  uintptr_t n = ffipin_alloc_block_size(p);
  ffipin_held_forget_range((uintptr_t)p, (uintptr_t)p + n);
}

/* A free kept for later runs whole then: its slots are forgotten before
 * the block can be reused. */
static void replay_free(ffipin_thread_t *t, const ffipin_deferred_t *d) {
  forget_block((void *)d->arg[0]);
  ((void (*)(void *))d->arg[1])((void *)d->arg[0]);
}

void ffipin_alloc_forget_block(void *p, void (*release)(void *), uintptr_t pc) {
  ffipin_thread_t *t = ffipin_enter();
  if (!t) {
    /* Busy on this thread: the whole free waits (its slots must go before
     * the block can be reused), unless the thread's queue is full. */
    if (!ffipin_defer(ffipin_thread_current(), replay_free, (uintptr_t)p, (uintptr_t)release, 0, 0,
                      pc))
      release(p);
    return;
  }
  forget_block(p);
  ffipin_leave(t);
  release(p);
}

/* sanitizer_common's hooks: called by ASan's, LSan's, TSan's and MSan's
 * allocators on every allocation and free (both hooks are required). */
extern int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *,
                                                                         size_t),
                                                     void (*free_hook)(const volatile void *))
    __attribute__((weak));

static atomic_bool hooks_installed;

/* Another sanitizer's allocator calls this from inside itself: the caller
 * is not known, so the block counts as uninstrumented code's. */
static void malloc_hook(const volatile void *p, size_t n) {
  ffipin_alloc_on_malloc((void *)p, n, 0, FFIPIN_FRAME);
}
static void free_hook(const volatile void *p) { ffipin_alloc_on_free((void *)p); }

bool ffipin_alloc_frees_visible(void) {
#if defined(FFIPIN_SHARED_RUNTIME)
  return true; /* the preloaded runtime's free interposes every module's */
#else
  return ffipin_alloc_interposed() || atomic_load_explicit(&hooks_installed, memory_order_relaxed);
#endif
}

/* Before main: another sanitizer's allocator is set up by then (its own
 * start-up runs from .preinit_array). */
__attribute__((constructor)) static void install_hooks(void) {
  if (ffipin_alloc_interposed() || !__sanitizer_install_malloc_and_free_hooks) return;
  if (__sanitizer_install_malloc_and_free_hooks(malloc_hook, free_hook))
    atomic_store(&hooks_installed, true);
}
