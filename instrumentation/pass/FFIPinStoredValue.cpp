//===-- FFIPinStoredValue.cpp - Parts of a stored value that are pointers -===//
#include "FFIPinStoredValue.h"

#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Analysis/VectorUtils.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalValue.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace ffipin {

static const Value *stripBitCasts(const Value *V) {
  while (const auto *BC = dyn_cast<BitCastOperator>(V)) V = BC->getOperand(0);
  return V;
}

namespace {
// Walks a stored type and records every pointer-sized part with its path and
// byte offset.
class LeafCollector {
public:
  LeafCollector(const DataLayout &DL, Type *IntPtrTy, bool IntsToo,
                SmallVectorImpl<PointerLeaf> &Leaves)
      : DL(DL), IntPtrTy(IntPtrTy), IntsToo(IntsToo), Leaves(Leaves) {}

  void walk(Type *Ty, uint64_t Offset) {
    if (auto *ST = dyn_cast<StructType>(Ty)) {
      const StructLayout *SL = DL.getStructLayout(ST);
      for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I)
        walkElement(ST->getElementType(I), Offset + SL->getElementOffset(I).getFixedValue(), I);
    } else if (auto *AT = dyn_cast<ArrayType>(Ty)) {
      uint64_t Stride = DL.getTypeAllocSize(AT->getElementType());
      for (unsigned I = 0, E = AT->getNumElements(); I != E; ++I)
        walkElement(AT->getElementType(), Offset + I * Stride, I);
    } else if (auto *VT = dyn_cast<FixedVectorType>(Ty)) {
      uint64_t Stride = DL.getTypeAllocSize(VT->getElementType());
      for (unsigned I = 0, E = VT->getNumElements(); I != E; ++I) {
        Path.push_back(I);
        addLeaf(VT->getElementType(), Offset + I * Stride, /*InVector=*/true);
        Path.pop_back();
      }
    } else {
      addLeaf(Ty, Offset, /*InVector=*/false);
    }
  }

  bool SawOtherAddrSpace = false;

private:
  void walkElement(Type *Ty, uint64_t Offset, unsigned Index) {
    Path.push_back(Index);
    walk(Ty, Offset);
    Path.pop_back();
  }

  void addLeaf(Type *Ty, uint64_t Offset, bool InVector) {
    if (Ty->isPointerTy() && Ty->getPointerAddressSpace() != 0) {
      SawOtherAddrSpace = true;
      return;
    }
    if (!Ty->isPointerTy() && !(IntsToo && Ty == IntPtrTy)) return;
    PointerLeaf Leaf;
    Leaf.Guessed = !Ty->isPointerTy();
    Leaf.Indices.assign(Path.begin(), Path.end());
    Leaf.InVector = InVector;
    Leaf.Offset = Offset;
    Leaves.push_back(std::move(Leaf));
  }

  const DataLayout &DL;
  Type *IntPtrTy;
  bool IntsToo;
  SmallVectorImpl<PointerLeaf> &Leaves;
  SmallVector<unsigned, 4> Path;
};
} // namespace

// The part of V at Leaf's path if it can be read off the IR as is: through
// constants and insertvalue/insertelement chains (clang builds small
// aggregates that way before storing them).
static Value *findKnownPart(Value *V, const PointerLeaf &Leaf) {
  Value *Cur = V;
  for (size_t I = 0, E = Leaf.Indices.size(); I != E && Cur; ++I) {
    unsigned Index = Leaf.Indices[I];
    if (auto *C = dyn_cast<Constant>(Cur))
      Cur = C->getAggregateElement(Index);
    else if (Leaf.InVector && I + 1 == E)
      Cur = findScalarElement(Cur, Index);
    else
      Cur = FindInsertedValue(Cur, Index);
  }
  return Cur;
}

StoredValueKind findPointerLeaves(Value *V, const DataLayout &DL, bool IntLeaves,
                                  SmallVectorImpl<PointerLeaf> &Leaves) {
  Type *Ty = V->getType();
  Type *IntPtrTy = DL.getIntPtrType(V->getContext(), /*AddressSpace=*/0);

  if (Ty->isPointerTy()) {
    if (Ty->getPointerAddressSpace() != 0) return StoredValueKind::OtherAddrSpace;
    Leaves.emplace_back().Known = V;
    return StoredValueKind::Pointer;
  }

  if (Ty == IntPtrTy) {
    if (!IntLeaves) return StoredValueKind::None;
    const Value *Src = stripBitCasts(V);
    if (const auto *P2I = dyn_cast<PtrToIntOperator>(Src)) {
      if (P2I->getPointerOperandType()->getPointerAddressSpace() != 0)
        return StoredValueKind::OtherAddrSpace;
    } else if (!isa<LoadInst>(Src)) {
      return StoredValueKind::None;
    }
    PointerLeaf &Leaf = Leaves.emplace_back();
    Leaf.Known = V;
    Leaf.Guessed = isa<LoadInst>(Src);
    return StoredValueKind::PointerInInt;
  }

  if (!Ty->isAggregateType() && !isa<FixedVectorType>(Ty)) return StoredValueKind::None;

  // Integer elements count only when the whole value was copied from memory
  // (`load <2 x i64>` / `store <2 x i64>` of two `struct { void *p; }`).
  LeafCollector Collector(DL, IntPtrTy, IntLeaves && isa<LoadInst>(V), Leaves);
  Collector.walk(Ty, 0);
  if (Leaves.empty())
    return Collector.SawOtherAddrSpace ? StoredValueKind::OtherAddrSpace : StoredValueKind::None;
  for (PointerLeaf &Leaf : Leaves) Leaf.Known = findKnownPart(V, Leaf);
  return StoredValueKind::Aggregate;
}

// The pointer V stores, or null when V is a constant or undef (which cannot
// be foreign) or not a pointer at all (then Unknown is set).
static const Value *storedPointer(const Value *V, bool &Unknown) {
  V = stripBitCasts(V);
  if (const auto *P2I = dyn_cast<PtrToIntOperator>(V)) V = P2I->getPointerOperand();
  bool Constant = isa<ConstantInt>(V) || isa<UndefValue>(V);
  Unknown = !Constant && !V->getType()->isPointerTy();
  return Constant || Unknown ? nullptr : V;
}

// A global no managed runtime can own: code, or data that cannot change. A
// mutable global can be a managed runtime's heap (a static array registered
// with __ffipin_heap_register), so the address of one is checked.
static bool isFixedGlobal(const Value *Obj) {
  if (isa<Function>(Obj)) return true;
  const auto *GV = dyn_cast<GlobalVariable>(Obj);
  return GV && GV->isConstant();
}

static bool isCObject(const Value *Obj, const Value *Slot, const TargetLibraryInfo &TLI) {
  // Stack slots are never GC-managed memory, nor code and constants.
  if (isa<ConstantPointerNull>(Obj) || isa<UndefValue>(Obj) || isFixedGlobal(Obj) ||
      isa<AllocaInst>(Obj))
    return true;
  // Memory this C code just got from the C allocators (malloc, calloc,
  // realloc, strdup, operator new, ...) is C memory, not a range a managed
  // runtime lends. Not every noalias call: a GC's allocator (Boehm's
  // GC_malloc is __attribute__((malloc))) returns foreign memory.
  if (isAllocationFn(Obj, &TLI) && getAllocationFamily(Obj, &TLI)) return true;
  // A pointer into the slot's own object (p->next = &p->inline_buf): if
  // the slot is C memory so is the value, and a slot in foreign memory is
  // not C-resident, so either way nothing is held.
  return Slot && getUnderlyingObject(Slot) == Obj;
}

bool cannotBeForeign(const Value *V, const Value *Slot, const TargetLibraryInfo &TLI) {
  bool Unknown;
  const Value *P = storedPointer(V, Unknown);
  return !Unknown && (!P || isCObject(getUnderlyingObject(P), Slot, TLI));
}

bool cannotBeForeignOnAnyPath(const Value *V, const Value *Slot, const TargetLibraryInfo &TLI) {
  bool Unknown;
  const Value *P = storedPointer(V, Unknown);
  if (Unknown || !P) return !Unknown;
  SmallVector<const Value *, 4> Objects;
  getUnderlyingObjects(P, Objects);
  return all_of(Objects, [&](const Value *Obj) { return isCObject(Obj, Slot, TLI); });
}

Value *materializeLeaf(IRBuilderBase &IRB, Value *V, const PointerLeaf &Leaf) {
  if (Leaf.Known) return Leaf.Known;
  ArrayRef<unsigned> Indices = Leaf.Indices;
  if (!Leaf.InVector) return IRB.CreateExtractValue(V, Indices, "ffipin.elt");
  Value *Vec = V;
  if (Indices.size() > 1) Vec = IRB.CreateExtractValue(V, Indices.drop_back());
  return IRB.CreateExtractElement(Vec, IRB.getInt64(Indices.back()), "ffipin.elt");
}

} // namespace ffipin
