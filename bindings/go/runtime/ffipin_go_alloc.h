/* C allocations made from Go: C.CString, C.CBytes and C.malloc all reach
 * `_cgo_<hash>_Cfunc__Cmalloc`, whose malloc the pass sends here. */
#ifndef FFIPIN_GO_ALLOC_H
#define FFIPIN_GO_ALLOC_H

#include "base/ffipin_common.h"

void *__ffipin_go_cmalloc(size_t n) FFIPIN_EXPORT;

#endif
