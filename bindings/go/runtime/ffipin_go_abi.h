/* Go's part of the contract between the pass and the runtime (the rest is
 * runtime/base/ffipin_abi.h): included by bindings/go/pass/FFIPinCgo.cpp and
 * by the Go runtime part here, which defines these functions. */
#ifndef FFIPIN_GO_ABI_H
#define FFIPIN_GO_ABI_H

/* Go (bindings/go): the pass brackets each cgo call wrapper
 * (`_cgo_<hash>_Cfunc_<name>`) with void(void) begin/end calls, and sends
 * runtime/cgo's mmap/munmap calls (x_cgo_mmap, x_cgo_munmap) to functions
 * with libc's signatures. */
#define FFIPIN_ABI_GO_CALL_BEGIN "__ffipin_go_call_begin"
#define FFIPIN_ABI_GO_CALL_END "__ffipin_go_call_end"
#define FFIPIN_ABI_GO_MMAP "__ffipin_go_mmap"
#define FFIPIN_ABI_GO_MUNMAP "__ffipin_go_munmap"

/* void (void *): a pointer the cgo call wrapper just loaded from its Go
 * argument frame (an argument of the call), for the scan of memory
 * uninstrumented code writes: the objects a call lent. */
#define FFIPIN_ABI_GO_CALL_ARG "__ffipin_go_call_arg"

/* void *(size_t): the malloc of `_cgo_<hash>_Cfunc__Cmalloc`, the C half of
 * every C.CString, C.CBytes and C.malloc (cmd/cgo/out.go), so that the
 * allocation is recorded with its Go stack for the leak check. */
#define FFIPIN_ABI_GO_CMALLOC "__ffipin_go_cmalloc"
#define FFIPIN_ABI_GO_CMALLOC_WRAPPER_SUFFIX "_Cfunc__Cmalloc"

#endif
