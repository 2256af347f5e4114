//===-- FFIPinCgo.cpp - cgo-specific instrumentation ----------------------===//
//
// See FFIPinCgo.h. The names matched here are the ABI between cmd/cgo,
// runtime/cgo and the Go runtime, not guesses: cmd/cgo names every call
// wrapper `_cgo` + cPrefix (`_` and 12 hex digits, cmd/cgo/main.go) +
// `_Cfunc_`/`_C2func_` + the C name (cmd/cgo/gcc.go), and the Go runtime
// links runtime/cgo's hooks by their `x_cgo_` names.
//
//===----------------------------------------------------------------------===//
#include "FFIPinCgo.h"
#include "ffipin_go_abi.h"
#include "ffipin_llvm_compat.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"

using namespace llvm;

#define DEBUG_TYPE "ffipin"

STATISTIC(NumCgoCallScopes, "Number of cgo call wrappers given a call scope");
STATISTIC(NumCgoMmapRedirects, "Number of mmap/munmap calls in runtime/cgo redirected");
STATISTIC(NumCgoCallArgs, "Number of pointer arguments of cgo calls handed to the runtime");
STATISTIC(NumCgoMallocRedirects,
          "Number of malloc calls in _Cfunc__Cmalloc (C.CString, C.CBytes, C.malloc) redirected");

namespace ffipin {

bool isCgoCallWrapper(StringRef Name) {
  if (!Name.consume_front("_cgo_") || Name.size() < 12) return false;
  // fmt's %x: lower-case hex.
  if (!all_of(Name.take_front(12), [](char C) { return isDigit(C) || (C >= 'a' && C <= 'f'); }))
    return false;
  Name = Name.drop_front(12);
  return (Name.consume_front("_Cfunc_") || Name.consume_front("_C2func_")) && !Name.empty();
}

bool isCgoRuntimeHook(const Function &F) {
  return !F.isDeclaration() && F.getName().starts_with("x_cgo_");
}

// x_cgo_mmap calls mmap (mmap64 under _FILE_OFFSET_BITS=64 on some libcs);
// x_cgo_munmap calls munmap; _Cfunc__Cmalloc calls malloc. The replacement
// has the same signature.
static bool redirectCalls(Function &F, ArrayRef<StringRef> From, StringRef To,
                          TrackingStatistic &Count) {
  SmallVector<CallInst *, 2> Calls;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *CI = dyn_cast<CallInst>(&I))
        if (Function *Callee = CI->getCalledFunction())
          if (is_contained(From, Callee->getName())) Calls.push_back(CI);
  for (CallInst *CI : Calls) {
    FunctionCallee Target = F.getParent()->getOrInsertFunction(To, CI->getFunctionType());
    CI->setCalledFunction(Target);
    ++Count;
  }
  return !Calls.empty();
}

// Whether Base is the wrapper's argument frame: its parameter `v`, or (at
// -O0) a load of the local variable `v` was stored into.
static bool isArgumentFrame(const Value *Base, const Argument *Frame) {
  if (Base == Frame) return true;
  const auto *LI = dyn_cast<LoadInst>(Base);
  const auto *Slot =
      LI ? dyn_cast<AllocaInst>(LI->getPointerOperand()->stripPointerCasts()) : nullptr;
  if (!Slot) return false;
  for (const User *U : Slot->users())
    if (const auto *SI = dyn_cast<StoreInst>(U))
      if (SI->getPointerOperand() == Slot && SI->getValueOperand() == Frame) return true;
  return false;
}

// Each pointer the wrapper loads from its argument frame (`_cgo_a->p0`, the
// call's arguments) goes to the runtime, which keeps those into the Go heap
// as what the call lent.
static void passArguments(Function &F) {
  if (F.arg_empty()) return;
  Argument *Frame = F.getArg(0);
  const DataLayout &DL = F.getParent()->getDataLayout();
  SmallVector<LoadInst *, 8> Loads;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *LI = dyn_cast<LoadInst>(&I)) {
        int64_t Offset;
        const Value *Base = GetPointerBaseWithConstantOffset(LI->getPointerOperand(), Offset, DL);
        if (LI->getType()->isPointerTy() && isArgumentFrame(Base, Frame)) Loads.push_back(LI);
      }
  if (Loads.empty()) return;
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  AttributeList Attr = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  FunctionCallee Arg = M.getOrInsertFunction(FFIPIN_ABI_GO_CALL_ARG, Attr, Type::getVoidTy(Ctx),
                                             PointerType::getUnqual(Ctx));
  for (LoadInst *LI : Loads) {
    InstrumentationIRBuilder IRB(LI->getNextNode());
    IRB.CreateCall(Arg, {LI});
    ++NumCgoCallArgs;
  }
}

static bool addCallScope(Function &F) {
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  AttributeList Attr = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  FunctionCallee Begin =
      M.getOrInsertFunction(FFIPIN_ABI_GO_CALL_BEGIN, Attr, Type::getVoidTy(Ctx));
  FunctionCallee End = M.getOrInsertFunction(FFIPIN_ABI_GO_CALL_END, Attr, Type::getVoidTy(Ctx));

  passArguments(F);
  // After the entry block's allocas, so they stay static.
  BasicBlock::iterator IP = F.getEntryBlock().getFirstInsertionPt();
  while (isa<AllocaInst>(*IP)) ++IP;
  InstrumentationIRBuilder IRB(&*IP);
  IRB.CreateCall(Begin);

  // Every return and, for C++ code called through cgo, every unwind out of
  // the wrapper ends the scope.
  EscapeEnumerator EE(F, "ffipin.cgo.cleanup");
  while (IRBuilder<> *AtExit = EE.Next()) {
    InstrumentationIRBuilder::ensureDebugInfo(*AtExit, F);
    AtExit->CreateCall(End);
  }
  ++NumCgoCallScopes;
  return true;
}

bool instrumentCgoFunction(Function &F) {
  if (F.isDeclaration()) return false;
  StringRef Name = F.getName();
  if (Name == "x_cgo_mmap")
    return redirectCalls(F, {"mmap", "mmap64"}, FFIPIN_ABI_GO_MMAP, NumCgoMmapRedirects);
  if (Name == "x_cgo_munmap")
    return redirectCalls(F, {"munmap"}, FFIPIN_ABI_GO_MUNMAP, NumCgoMmapRedirects);
  if (!isCgoCallWrapper(Name)) return false;
  // The C half of C.CString, C.CBytes and C.malloc: its allocation is
  // recorded with the Go stack, for the leak check at exit.
  if (Name.ends_with(FFIPIN_ABI_GO_CMALLOC_WRAPPER_SUFFIX))
    redirectCalls(F, {"malloc"}, FFIPIN_ABI_GO_CMALLOC, NumCgoMallocRedirects);
  return addCallScope(F);
}

} // namespace ffipin
