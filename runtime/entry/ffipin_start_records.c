#include "entry/ffipin_start_records.h"

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "model/ffipin_held.h"

static ffipin_lock_t pool_lock = FFIPIN_LOCK_INIT_TYPE(start_records);
static ffipin_start_record_t *pool;

void ffipin_start_records_lock(void) { ffipin_lock_acquire(&pool_lock); }
void ffipin_start_records_unlock(void) { ffipin_lock_release(&pool_lock); }

ffipin_start_record_t *ffipin_start_record_get(void) {
  ffipin_lock_acquire(&pool_lock);
  if (!pool) {
    enum { CHUNK = 65536 };
    ffipin_start_record_t *chunk = ffipin_map_or_die(CHUNK, "thread start records");
    for (size_t i = 0; i < CHUNK / sizeof(*chunk); i++) {
      chunk[i].next_free = pool;
      pool = &chunk[i];
    }
  }
  ffipin_start_record_t *r = pool;
  pool = r->next_free;
  ffipin_lock_release(&pool_lock);
  return r;
}

void ffipin_start_record_put(ffipin_start_record_t *r) {
  ffipin_held_forget_range((uintptr_t)&r->arg, (uintptr_t)(&r->arg + 1));
  r->arg = NULL;
  ffipin_lock_acquire(&pool_lock);
  r->next_free = pool;
  pool = r;
  ffipin_lock_release(&pool_lock);
}
