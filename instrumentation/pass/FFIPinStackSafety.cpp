//===-- FFIPinStackSafety.cpp - Cold calls that keep locals safe ----------===//
//
// See FFIPinStackSafety.h for why the trampolines exist.
//
//===----------------------------------------------------------------------===//
#include "FFIPinStackSafety.h"
#include "ffipin_llvm_compat.h"

#include "llvm/ADT/Twine.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

#define DEBUG_TYPE "ffipin"

STATISTIC(NumTrampolines, "Number of trampolines that hide cold calls' pointers from StackSafety");

namespace ffipin {

// The sanitizers whose instrumentation of F depends on StackSafety.
static bool usesStackSafety(const Function &F) {
  return F.hasFnAttribute(Attribute::SanitizeAddress) ||
         F.hasFnAttribute(Attribute::SanitizeHWAddress) ||
         F.hasFnAttribute(Attribute::SanitizeMemTag);
}

static Function *getOrInsertTrampoline(Module &M, Function &Entry) {
  std::string Name = (Entry.getName() + ".stack_safe").str();
  if (Function *Existing = M.getFunction(Name)) return Existing;
  // Internal and dso_local: StackSafety follows calls only into such
  // definitions. Naked: no prologue, so the jump leaves the stack and every
  // register as the caller set them up (the entry points use preserve_most).
  // Through the GOT, as the nonlazybind calls do: no lazy PLT resolver.
  Function *T = Function::Create(Entry.getFunctionType(), GlobalValue::InternalLinkage, Name, M);
  T->setCallingConv(Entry.getCallingConv());
  T->addFnAttr(Attribute::Naked);
  T->addFnAttr(Attribute::NoInline);
  T->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> IRB(BasicBlock::Create(M.getContext(), "", T));
  FunctionType *AsmTy = FunctionType::get(IRB.getVoidTy(), false);
  IRB.CreateCall(InlineAsm::get(AsmTy, ("jmp *" + Entry.getName() + "@GOTPCREL(%rip)").str(), "",
                                /*hasSideEffects=*/true));
  IRB.CreateUnreachable();
  ++NumTrampolines;
  return T;
}

FunctionCallee coldCallee(const Function &F, FunctionCallee Entry) {
  auto *EntryFn = dyn_cast<Function>(Entry.getCallee());
  Module &M = *const_cast<Module *>(F.getParent());
  Triple T(M.getTargetTriple());
  if (!EntryFn || !usesStackSafety(F) || T.getArch() != Triple::x86_64 ||
      T.getEnvironment() == Triple::GNUX32 || !T.isOSBinFormatELF())
    return Entry;
  return getOrInsertTrampoline(M, *EntryFn);
}

} // namespace ffipin
