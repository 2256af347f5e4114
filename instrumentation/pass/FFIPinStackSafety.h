//===-- FFIPinStackSafety.h - Cold calls that keep locals safe -*- C++ -*-===//
//
// ASan (and HWASan, MemTag) run after the pass and ask LLVM's
// StackSafetyAnalysis which locals need redzones and fake frames. That
// analysis treats a pointer passed to a function it cannot see into as an
// access of unknown range. So the cold call `__ffipin_store(slot, v)` on a
// store through a pointer parameter (`*ppLast = p`) made every caller's
// local passed as that parameter unsafe: in SQLite's sqlite3.c, 302 fake
// frames under -fsanitize=address,ffi-pin against 260 under
// -fsanitize=address, and the time that costs.
//
// The runtime reads only the slot's own word, and only through its safe
// reads; it never touches the memory around it. So for such functions the
// cold calls go through a trampoline defined in the module: a naked function
// whose body is one `jmp` to the entry point. Its parameters have no uses
// in IR, which StackSafety reads as no access; the arguments stay in their
// registers, and the entry point returns straight to the store's call site,
// so the runtime's stacks are unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_STACK_SAFETY_H
#define FFIPIN_STACK_SAFETY_H

#include "llvm/IR/DerivedTypes.h"

namespace llvm {
class Function;
} // namespace llvm

namespace ffipin {

// The callee for the cold calls of Entry (a declaration of ours) from F:
// Entry, or its trampoline when a sanitizer that consults StackSafety will
// instrument F and the target has one (x86-64 ELF).
llvm::FunctionCallee coldCallee(const llvm::Function &F, llvm::FunctionCallee Entry);

} // namespace ffipin

#endif // FFIPIN_STACK_SAFETY_H
