//===-- FFIPinFallbacks.cpp - Runtime stand-ins in shared libraries -------===//
#include "FFIPinFallbacks.h"
#include "base/ffipin_abi.h"
#include "ffipin_llvm_compat.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include <cstdlib>
#include <cstring>

using namespace llvm;

#define DEBUG_TYPE "ffipin"

STATISTIC(NumFallbacks, "Number of weak runtime stand-ins defined in shared-library code");

namespace ffipin {

bool isSharedLibraryCode(const Module &M) {
  return M.getPICLevel() != PICLevel::NotPIC && M.getPIELevel() == PIELevel::Default;
}

bool wantFallbacks(const Module &M) {
  const char *Off = std::getenv(FFIPIN_ABI_NO_FALLBACKS_ENV);
  return isSharedLibraryCode(M) && !(Off && *Off && std::strcmp(Off, "0") != 0);
}

// The definition keeps the declaration's calling convention: preserve_most
// for the pass's callbacks (ffipin_abi.h), as the runtime's have.
static void defineVoidFunction(Module &M, StringRef Name) {
  Function *F = M.getFunction(Name);
  if (!F || !F->isDeclaration() || !F->getReturnType()->isVoidTy()) return;
  F->setLinkage(GlobalValue::WeakAnyLinkage);
  ReturnInst::Create(M.getContext(), BasicBlock::Create(M.getContext(), "", F));
  ++NumFallbacks;
}

static void defineZeroObject(Module &M, StringRef Name) {
  if (GlobalVariable *GV = M.getGlobalVariable(Name); GV && GV->isDeclaration()) {
    GV->setInitializer(Constant::getNullValue(GV->getValueType()));
    GV->setLinkage(GlobalValue::WeakAnyLinkage);
    ++NumFallbacks;
  }
}

void defineFallbacks(Module &M, ArrayRef<StringRef> VoidFunctions,
                     ArrayRef<StringRef> ZeroObjects) {
  defineZeroObject(M, FFIPIN_ABI_BOUNDS);
  for (StringRef Name : ZeroObjects) defineZeroObject(M, Name);
  for (StringRef Name : {FFIPIN_ABI_STORE, FFIPIN_ABI_STORE_INT_COPY, FFIPIN_ABI_MEMCPY})
    defineVoidFunction(M, Name);
  for (StringRef Name : VoidFunctions) defineVoidFunction(M, Name);
}

} // namespace ffipin
