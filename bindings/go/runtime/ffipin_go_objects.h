/* Which Go object holds a pointer, asked of the Go glue (bindings/go/glue:
 * ffipinGoObjects, exported by runtime/cgo) through a cgo callback. Only at
 * the end of a cgo call, on the thread that made it: there the goroutine is
 * known and the wrapper is done with its argument frame, which the
 * callback may move (cmd/cgo re-reads it through _cgo_topofstack for the
 * same reason). */
#ifndef FFIPIN_GO_OBJECTS_H
#define FFIPIN_GO_OBJECTS_H

#include "base/ffipin_thread.h"

/* ffipin_object_fn (checks/ffipin_check_unseen.h) for Go; without the glue
 * every base is 0. */
void ffipin_go_objects(ffipin_thread_t *t, const uintptr_t *ptrs, size_t n, uintptr_t *bases,
                       uintptr_t *sizes) FFIPIN_INTERNAL;

#endif
