/* Thread start records of the pthread_create interceptor: the start
 * function and its argument, kept from pthread_create until the thread
 * ends, in an mmap'd pool (never malloc). The argument's word is a held
 * slot for the thread's life when it is foreign. */
#ifndef FFIPIN_START_RECORDS_H
#define FFIPIN_START_RECORDS_H

#include "base/ffipin_common.h"

typedef struct ffipin_start_record_s {
  void *(*fn)(void *);
  void *arg;
  struct ffipin_start_record_s *next_free;
} ffipin_start_record_t;

ffipin_start_record_t *ffipin_start_record_get(void) FFIPIN_INTERNAL;
/* The record's thread ended (or never started): the argument is no longer
 * held, and the record goes back to the pool. */
void ffipin_start_record_put(ffipin_start_record_t *r) FFIPIN_INTERNAL;

/* For fork: hold/release the pool's lock. */
void ffipin_start_records_lock(void) FFIPIN_INTERNAL;
void ffipin_start_records_unlock(void) FFIPIN_INTERNAL;

#endif
