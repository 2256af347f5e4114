//===-- FFIPinBoundsIR.h - The foreign bounds, as IR ------------*- C++ -*-===//
//
// The one global the inline checks read (__ffipin_foreign_bounds, laid out
// in ffipin_abi.h), for every part of the pass that reads it: its type, its
// declaration in a module, and the load of one of its words.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_BOUNDS_IR_H
#define FFIPIN_BOUNDS_IR_H

#include "base/ffipin_abi.h"

#include "llvm/ADT/Twine.h"

namespace llvm {
class Constant;
class IRBuilderBase;
class LLVMContext;
class LoadInst;
class Module;
class StructType;
} // namespace llvm

namespace ffipin {

// { i64 x FFIPIN_BOUNDS_FIELDS }.
llvm::StructType *boundsType(llvm::LLVMContext &Ctx);

// The module's declaration of the bounds. In code for an executable (PIE or
// not PIC at all), which is linked with the static runtime, it is dso_local:
// RIP-relative operands instead of a GOT load save an instruction and a
// register per check. Code for a shared library reaches it through the GOT
// (it is defined in the executable or the preloaded runtime).
llvm::Constant *getOrInsertBounds(llvm::Module &M);

// One word of the bounds: an unordered atomic load (the runtime writes the
// bounds while other threads check; unordered loads are not a data race,
// and x86 folds them into the compare). lo only shrinks and hi only grows,
// so the words need no order between their loads.
llvm::LoadInst *loadBoundsWord(llvm::IRBuilderBase &IRB, llvm::Constant *Bounds,
                               ffipin_bounds_field Field, const llvm::Twine &Name);

} // namespace ffipin

#endif // FFIPIN_BOUNDS_IR_H
