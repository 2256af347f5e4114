//===-- FFIPinLoopVersion.cpp - One range check for a loop's stores -------===//
//
// See FFIPinLoopVersion.h. The versioning itself is LoopVersioning's recipe
// (llvm/lib/Transforms/Utils/LoopVersioning.cpp) with our own condition:
// split a new preheader off, clone the loop with it, branch on the range
// checks, and give the exit block's LCSSA phis the clone's incoming values.
//
//===----------------------------------------------------------------------===//
#include "FFIPinLoopVersion.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <optional>

using namespace llvm;

namespace {

// [Base + Min, Base + Max]: every value one store of the loop can store.
struct StoreRange {
  Value *Base;
  int64_t Min, Max;
  bool operator==(const StoreRange &O) const {
    return Base == O.Base && Min == O.Min && Max == O.Max;
  }
};

struct LoopPlan {
  Loop *L;
  SmallVector<StoreRange, 4> Ranges;
  unsigned Stores = 0;
};

// Wider offset ranges would rarely stay clear of a heap: not worth a copy.
constexpr uint64_t MaxSpan = uint64_t(1) << 32;

// A call may change the bounds (a pin, a registration) or lend memory; an
// atomic or volatile access may order another thread's registration before
// our stores. Intrinsics that touch no memory (min, max, ...) are neither.
bool hasBarrier(const Loop &L) {
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (isa<IntrinsicInst>(CB) && !CB->mayReadOrWriteMemory() && !CB->mayHaveSideEffects())
          continue;
        if (auto *II = dyn_cast<IntrinsicInst>(CB); II && II->isLifetimeStartOrEnd()) continue;
        return true;
      }
      if (I.isAtomic() || I.isVolatile()) return true;
    }
  return false;
}

// The range of V in L, when V is a loop-invariant pointer plus an offset
// whose signed range SCEV bounds (known bits of a mask, a trip count).
std::optional<StoreRange> rangeOf(Value *V, Loop &L, ScalarEvolution &SE, DominatorTree &DT) {
  if (!V->getType()->isPointerTy() || !SE.isSCEVable(V->getType())) return std::nullopt;
  const SCEV *S = SE.getSCEV(V);
  if (isa<SCEVCouldNotCompute>(S)) return std::nullopt;
  auto *Base = dyn_cast<SCEVUnknown>(SE.getPointerBase(S));
  if (!Base || !SE.isLoopInvariant(Base, &L)) return std::nullopt;
  Value *B = Base->getValue();
  // Defined outside L and dominating its header: then also the preheader
  // that simplifyLoop may have to insert.
  if (auto *I = dyn_cast<Instruction>(B); I && !DT.dominates(I, L.getHeader())) return std::nullopt;
  const SCEV *Off = SE.removePointerBase(S);
  if (isa<SCEVCouldNotCompute>(Off) || Off->getType()->getScalarSizeInBits() > 64)
    return std::nullopt;
  ConstantRange R = SE.getSignedRange(Off);
  if (R.isFullSet() || R.isEmptySet()) return std::nullopt;
  APInt Min = R.getSignedMin().sext(65), Max = R.getSignedMax().sext(65);
  if ((Max - Min).uge(MaxSpan)) return std::nullopt;
  return StoreRange{B, Min.getSExtValue(), Max.getSExtValue()};
}

// The plan for L, or nothing: every checked instruction in L is a simple
// store with a range, and L has one exit block and no barrier.
std::optional<LoopPlan> planFor(Loop &L, const SmallPtrSetImpl<Instruction *> &Checked,
                                const SmallPtrSetImpl<StoreInst *> &Simple, ScalarEvolution &SE,
                                DominatorTree &DT) {
  if (!L.isInnermost() || !L.getUniqueExitBlock() || hasBarrier(L)) return std::nullopt;
  LoopPlan P{&L, {}, 0};
  for (BasicBlock *BB : L.blocks())
    for (Instruction &I : *BB) {
      if (!Checked.contains(&I)) continue;
      auto *SI = dyn_cast<StoreInst>(&I);
      if (!SI || !Simple.contains(SI)) return std::nullopt;
      std::optional<StoreRange> R = rangeOf(SI->getValueOperand(), L, SE, DT);
      if (!R) return std::nullopt;
      if (!is_contained(P.Ranges, *R)) P.Ranges.push_back(*R);
      ++P.Stores;
    }
  if (!P.Stores) return std::nullopt;
  return P;
}

// i1: may a value of R lie in [BLo, BHi)? In arithmetic modulo 2^64, so a
// range that wraps needs no case of its own: either the bounds start inside
// the range, or the range starts inside the bounds.
Value *rangeMeets(IRBuilder<> &IRB, const StoreRange &R, Value *BLo, Value *BHi) {
  Type *I64 = IRB.getInt64Ty();
  Value *First = IRB.CreatePtrToInt(R.Base, I64, "ffipin.base");
  if (R.Min) First = IRB.CreateAdd(First, ConstantInt::getSigned(I64, R.Min), "ffipin.first");
  uint64_t Span = uint64_t(R.Max) - uint64_t(R.Min);
  Value *BoundsInRange =
      IRB.CreateICmpULE(IRB.CreateSub(BLo, First), ConstantInt::get(I64, Span), "ffipin.inrange");
  Value *RangeInBounds =
      IRB.CreateICmpULT(IRB.CreateSub(First, BLo), IRB.CreateSub(BHi, BLo), "ffipin.inbounds");
  return IRB.CreateOr(BoundsInRange, RangeInBounds, "ffipin.meets");
}

// Before:  CheckBB -> (preheader) -> L
// After:   CheckBB: bounds empty? -> clean copy : TestBB
//          TestBB:  any range meets them? -> L (checked) : clean copy
// With nothing foreign (no heap registered, nothing pinned) the loop's entry
// costs two loads and a branch.
void version(LoopPlan &P, LoopInfo &LI, DominatorTree &DT, ffipin::LoadBound Load) {
  Loop *L = P.L;
  // A preheader to hold the checks and an exit block of the loop's own
  // (clang's unrolled loops often lack them); values used after the loop
  // then pass through that block's phis, which are all the clone must join.
  simplifyLoop(L, &DT, &LI, nullptr, nullptr, nullptr, /*PreserveLCSSA=*/false);
  formLCSSA(*L, DT, &LI, nullptr);
  BasicBlock *CheckBB = L->getLoopPreheader();
  BasicBlock *Exit = L->getUniqueExitBlock();
  std::string Name = L->getHeader()->getName().str();
  BasicBlock *Checked =
      SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI, nullptr, Name + ".ffipin.checked");
  BasicBlock *TestBB =
      SplitBlock(CheckBB, CheckBB->getTerminator(), &DT, &LI, nullptr, Name + ".ffipin.test");
  ValueToValueMapTy VMap;
  SmallVector<BasicBlock *, 8> Blocks;
  Loop *Clean =
      cloneLoopWithPreheader(Checked, CheckBB, L, VMap, ".ffipin.clean", &LI, &DT, Blocks);
  remapInstructionsInBlocks(Blocks, VMap);
  for (PHINode &Phi : Exit->phis())
    for (unsigned I = 0, E = Phi.getNumIncomingValues(); I != E; ++I) {
      BasicBlock *Pred = Phi.getIncomingBlock(I);
      if (!L->contains(Pred)) continue;
      Value *In = Phi.getIncomingValue(I);
      auto It = VMap.find(In);
      Value *Cloned = It != VMap.end() ? static_cast<Value *>(It->second) : In;
      Phi.addIncoming(Cloned, cast<BasicBlock>(VMap[Pred]));
    }
  BasicBlock *CleanPH = Clean->getLoopPreheader();

  Instruction *Term = CheckBB->getTerminator();
  IRBuilder<> IRB(Term);
  IRB.SetCurrentDebugLocation(DebugLoc());
  IRB.SetNoSanitizeMetadata(); // ASan runs after us: these loads are not the program's
  Value *BHi = Load(IRB, /*Hi=*/true);
  Value *BLo = Load(IRB, /*Hi=*/false);
  IRB.CreateCondBr(IRB.CreateICmpULE(BHi, BLo, "ffipin.empty"), CleanPH, TestBB);
  Term->eraseFromParent();

  Term = TestBB->getTerminator();
  IRB.SetInsertPoint(Term);
  Value *May = nullptr;
  for (const StoreRange &R : P.Ranges) {
    Value *One = rangeMeets(IRB, R, BLo, BHi);
    May = May ? IRB.CreateOr(May, One, "ffipin.may") : One;
  }
  IRB.CreateCondBr(May, Checked, CleanPH);
  Term->eraseFromParent();
  DT.changeImmediateDominator(Exit, CheckBB);
}

} // namespace

namespace ffipin {

unsigned versionBoundedLoops(const SmallPtrSetImpl<Instruction *> &Checked,
                             const SmallPtrSetImpl<StoreInst *> &Simple, LoopInfo &LI,
                             DominatorTree &DT, ScalarEvolution &SE, LoadBound Load,
                             unsigned *Covered) {
  // Every plan first: versioning changes the IR that SCEV describes.
  SmallVector<LoopPlan, 4> Plans;
  for (Loop *L : LI.getLoopsInPreorder())
    if (std::optional<LoopPlan> P = planFor(*L, Checked, Simple, SE, DT))
      Plans.push_back(std::move(*P));
  for (LoopPlan &P : Plans) {
    version(P, LI, DT, Load);
    *Covered += P.Stores;
  }
  return Plans.size();
}

} // namespace ffipin
