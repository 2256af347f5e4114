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
#include "FFIPinBoundsIR.h"
#include "base/ffipin_abi.h"
#include "ffipin_go_abi.h"
#include "ffipin_llvm_compat.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
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

namespace {
// The thread's open cgo calls (__ffipin_go_calls, laid out in
// ffipin_go_abi.h), as the wrapper's inline code sees them: nearly every
// call only announces its scope and pops it again, and the runtime's hooks
// are called for the rest. Every access is !nosanitize (not the program's).
class CallsObject {
public:
  explicit CallsObject(Function &F)
      : F(F), M(*F.getParent()), Ctx(M.getContext()), I8(Type::getInt8Ty(Ctx)),
        I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)) {
    GV = M.getGlobalVariable(FFIPIN_ABI_GO_CALLS);
    if (!GV)
      GV = new GlobalVariable(M, ArrayType::get(I8, FFIPIN_GO_CALLS_SIZE), false,
                              GlobalValue::ExternalLinkage, nullptr, FFIPIN_ABI_GO_CALLS, nullptr,
                              GlobalValue::InitialExecTLSModel);
    AttributeList Attr = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
    Type *VoidTy = Type::getVoidTy(Ctx);
    Begin = M.getOrInsertFunction(FFIPIN_ABI_GO_CALL_BEGIN, Attr, VoidTy);
    End = M.getOrInsertFunction(FFIPIN_ABI_GO_CALL_END, Attr, VoidTy);
  }

  // At entry: announce the call, or let the runtime pop calls a Go panic
  // abandoned (a remembered frame at or above ours) and count.
  void emitBegin(Instruction *Before) {
    Site S(Before, GV);
    IRBuilder<> &IRB = S.IRB;
    Value *Depth = load(IRB, I32, S.Base, FFIPIN_GO_CALLS_DEPTH, "ffipin.depth");
    Value *Below = IRB.CreateICmpULT(Depth, load(IRB, I32, S.Base, FFIPIN_GO_CALLS_LIMIT, ""));
    // Depth < limit <= FFIPIN_GO_CALLS from here on: D indexes the arrays.
    Value *D = IRB.CreateZExt(Depth, I64);
    // The outer call's word (frames[0] at depth 0) lies above our frame; an
    // announced call's word is its frame - 1, still above.
    S.inlineOrCall(Below, "ffipin.new", Before, "ffipin.announce", "ffipin.call.begin", Begin,
                   [&](IRBuilder<> &B) {
                     return B.CreateICmpUGT(
                         load(B, I64, S.Base, FFIPIN_GO_CALLS_FRAMES, D, 8, "ffipin.outer"),
                         S.Frame);
                   });
    Value *Next = IRB.CreateAdd(Depth, IRB.getInt32(1));
    store(IRB, announcedFrame(IRB, S.Frame), S.Base, FFIPIN_GO_CALLS_FRAMES + 8, D, 8);
    // The wrapper (the report's "call scope began" frame; glue).
    store(IRB, IRB.CreatePtrToInt(&F, I64), S.Base, FFIPIN_GO_CALLS_BEGIN_PCS, D, 8);
    // The call first, then the depth that makes it one: a signal handler
    // entering the runtime in between sees the calls as they were.
    IRB.CreateFence(AtomicOrdering::Release, SyncScope::SingleThread);
    // args_depth = Next and nargs = 0, in one store.
    store(IRB, IRB.CreateZExt(Next, I64), S.Base, FFIPIN_GO_CALLS_ARGS_DEPTH);
    store(IRB, Next, S.Base, FFIPIN_GO_CALLS_DEPTH);
  }

  // At an exit: pop the innermost call if it is ours, still announced (one
  // compare tests both) and kept no argument; otherwise the runtime ends it.
  void emitEnd(Instruction *Before) {
    Site S(Before, GV);
    IRBuilder<> &IRB = S.IRB;
    Value *Depth = load(IRB, I32, S.Base, FFIPIN_GO_CALLS_DEPTH, "ffipin.depth");
    Value *D = IRB.CreateSub(Depth, IRB.getInt32(1));
    // 0 <= D < limit <= FFIPIN_GO_CALLS from here on: frames[Depth] is D's.
    Value *Below = IRB.CreateICmpULT(D, load(IRB, I32, S.Base, FFIPIN_GO_CALLS_LIMIT, ""));
    S.inlineOrCall(Below, "ffipin.ours", Before, "ffipin.pop.call", "ffipin.call.end", End,
                   [&](IRBuilder<> &B) {
                     Value *Word = load(B, I64, S.Base, FFIPIN_GO_CALLS_FRAMES,
                                        B.CreateZExt(Depth, I64), 8, "ffipin.word");
                     Value *Ours = B.CreateICmpEQ(Word, announcedFrame(B, S.Frame));
                     Value *NoArgs = B.CreateICmpEQ(load(B, I32, S.Base, FFIPIN_GO_CALLS_NARGS, ""),
                                                    B.getInt32(0));
                     return B.CreateAnd(Ours, NoArgs, "ffipin.pop");
                   });
    store(IRB, D, S.Base, FFIPIN_GO_CALLS_DEPTH);
  }

  // After the load of a pointer argument P: keep it, if the bounds may
  // contain it (asked first: most arguments are C's), unless the runtime
  // asked to skip it (skip > 0: count it down), while the innermost call
  // has room.
  void emitArgument(Instruction *Before, Value *P, Value *BoundsLo, Value *BoundsHi) {
    IRBuilder<> IRB(Before);
    IRB.SetNoSanitizeMetadata();
    Value *Bits = IRB.CreatePtrToInt(P, I64);
    Value *In = IRB.CreateAnd(IRB.CreateICmpULT(Bits, BoundsHi), IRB.CreateICmpUGE(Bits, BoundsLo),
                              "ffipin.in.bounds");
    Instruction *Maybe = SplitBlockAndInsertIfThen(In, Before, false);
    Maybe->getParent()->setName("ffipin.arg.in.bounds");
    Before->getParent()->setName("ffipin.kept");
    IRB.SetInsertPoint(Maybe);
    Value *Base = IRB.CreateThreadLocalAddress(GV);
    Value *Skip = load(IRB, I32, Base, FFIPIN_GO_CALLS_SKIP, "ffipin.skip");
    Instruction *Skipping, *Offering;
    SplitBlockAndInsertIfThenElse(IRB.CreateICmpNE(Skip, IRB.getInt32(0), "ffipin.skipping"), Maybe,
                                  &Skipping, &Offering);
    Skipping->getParent()->setName("ffipin.skip.arg");
    Offering->getParent()->setName("ffipin.offer.arg");
    IRB.SetInsertPoint(Skipping);
    store(IRB, IRB.CreateSub(Skip, IRB.getInt32(1)), Base, FFIPIN_GO_CALLS_SKIP);
    IRB.SetInsertPoint(Offering);
    Value *N = load(IRB, I32, Base, FFIPIN_GO_CALLS_NARGS, "ffipin.nargs");
    Value *Ours = IRB.CreateICmpEQ(load(IRB, I32, Base, FFIPIN_GO_CALLS_ARGS_DEPTH, ""),
                                   load(IRB, I32, Base, FFIPIN_GO_CALLS_DEPTH, ""));
    Value *Room = IRB.CreateICmpULT(N, IRB.getInt32(FFIPIN_GO_CALL_ARGS));
    Instruction *Then =
        SplitBlockAndInsertIfThen(IRB.CreateAnd(Room, Ours, "ffipin.keep"), Offering, false);
    Then->getParent()->setName("ffipin.keep.arg");
    Offering->getParent()->setName("ffipin.offered");
    Maybe->getParent()->setName("ffipin.arg.done");
    IRB.SetInsertPoint(Then);
    store(IRB, Bits, Base, FFIPIN_GO_CALLS_ARGS, IRB.CreateZExt(N, I64), 8);
    store(IRB, IRB.CreateAdd(N, IRB.getInt32(1)), Base, FFIPIN_GO_CALLS_NARGS);
  }

private:
  // Where a hook's inline code goes: the thread's object and the wrapper's
  // frame pointer (the compiler wrapper builds it with frame pointers:
  // what the runtime's hooks read as their caller's frame).
  struct Site {
    InstrumentationIRBuilder IRB;
    DebugLoc Loc;
    Value *Base, *Frame;
    Site(Instruction *Before, GlobalVariable *GV) : IRB(Before) {
      IRB.SetNoSanitizeMetadata();
      Loc = IRB.getCurrentDebugLocation();
      Base = IRB.CreateThreadLocalAddress(GV);
      Value *FP = IRB.CreateIntrinsic(Intrinsic::frameaddress, {IRB.getPtrTy()}, {IRB.getInt32(0)});
      Frame = IRB.CreatePtrToInt(FP, IRB.getInt64Ty(), "ffipin.frame");
    }
    // if (First && Second()) { IRB's code from here on } else Hook(); then
    // Before. Second's code runs only when First holds (its loads may
    // index with what First bounds).
    void inlineOrCall(Value *First, const char *SecondName, Instruction *Before,
                      const char *InlineName, const char *CallName, FunctionCallee Hook,
                      function_ref<Value *(IRBuilder<> &)> Second) {
      LLVMContext &Ctx = Before->getContext();
      BasicBlock *Head = Before->getParent();
      Function *Fn = Head->getParent();
      BasicBlock *Done = Head->splitBasicBlock(Before, Twine(InlineName) + ".done");
      BasicBlock *Check = BasicBlock::Create(Ctx, SecondName, Fn, Done);
      BasicBlock *Inline = BasicBlock::Create(Ctx, InlineName, Fn, Done);
      BasicBlock *Call = BasicBlock::Create(Ctx, CallName, Fn, Done);
      MDNode *Likely = MDBuilder(Ctx).createLikelyBranchWeights();
      Head->getTerminator()->eraseFromParent();
      IRB.SetInsertPoint(Head);
      IRB.CreateCondBr(First, Check, Call, Likely);
      IRB.SetInsertPoint(Check);
      IRB.CreateCondBr(Second(IRB), Inline, Call, Likely);
      IRB.SetInsertPoint(Call);
      IRB.SetCurrentDebugLocation(Loc); // a call in a function with debug info needs one
      // Never a tail call: the hook reads the wrapper's frame as its caller's.
      IRB.CreateCall(Hook)->setTailCallKind(CallInst::TCK_NoTail);
      IRB.CreateBr(Done);
      IRB.SetInsertPoint(BranchInst::Create(Done, Inline));
    }
  };

  Value *at(IRBuilder<> &IRB, Value *Base, unsigned Offset, Value *Index, unsigned Size) {
    Value *Off = IRB.getInt64(Offset);
    if (Index) Off = IRB.CreateAdd(Off, IRB.CreateMul(Index, IRB.getInt64(Size)));
    return IRB.CreateInBoundsGEP(I8, Base, Off);
  }
  Value *load(IRBuilder<> &IRB, Type *Ty, Value *Base, unsigned Offset, const Twine &Name) {
    return load(IRB, Ty, Base, Offset, nullptr, 0, Name);
  }
  Value *load(IRBuilder<> &IRB, Type *Ty, Value *Base, unsigned Offset, Value *Index, unsigned Size,
              const Twine &Name) {
    return IRB.CreateAlignedLoad(Ty, at(IRB, Base, Offset, Index, Size),
                                 Align(Ty->getPrimitiveSizeInBits() / 8), Name);
  }
  void store(IRBuilder<> &IRB, Value *V, Value *Base, unsigned Offset, Value *Index = nullptr,
             unsigned Size = 0) {
    IRB.CreateAlignedStore(V, at(IRB, Base, Offset, Index, Size),
                           Align(V->getType()->getPrimitiveSizeInBits() / 8));
  }
  // What an announced call remembers: its frame - 1 (frame pointers are
  // even; ffipin_go_calls.c).
  Value *announcedFrame(IRBuilder<> &IRB, Value *Frame) {
    return IRB.CreateSub(Frame, IRB.getInt64(1), "ffipin.announced");
  }

  Function &F;
  Module &M;
  LLVMContext &Ctx;
  Type *I8, *I32, *I64;
  GlobalVariable *GV;
  FunctionCallee Begin, End;
};
} // namespace

// Each pointer the wrapper loads from its argument frame (`_cgo_a->p0`, the
// call's arguments) that the bounds may contain is kept, as what the call
// lent, for the runtime to look at when the call ends.
static void passArguments(Function &F, CallsObject &Calls) {
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
  Constant *Bounds = getOrInsertBounds(*F.getParent());
  for (LoadInst *LI : Loads) {
    // The bounds' words each on their own, as the store checks read them.
    IRBuilder<> IRB(LI->getNextNode());
    IRB.SetNoSanitizeMetadata();
    Value *Lo = loadBoundsWord(IRB, Bounds, FFIPIN_BOUNDS_LO, "ffipin.bound");
    Value *Hi = loadBoundsWord(IRB, Bounds, FFIPIN_BOUNDS_HI, "ffipin.bound");
    Calls.emitArgument(cast<Instruction>(Hi)->getNextNode(), LI, Lo, Hi);
    ++NumCgoCallArgs;
  }
}

static bool addCallScope(Function &F) {
  CallsObject Calls(F);
  passArguments(F, Calls);
  // After the entry block's allocas, so they stay static.
  BasicBlock::iterator IP = F.getEntryBlock().getFirstInsertionPt();
  while (isa<AllocaInst>(*IP)) ++IP;
  Calls.emitBegin(&*IP);

  // Every return and, for C++ code called through cgo, every unwind out of
  // the wrapper ends the scope.
  SmallVector<Instruction *, 4> Exits;
  EscapeEnumerator EE(F, "ffipin.cgo.cleanup");
  while (IRBuilder<> *AtExit = EE.Next()) {
    InstrumentationIRBuilder::ensureDebugInfo(*AtExit, F);
    Exits.push_back(&*AtExit->GetInsertPoint());
  }
  for (Instruction *Exit : Exits) Calls.emitEnd(Exit);
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
