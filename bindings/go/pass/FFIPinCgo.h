//===-- FFIPinCgo.h - cgo-specific instrumentation --------------*- C++ -*-===//
//
// What the pass does differently in C code that cmd/cgo and runtime/cgo put
// into a Go program (see bindings/go/README.md for the whole mechanism):
//
//  - `_cgo_<12 hex>_Cfunc_<name>` / `_cgo_<12 hex>_C2func_<name>`: the C half
//    of every cgo call (cmd/cgo/out.go, writeOutputFunc). Each is a call
//    scope, begun at entry and ended at every exit, unwinding included: the
//    common case inline in the thread's __ffipin_go_calls (the call is
//    announced, and popped again), the rest by __ffipin_go_call_begin() and
//    __ffipin_go_call_end() (ffipin_go_abi.h). Each pointer it loads from its
//    Go argument frame (the call's arguments) that the bounds may contain is
//    kept there too, as what the call lent.
//  - `_cgo_<12 hex>_Cfunc__Cmalloc`: the C half of C.CString, C.CBytes and
//    C.malloc. Its malloc call goes to __ffipin_go_cmalloc, which records the
//    block with its Go stack for the cgo-leak check at exit.
//  - `x_cgo_mmap` / `x_cgo_munmap` (runtime/cgo/gcc_mmap.c): the only way the
//    Go runtime maps memory when cgo is on. Their calls of mmap/munmap go to
//    __ffipin_go_mmap/__ffipin_go_munmap, which register the Go heap.
//  - `x_cgo_*`: runtime/cgo's C implementations of the Go runtime's hooks
//    (the `x_` names runtime/cgo/callbacks.go and mmap.go import). They copy
//    the runtime's own structures (a new M's g in x_cgo_thread_start) into
//    C memory, which is not a user keeping a Go pointer: no store in them is
//    instrumented.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_CGO_H
#define FFIPIN_CGO_H

namespace llvm {
class Function;
class StringRef;
} // namespace llvm

namespace ffipin {

// The C half of a cgo call (`_cgo_<hash>_Cfunc_<name>`).
bool isCgoCallWrapper(llvm::StringRef Name);

// runtime/cgo's C implementation of a Go runtime hook (`x_cgo_<hook>`):
// the main pass must not instrument its stores.
bool isCgoRuntimeHook(const llvm::Function &F);

// Adds the call scope to a cgo call wrapper, or redirects mmap/munmap in
// x_cgo_mmap/x_cgo_munmap. Returns whether F changed. Run it after the
// store instrumentation of F (its calls are not stores, but the scope must
// enclose every instrumented store).
bool instrumentCgoFunction(llvm::Function &F);

} // namespace ffipin

#endif // FFIPIN_CGO_H
