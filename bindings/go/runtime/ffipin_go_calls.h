/* cgo calls as call scopes: the pass brackets every cgo call wrapper
 * (`_cgo_<hash>_Cfunc_<name>`) with these, at entry and at every exit,
 * when its inline code (ffipin_go_abi.h) leaves the case to the runtime. */
#ifndef FFIPIN_GO_CALLS_H
#define FFIPIN_GO_CALLS_H

#include "base/ffipin_common.h"

void __ffipin_go_call_begin(void) FFIPIN_EXPORT;
void __ffipin_go_call_end(void) FFIPIN_EXPORT;

#endif
