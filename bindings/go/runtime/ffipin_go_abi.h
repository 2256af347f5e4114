/* Go's part of the contract between the pass and the runtime (the rest is
 * runtime/base/ffipin_abi.h): included by bindings/go/pass/FFIPinCgo.cpp and
 * by the Go runtime part here, which defines these functions. */
#ifndef FFIPIN_GO_ABI_H
#define FFIPIN_GO_ABI_H

/* Go (bindings/go): the pass brackets each cgo call wrapper
 * (`_cgo_<hash>_Cfunc_<name>`) with a begin and an end (void(void) calls
 * when the inline case below does not apply), and sends
 * runtime/cgo's mmap/munmap calls (x_cgo_mmap, x_cgo_munmap) to functions
 * with libc's signatures. */
#define FFIPIN_ABI_GO_CALL_BEGIN "__ffipin_go_call_begin"
#define FFIPIN_ABI_GO_CALL_END "__ffipin_go_call_end"
#define FFIPIN_ABI_GO_MMAP "__ffipin_go_mmap"
#define FFIPIN_ABI_GO_MUNMAP "__ffipin_go_munmap"

/* The thread's open cgo calls, one thread-local object (initial-exec) of
 * FFIPIN_GO_CALLS_SIZE bytes that the runtime defines
 * (ffipin_go_calls.c, calls_t) and the pass reads and writes at the byte
 * offsets below. The pass does the common case of the hooks inline:
 * - a begin at depth d < limit whose outer call's frame, frames[d], lies
 *   above its own (none abandoned; frames[0] lies above every frame)
 *   announces the call: frames[d + 1] = its frame - 1 (frame pointers are
 *   even: an odd word is a call the runtime did not open), begin_pcs[d] =
 *   the wrapper, then args_depth = depth = d + 1, nargs = 0;
 * - an end at depth d + 1 <= limit whose word frames[d + 1] is still its
 *   frame - 1 and that kept no argument pops it: depth = d;
 * - each pointer the wrapper loads from its Go argument frame (an argument
 *   of the call) that the bounds may contain is kept in args, for the scan
 *   of memory uninstrumented code writes; while skip is not 0, it is not
 *   kept and skip goes down by one (the runtime sets skip when the scan's
 *   queue refused a call: the calls after it end inline, not in a runtime
 *   that would refuse them too).
 * Anything else calls __ffipin_go_call_begin/end. limit is 0 until a
 * thread's first begin reached the runtime, and while print_stats counts
 * every scope. depth is not at offset 0: x86-64 addresses a thread-local
 * word at offset 0 through a register instead of %fs. */
#define FFIPIN_ABI_GO_CALLS "__ffipin_go_calls"
enum {
  FFIPIN_GO_CALLS = 32,            /* remembered calls: FFIPIN_MAX_SCOPES */
  FFIPIN_GO_CALL_ARGS = 8,         /* kept arguments: FFIPIN_LEND_POINTERS */
  FFIPIN_GO_CALLS_LIMIT = 0,       /* uint32, <= FFIPIN_GO_CALLS */
  FFIPIN_GO_CALLS_DEPTH = 4,       /* uint32 */
  FFIPIN_GO_CALLS_ARGS_DEPTH = 8,  /* uint32; nargs follows: one 64-bit store sets both */
  FFIPIN_GO_CALLS_NARGS = 12,      /* uint32 */
  FFIPIN_GO_CALLS_ARGS = 16,       /* uint64[FFIPIN_GO_CALL_ARGS] */
  FFIPIN_GO_CALLS_FRAMES = 80,     /* uint64[FFIPIN_GO_CALLS + 1]: ~0, the wrappers' frames (- 1) */
  FFIPIN_GO_CALLS_BEGIN_PCS = 344, /* uint64[FFIPIN_GO_CALLS]: the wrapper (a pc in it, - 1) */
  FFIPIN_GO_CALLS_SCOPES = 600,    /* uint8[FFIPIN_GO_CALLS] */
  FFIPIN_GO_CALLS_SKIP = 632,      /* uint32: arguments not to keep */
  FFIPIN_GO_CALLS_SIZE = 640,
};

/* void *(size_t): the malloc of `_cgo_<hash>_Cfunc__Cmalloc`, the C half of
 * every C.CString, C.CBytes and C.malloc (cmd/cgo/out.go), so that the
 * allocation is recorded with its Go stack for the leak check. */
#define FFIPIN_ABI_GO_CMALLOC "__ffipin_go_cmalloc"
#define FFIPIN_ABI_GO_CMALLOC_WRAPPER_SUFFIX "_Cfunc__Cmalloc"

#endif
