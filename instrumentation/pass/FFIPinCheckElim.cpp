//===-- FFIPinCheckElim.cpp - Checks that cannot find anything ------------===//
#include "FFIPinCheckElim.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace ffipin {

bool isCheckBarrier(const Instruction &I) {
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return !(isa<DbgInfoIntrinsic>(Call) || Call->isLifetimeStartOrEnd() || isa<AssumeInst>(Call) ||
             isa<PseudoProbeInst>(Call) || isa<NoAliasScopeDeclInst>(Call));
  if (isa<FenceInst>(I) || I.isAtomic()) return true;
  if (const auto *LI = dyn_cast<LoadInst>(&I)) return LI->isVolatile();
  if (const auto *SI = dyn_cast<StoreInst>(&I)) return SI->isVolatile();
  return false;
}

// The bits a word stores: a pointer and its ptrtoint are one value.
static const Value *wordIdentity(const Value *V) {
  V = V->stripPointerCasts();
  if (const auto *P2I = dyn_cast<PtrToIntOperator>(V))
    return P2I->getPointerOperand()->stripPointerCasts();
  return V;
}

SmallVector<unsigned, 16> planSharedChecks(ArrayRef<CheckCandidate> Candidates) {
  SmallVector<unsigned, 16> Owner(Candidates.size());
  for (unsigned I = 0, E = Candidates.size(); I != E; ++I) Owner[I] = I;

  // The mergeable candidates of each store, and their blocks in order
  // (candidates come in program order, so a block's are contiguous).
  DenseMap<const Instruction *, SmallVector<unsigned, 1>> AtStore;
  SmallVector<const BasicBlock *, 16> Blocks;
  for (unsigned I = 0, E = Candidates.size(); I != E; ++I) {
    const Instruction *S = Candidates[I].Store;
    if (!Candidates[I].Mergeable || !Candidates[I].Word) continue;
    AtStore[S].push_back(I);
    if (Blocks.empty() || Blocks.back() != S->getParent()) Blocks.push_back(S->getParent());
  }

  // Within a run free of barriers, every store of a word into an object is
  // covered by the last one: its check sees the bounds at least as grown.
  using Key = std::pair<const Value *, const Value *>;
  DenseMap<Key, SmallVector<unsigned, 2>> Run;
  auto EndRun = [&] {
    for (auto &[Word, Members] : Run)
      for (unsigned M : Members) Owner[M] = Members.back();
    Run.clear();
  };
  for (const BasicBlock *BB : Blocks) {
    for (const Instruction &I : *BB) {
      if (isCheckBarrier(I)) EndRun();
      auto It = AtStore.find(&I);
      if (It == AtStore.end()) continue;
      for (unsigned C : It->second)
        Run[{wordIdentity(Candidates[C].Word), Candidates[C].Slot->stripInBoundsConstantOffsets()}]
            .push_back(C);
    }
    EndRun();
  }
  return Owner;
}

Value *rebuildSlot(IRBuilderBase &IRB, Value *Slot, uint64_t Offset, const DataLayout &DL) {
  APInt Delta(DL.getIndexTypeSizeInBits(Slot->getType()), Offset);
  Value *Base = Slot->stripAndAccumulateInBoundsConstantOffsets(DL, Delta);
  if (Delta.isZero()) return Base;
  return IRB.CreateInBoundsGEP(IRB.getInt8Ty(), Base, IRB.getInt(Delta), "ffipin.slot");
}

} // namespace ffipin
