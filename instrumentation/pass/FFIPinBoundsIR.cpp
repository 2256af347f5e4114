//===-- FFIPinBoundsIR.cpp - The foreign bounds, as IR --------------------===//
#include "FFIPinBoundsIR.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace ffipin {

StructType *boundsType(LLVMContext &Ctx) {
  return StructType::get(
      Ctx, SmallVector<Type *, FFIPIN_BOUNDS_FIELDS>(FFIPIN_BOUNDS_FIELDS, Type::getInt64Ty(Ctx)));
}

Constant *getOrInsertBounds(Module &M) {
  Constant *Bounds = M.getOrInsertGlobal(FFIPIN_ABI_BOUNDS, boundsType(M.getContext()));
  if (auto *GV = dyn_cast<GlobalVariable>(Bounds);
      GV && (M.getPIELevel() != PIELevel::Default || M.getPICLevel() == PICLevel::NotPIC))
    GV->setDSOLocal(true);
  return Bounds;
}

LoadInst *loadBoundsWord(IRBuilderBase &IRB, Constant *Bounds, ffipin_bounds_field Field,
                         const Twine &Name) {
  Value *Ptr = Field == FFIPIN_BOUNDS_LO
                   ? Bounds
                   : IRB.CreateStructGEP(boundsType(IRB.getContext()), Bounds, Field);
  LoadInst *L = IRB.CreateAlignedLoad(IRB.getInt64Ty(), Ptr, Align(8), Name);
  L->setAtomic(AtomicOrdering::Unordered);
  return L;
}

} // namespace ffipin
