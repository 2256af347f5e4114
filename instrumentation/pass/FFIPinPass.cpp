//===-- FFIPinPass.cpp - FFIPinSanitizer instrumentation ------------------===//
//
// After every store that may put a pointer into foreign memory into a slot,
// emit the inline check from ffipin_abi.h:
//
//   v = (uint64_t)value;
//   if (v < __ffipin_foreign_bounds.hi && v >= __ffipin_foreign_bounds.lo)
//     __ffipin_store(slot, v);     // cold blocks, store's debug location
//
// and after memcpy/memmove the same against the copy bounds,
// `if (src < copy_hi && src >= copy_lo) __ffipin_memcpy(dst, src, n)`.
// Each function is walked once to sort candidates by kind; instrumentation
// happens afterwards, so the walk never sees our own code.
//
//===----------------------------------------------------------------------===//
#include "FFIPinPass.h"
#include "FFIPinBoundsIR.h"
#include "FFIPinCheckElim.h"
#include "FFIPinFallbacks.h"
#include "FFIPinLanguages.h"
#include "FFIPinLoopVersion.h"
#include "FFIPinStackSafety.h"
#include "FFIPinStoredValue.h"
#include "base/ffipin_abi.h"
#include "ffipin_llvm_compat.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

#define DEBUG_TYPE "ffipin"

static cl::opt<bool>
    ClInstrumentIntStores("ffipin-instrument-int-stores", cl::init(true),
                          cl::desc("Instrument stores of pointer-sized integers that may be "
                                   "pointers (a ptrtoint, or a value loaded from memory)"),
                          cl::Hidden);

static cl::opt<bool> ClInstrumentMemIntrinsics("ffipin-instrument-memintrinsics", cl::init(true),
                                               cl::desc("Instrument memcpy and memmove"),
                                               cl::Hidden);

static cl::opt<bool> ClVersionLoops("ffipin-version-loops", cl::init(true),
                                    cl::desc("Check the stores of a loop without calls once, "
                                             "before it, when their values lie in ranges known "
                                             "at compile time (FFIPinLoopVersion.h)"),
                                    cl::Hidden);

// Which word a check compares first only decides how fast it rejects, so it
// follows where the program's C memory lies. In a PIE or a shared library
// (C programs, Python and JNI extensions) code, globals and heap lie above
// every foreign range (Go's arenas at 0xc000000000, a compressed-oops Java
// heap), and the high word alone rejects a C pointer. A non-PIE Go
// executable has its code, globals, constants and glibc's main heap below
// Go's arenas: there the high word sends each of them to the second compare
// out of line, two taken branches a check, which ffipin-go avoids with this
// option.
static cl::opt<bool> ClLowBoundFirst(
    "ffipin-low-bound-first", cl::init(false),
    cl::desc("Compare a stored value (or a copy's source) with the bounds' low word first: "
             "for programs whose C memory lies mostly below the foreign ranges (non-PIE Go "
             "executables)"),
    cl::Hidden);

static cl::opt<bool>
    ClShareChecks("ffipin-share-checks", cl::init(true),
                  cl::desc("Check stores of one value in a block without barriers once, "
                           "after the last of them"),
                  cl::Hidden);

STATISTIC(NumInstrumentedStores, "Number of instrumented pointer stores");
STATISTIC(NumInstrumentedAtomics, "Number of instrumented atomic stores, xchg and cmpxchg");
STATISTIC(NumInstrumentedAggregateElts,
          "Number of instrumented pointer elements of aggregate stores");
STATISTIC(NumInstrumentedIntStores, "Number of instrumented pointer-sized integer stores");
STATISTIC(NumInstrumentedMemTransfers, "Number of instrumented memcpy/memmove");
STATISTIC(NumSkippedNoSanitize, "Number of stores and memcpys skipped for !nosanitize");
STATISTIC(NumSkippedLocalAlloca, "Number of stores and memcpys into non-escaping allocas skipped");
STATISTIC(NumSkippedNotForeign,
          "Number of stores and memcpys skipped whose data cannot be foreign");
STATISTIC(NumSkippedAddrSpace,
          "Number of stores and memcpys skipped in address spaces other than 0");
STATISTIC(NumSkippedNotForeignOnAnyPath, "Number of pointer parts of stores skipped because every "
                                         "object a phi or select may pick cannot be foreign");
STATISTIC(NumLoopsVersioned, "Number of loops whose stores are checked once, before the loop");
STATISTIC(NumChecksVersioned,
          "Number of pointer stores in versioned loops (checked only in the copy taken when "
          "their ranges may meet the foreign bounds)");
STATISTIC(NumChecksShared,
          "Number of pointer stores checked by the check of a later store of the same value");

namespace {

struct StoreSite;
// One leaf of one store site.
struct LeafRef {
  const StoreSite *Site;
  unsigned Leaf;
};

// A store-like instruction that may put a foreign pointer into Slot.
struct StoreSite {
  Instruction *Inst;
  Value *Slot;
  Value *Stored;
  ffipin::StoredValueKind Kind;
  SmallVector<ffipin::PointerLeaf, 1> Leaves;
  // Per leaf, the leaves whose slots its check reports: itself, and earlier
  // stores of the same value; none when a later store's check covers it.
  SmallVector<SmallVector<LeafRef, 1>, 1> Reports;
};

class FFIPinSanitizer {
public:
  explicit FFIPinSanitizer(Module &M)
      : M(M), Ctx(M.getContext()), DL(M.getDataLayout()), Int64Ty(Type::getInt64Ty(Ctx)),
        ColdWeights(MDBuilder(Ctx).createUnlikelyBranchWeights()) {}

  bool sanitizeFunction(Function &F, FunctionAnalysisManager &FAM);

private:
  bool instrumentStores(Function &F);
  const TargetLibraryInfo *TLI = nullptr; // of the function being walked
  FunctionAnalysisManager *FAM = nullptr; // its analyses, asked for only when needed
  void versionLoops(Function &F, ArrayRef<StoreSite> Stores, ArrayRef<StoreSite> Atomics,
                    ArrayRef<AnyMemTransferInst *> MemTransfers);
  bool shouldSkipFunction(const Function &F) const;
  std::optional<StoreSite> chooseStore(Instruction &I);
  bool shouldInstrumentMemTransfer(AnyMemTransferInst &MTI);
  bool isNonEscapingAlloca(Value *Addr);
  void initializeCallbacks();
  template <typename... ArgsTy>
  FunctionCallee declareEntry(StringRef Name, AttributeList Attr, ArgsTy... Args);
  CallInst *callEntry(IRBuilder<> &IRB, FunctionCallee Fn, ArrayRef<Value *> Args);
  void instrumentStore(const StoreSite &S, Instruction *Next, Value *Success = nullptr);
  void instrumentAtomic(const StoreSite &S);
  void instrumentMemTransfer(AnyMemTransferInst *MTI);
  void enterColdBlock(IRBuilder<> &IRB, Value *Cond, StringRef Name);
  void enterIfInBounds(IRBuilder<> &IRB, Value *Bits, ffipin_bounds_field Hi,
                       ffipin_bounds_field Lo, Value *Also, StringRef Name);
  void prepareBuilder(IRBuilder<> &IRB, Instruction *After);

  Module &M;
  LLVMContext &Ctx;
  const DataLayout &DL;
  Type *Int64Ty;
  MDNode *ColdWeights;
  // Declared on first use: a module with nothing to instrument stays as is.
  Constant *Bounds = nullptr;
  FunctionCallee StoreFn;
  FunctionCallee StoreIntCopyFn;
  FunctionCallee MemcpyFn;
  // PointerMayBeCaptured is expensive; one answer per alloca and function.
  DenseMap<const AllocaInst *, bool> AllocaEscapes;
};

} // namespace

void FFIPinSanitizer::initializeCallbacks() {
  if (Bounds) return;
  Type *VoidTy = Type::getVoidTy(Ctx);
  Type *PtrTy = PointerType::getUnqual(Ctx);
  // Not readnone/willreturn: the runtime records the slot and may report
  // and exit (halt_on_error) from inside the call.
  AttributeList Attr = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  Bounds = ffipin::getOrInsertBounds(M);
  StoreFn = declareEntry(FFIPIN_ABI_STORE, Attr, VoidTy, PtrTy, Int64Ty);
  StoreIntCopyFn = declareEntry(FFIPIN_ABI_STORE_INT_COPY, Attr, VoidTy, PtrTy, Int64Ty);
  MemcpyFn = declareEntry(FFIPIN_ABI_MEMCPY, Attr, VoidTy, PtrTy, PtrTy, Int64Ty);
}

// The cold blocks' callees keep every register but r11 (preserve_most, see
// ffipin_abi.h): with the C convention, the one call in a leaf function made
// it push and pop callee-saved registers on every entry. nonlazybind keeps
// the call off a lazily bound PLT entry, whose resolver clobbers r10. A
// module that defines or calls one itself (a test stub) gets the same
// convention at every direct call, or those calls would be undefined.
template <typename... ArgsTy>
FunctionCallee FFIPinSanitizer::declareEntry(StringRef Name, AttributeList Attr, ArgsTy... Args) {
  FunctionCallee FC = M.getOrInsertFunction(Name, Attr, Args...);
  if (auto *F = dyn_cast<Function>(FC.getCallee())) {
    F->setCallingConv(CallingConv::PreserveMost);
    F->addFnAttr(Attribute::NonLazyBind);
    for (User *U : F->users())
      if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == F)
        CB->setCallingConv(CallingConv::PreserveMost);
  }
  return FC;
}

CallInst *FFIPinSanitizer::callEntry(IRBuilder<> &IRB, FunctionCallee Fn, ArrayRef<Value *> Args) {
  CallInst *CI = IRB.CreateCall(ffipin::coldCallee(*IRB.GetInsertBlock()->getParent(), Fn), Args);
  CI->setCallingConv(CallingConv::PreserveMost);
  return CI;
}

bool FFIPinSanitizer::shouldSkipFunction(const Function &F) const {
  if (F.isDeclaration()) return true;
  // Naked functions have no frame to spill the check's registers into.
  if (F.hasFnAttribute(Attribute::Naked) ||
      F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return true;
  // A definition of one of our own callbacks (a runtime or a test stub
  // compiled with the pass) would call itself.
  StringRef Name = F.getName();
  return Name == FFIPIN_ABI_STORE || Name == FFIPIN_ABI_STORE_INT_COPY || Name == FFIPIN_ABI_MEMCPY;
}

// A call of the public interface (sanitizer/ffipin_interface.h): our own
// namespace, the one place where matching a name prefix is the contract.
static bool isInterfaceCall(const CallInst &CI) {
  const Function *Callee = CI.getCalledFunction();
  return Callee && Callee->getName().starts_with("__ffipin_");
}

bool FFIPinSanitizer::isNonEscapingAlloca(Value *Addr) {
  const AllocaInst *AI = findAllocaForValue(Addr);
  if (!AI) return false;
  auto [It, Inserted] = AllocaEscapes.try_emplace(AI, false);
  if (Inserted) It->second = ffipin::allocaMayEscape(AI);
  return !It->second;
}

// Returns the store to instrument, or nothing (counting why when the store
// did carry a pointer).
std::optional<StoreSite> FFIPinSanitizer::chooseStore(Instruction &I) {
  Value *Slot, *Stored;
  if (auto *SI = dyn_cast<StoreInst>(&I)) {
    Slot = SI->getPointerOperand();
    Stored = SI->getValueOperand();
  } else if (auto *RMW = dyn_cast<AtomicRMWInst>(&I)) {
    if (RMW->getOperation() != AtomicRMWInst::Xchg) return std::nullopt;
    Slot = RMW->getPointerOperand();
    Stored = RMW->getValOperand();
  } else if (auto *CAS = dyn_cast<AtomicCmpXchgInst>(&I)) {
    Slot = CAS->getPointerOperand();
    Stored = CAS->getNewValOperand();
  } else {
    return std::nullopt;
  }

  StoreSite S{&I, Slot, Stored, ffipin::StoredValueKind::None, {}, {}};
  S.Kind = ffipin::findPointerLeaves(Stored, DL, ClInstrumentIntStores, S.Leaves);
  if (S.Kind == ffipin::StoredValueKind::None) return std::nullopt;
  if (I.hasMetadata(LLVMContext::MD_nosanitize)) {
    ++NumSkippedNoSanitize;
    return std::nullopt;
  }
  if (S.Kind == ffipin::StoredValueKind::OtherAddrSpace ||
      Slot->getType()->getPointerAddressSpace() != 0) {
    ++NumSkippedAddrSpace;
    return std::nullopt;
  }
  // A slot nobody outside this frame can reach cannot outlive a lend.
  if (isNonEscapingAlloca(Slot)) {
    ++NumSkippedLocalAlloca;
    return std::nullopt;
  }
  unsigned OnAnyPath = 0;
  erase_if(S.Leaves, [&](const ffipin::PointerLeaf &Leaf) {
    if (!Leaf.Known) return false;
    if (ffipin::cannotBeForeign(Leaf.Known, Slot, *TLI)) return true;
    if (!ffipin::cannotBeForeignOnAnyPath(Leaf.Known, Slot, *TLI)) return false;
    ++OnAnyPath;
    return true;
  });
  NumSkippedNotForeignOnAnyPath += OnAnyPath;
  if (S.Leaves.empty()) {
    ++NumSkippedNotForeign;
    return std::nullopt;
  }
  return S;
}

bool FFIPinSanitizer::shouldInstrumentMemTransfer(AnyMemTransferInst &MTI) {
  if (MTI.hasMetadata(LLVMContext::MD_nosanitize)) {
    ++NumSkippedNoSanitize;
    return false;
  }
  if (MTI.getDestAddressSpace() != 0 || MTI.getSourceAddressSpace() != 0) {
    ++NumSkippedAddrSpace;
    return false;
  }
  if (isNonEscapingAlloca(MTI.getRawDest())) {
    ++NumSkippedLocalAlloca;
    return false;
  }
  // Bytes copied out of a constant global (clang's struct initialisers)
  // cannot hold a pointer into memory that only exists at run time.
  const auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(MTI.getRawSource()));
  if (GV && GV->isConstant()) {
    ++NumSkippedNotForeign;
    return false;
  }
  return true;
}

// Splits before IRB's insertion point and moves IRB into a new block that
// runs only when Cond holds. The branch is weighted unlikely, so the fast path
// stays straight-line code without a call. IRB keeps its debug location.
void FFIPinSanitizer::enterColdBlock(IRBuilder<> &IRB, Value *Cond, StringRef Name) {
  Instruction *SplitBefore = &*IRB.GetInsertPoint();
  BasicBlock *Head = SplitBefore->getParent();
  Instruction *ThenTerm = SplitBlockAndInsertIfThen(Cond, SplitBefore->getIterator(),
                                                    /*Unreachable=*/false, ColdWeights);
  ThenTerm->getParent()->setName(Name);
  for (Instruction *Br : {Head->getTerminator(), ThenTerm}) {
    Br->setDebugLoc(IRB.getCurrentDebugLocation());
    IRB.AddMetadataToInst(Br);
  }
  DebugLoc Loc = IRB.getCurrentDebugLocation();
  IRB.SetInsertPoint(ThenTerm);
  IRB.SetCurrentDebugLocation(Loc);
}

// `if (Bits < bounds[Hi] && Bits >= bounds[Lo] && Also)`, as two cold
// branches: the first compare alone rejects a value above the bounds (or
// any value while nothing is foreign), and neither needs a scratch
// register. Moves IRB into the block they guard:
//   head: ... br %below, %<Name>.lo, %tail
//   <Name>.lo: br %in, %<Name>, %tail
//   <Name>: (IRB) br %tail
// With -ffipin-low-bound-first the low word comes first (%above, then
// <Name>.hi), and the first compare rejects a value below the bounds.
void FFIPinSanitizer::enterIfInBounds(IRBuilder<> &IRB, Value *Bits, ffipin_bounds_field Hi,
                                      ffipin_bounds_field Lo, Value *Also, StringRef Name) {
  Value *In;
  if (ClLowBoundFirst) {
    Value *LoWord = ffipin::loadBoundsWord(IRB, Bounds, Lo, "ffipin.lo");
    enterColdBlock(IRB, IRB.CreateICmpUGE(Bits, LoWord, "ffipin.above"), (Name + ".hi").str());
    Value *HiWord = ffipin::loadBoundsWord(IRB, Bounds, Hi, "ffipin.hi");
    In = IRB.CreateICmpULT(Bits, HiWord, "ffipin.in");
  } else {
    Value *HiWord = ffipin::loadBoundsWord(IRB, Bounds, Hi, "ffipin.hi");
    enterColdBlock(IRB, IRB.CreateICmpULT(Bits, HiWord, "ffipin.below"), (Name + ".lo").str());
    Value *LoWord = ffipin::loadBoundsWord(IRB, Bounds, Lo, "ffipin.lo");
    In = IRB.CreateICmpUGE(Bits, LoWord, "ffipin.in");
  }
  if (Also) In = IRB.CreateAnd(In, Also, "ffipin.stored");
  Instruction *ToTail = &*IRB.GetInsertPoint();
  BasicBlock *Tail = ToTail->getSuccessor(0);
  BasicBlock *Inner = BasicBlock::Create(Ctx, Name, ToTail->getFunction(), Tail);
  IRB.CreateCondBr(In, Inner, Tail, ColdWeights);
  ToTail->eraseFromParent();
  IRB.SetInsertPoint(Inner);
  IRB.SetInsertPoint(IRB.CreateBr(Tail));
}

// IRB inserts right after After, with After's debug location: the runtime
// symbolizes the return address of our call, so it must carry the store's
// line:col, not that of whatever follows the store.
void FFIPinSanitizer::prepareBuilder(IRBuilder<> &IRB, Instruction *After) {
  IRB.SetCurrentDebugLocation(After->getDebugLoc());
  InstrumentationIRBuilder::ensureDebugInfo(IRB, *After->getFunction());
  // ASan runs after us; our loads of the bounds are not the program's.
  IRB.SetNoSanitizeMetadata();
}

// Emits the range check and the cold call for each leaf of S before Next (the
// instruction that followed the store). With Success, a leaf is reported only
// when the store happened.
void FFIPinSanitizer::instrumentStore(const StoreSite &S, Instruction *Next, Value *Success) {
  InstrumentationIRBuilder IRB(Next);
  prepareBuilder(IRB, S.Inst);

  // Each check loads the words it compares against (x86 folds the loads
  // into the compares); each leaf is extracted in the block its check
  // starts, which keeps it from being live across the earlier checks.
  for (unsigned I = 0, E = S.Leaves.size(); I != E; ++I) {
    if (S.Reports[I].empty()) continue;
    Value *Part = ffipin::materializeLeaf(IRB, S.Stored, S.Leaves[I]);
    Value *Bits = Part->getType()->isPointerTy() ? IRB.CreatePtrToInt(Part, Int64Ty, "ffipin.v")
                                                 : IRB.CreateZExtOrTrunc(Part, Int64Ty, "ffipin.v");
    enterIfInBounds(IRB, Bits, FFIPIN_BOUNDS_HI, FFIPIN_BOUNDS_LO, Success, "ffipin.store");
    DebugLoc Loc = IRB.getCurrentDebugLocation();
    for (LeafRef R : S.Reports[I]) {
      const StoreSite &RS = *R.Site;
      const ffipin::PointerLeaf &Leaf = RS.Leaves[R.Leaf];
      Value *Slot = RS.Slot;
      if (&RS != &S) {
        // The report names the line of the store that wrote the slot.
        if (DebugLoc Own = RS.Inst->getDebugLoc()) IRB.SetCurrentDebugLocation(Own);
        Slot = ffipin::rebuildSlot(IRB, Slot, Leaf.Offset, DL);
      } else if (Leaf.Offset) {
        Slot = IRB.CreateConstInBoundsGEP1_64(IRB.getInt8Ty(), Slot, Leaf.Offset, "ffipin.slot");
      }
      callEntry(IRB, Leaf.Guessed ? StoreIntCopyFn : StoreFn, {Slot, Bits});
      IRB.SetCurrentDebugLocation(Loc);
    }
    // Back to the fast path (Next now starts the block after the cold one).
    IRB.SetInsertPoint(Next);
    IRB.SetCurrentDebugLocation(Loc);
  }

  if (S.Inst->isAtomic())
    ++NumInstrumentedAtomics;
  else if (S.Kind == ffipin::StoredValueKind::Aggregate)
    NumInstrumentedAggregateElts += S.Leaves.size();
  else if (S.Kind == ffipin::StoredValueKind::PointerInInt)
    ++NumInstrumentedIntStores;
  else
    ++NumInstrumentedStores;
}

void FFIPinSanitizer::instrumentAtomic(const StoreSite &S) {
  Instruction *Next = S.Inst->getNextNode();
  auto *CAS = dyn_cast<AtomicCmpXchgInst>(S.Inst);
  if (!CAS) {
    instrumentStore(S, Next);
    return;
  }
  // A failed cmpxchg stored nothing: the success bit joins the range check.
  InstrumentationIRBuilder IRB(Next);
  prepareBuilder(IRB, CAS);
  instrumentStore(S, Next, IRB.CreateExtractValue(CAS, 1, "ffipin.success"));
}

// The check comes before the copy, and the copy is made on each path: the
// cold one copies, then calls the runtime, which reads what was copied. So
// the common path keeps no destination, source or length alive across the
// copy's call to memcpy (a check after it made insertCell save and restore
// them in callee-saved registers on every call).
//   head: br %below, %ffipin.memcpy.lo, %copy
//   ffipin.memcpy.lo: br %in, %ffipin.memcpy, %copy
//   ffipin.memcpy: <the copy>; __ffipin_memcpy(dst, src, n); br %done
//   copy: <the copy>; br %done
void FFIPinSanitizer::instrumentMemTransfer(AnyMemTransferInst *MTI) {
  InstrumentationIRBuilder IRB(MTI);
  prepareBuilder(IRB, MTI);

  // Copied bytes can carry a foreign pointer only out of foreign memory
  // (the source lies in the bounds) or out of C memory holding tracked
  // slots (any are held): the runtime folds both into the copy bounds.
  Value *Src = IRB.CreatePtrToInt(MTI->getRawSource(), Int64Ty, "ffipin.src");
  Value *Len = IRB.CreateZExtOrTrunc(MTI->getLength(), Int64Ty);
  enterIfInBounds(IRB, Src, FFIPIN_BOUNDS_COPY_HI, FFIPIN_BOUNDS_COPY_LO, nullptr, "ffipin.memcpy");
  // The program's copy, as it was: no !nosanitize (ASan still checks it).
  Instruction *ColdCopy = MTI->clone();
  ColdCopy->insertBefore(&*IRB.GetInsertPoint());
  callEntry(IRB, MemcpyFn, {MTI->getRawDest(), MTI->getRawSource(), Len});
  // The cold block rejoins after the program's own copy.
  BasicBlock *Done = MTI->getParent()->splitBasicBlock(MTI->getNextNode(), "ffipin.memcpy.done");
  ColdCopy->getParent()->getTerminator()->setSuccessor(0, Done);
  ++NumInstrumentedMemTransfers;
}

bool FFIPinSanitizer::sanitizeFunction(Function &F, FunctionAnalysisManager &FnFAM) {
  FAM = &FnFAM;
  TLI = &FnFAM.getResult<TargetLibraryAnalysis>(F);
  if (shouldSkipFunction(F)) return false;
  bool Changed = false;
  // A language's runtime code (runtime/cgo's hooks) may copy its own
  // structures into C memory: that is not a user keeping a pointer.
  if (!ffipin::languageOwnsStores(F)) Changed |= instrumentStores(F);
  // Last, so a call scope a language adds encloses every instrumented store.
  Changed |= ffipin::instrumentForLanguages(F);
  return Changed;
}

// Fills in each site's Reports: a leaf's check reports its own slot, and
// the slots of earlier stores of the same value that it covers.
static void planReports(MutableArrayRef<StoreSite> Stores, MutableArrayRef<StoreSite> Atomics) {
  SmallVector<ffipin::CheckCandidate, 16> Candidates;
  SmallVector<std::pair<StoreSite *, unsigned>, 16> Refs;
  for (StoreSite &S : Stores) {
    bool Volatile = cast<StoreInst>(S.Inst)->isVolatile();
    for (unsigned I = 0, E = S.Leaves.size(); I != E; ++I) {
      Candidates.push_back({S.Inst, S.Slot, S.Leaves[I].Known, !Volatile});
      Refs.push_back({&S, I});
    }
    S.Reports.resize(S.Leaves.size());
  }
  SmallVector<unsigned, 16> Owner;
  if (ClShareChecks)
    Owner = ffipin::planSharedChecks(Candidates);
  else
    for (unsigned C = 0, E = Candidates.size(); C != E; ++C) Owner.push_back(C);
  for (unsigned C = 0, E = Refs.size(); C != E; ++C) {
    auto [Checker, Leaf] = Refs[Owner[C]];
    Checker->Reports[Leaf].push_back({Refs[C].first, Refs[C].second});
    if (Owner[C] != C) ++NumChecksShared;
  }
  for (StoreSite &S : Atomics)
    for (unsigned I = 0, E = S.Leaves.size(); I != E; ++I) S.Reports.push_back({{&S, I}});
}

bool FFIPinSanitizer::instrumentStores(Function &F) {
  AllocaEscapes.clear();

  SmallVector<StoreSite, 16> Stores;
  SmallVector<StoreSite, 4> Atomics;
  SmallVector<AnyMemTransferInst *, 4> MemTransfers;
  SmallVector<CallInst *, 4> InterfaceCalls;
  for (BasicBlock &BB : F) {
    for (Instruction &I : BB) {
      if (auto *CI = dyn_cast<CallInst>(&I); CI && isInterfaceCall(*CI)) {
        InterfaceCalls.push_back(CI);
      } else if (auto *MTI = dyn_cast<AnyMemTransferInst>(&I)) {
        if (ClInstrumentMemIntrinsics && shouldInstrumentMemTransfer(*MTI))
          MemTransfers.push_back(MTI);
      } else if (std::optional<StoreSite> S = chooseStore(I)) {
        if (I.isAtomic())
          Atomics.push_back(std::move(*S));
        else
          Stores.push_back(std::move(*S));
      }
    }
  }
  // The runtime's stacks start at the return address of its entry point: a
  // tail call (`jmp __ffipin_unpin`) would drop the caller's frame.
  for (CallInst *CI : InterfaceCalls) CI->setTailCallKind(CallInst::TCK_NoTail);
  if (Stores.empty() && Atomics.empty() && MemTransfers.empty()) return !InterfaceCalls.empty();

  initializeCallbacks();
  if (ClVersionLoops && !F.hasOptNone() && !Stores.empty())
    versionLoops(F, Stores, Atomics, MemTransfers);
  planReports(Stores, Atomics);
  for (const StoreSite &S : Stores) instrumentStore(S, S.Inst->getNextNode());
  for (const StoreSite &S : Atomics) instrumentAtomic(S);
  for (AnyMemTransferInst *MTI : MemTransfers) instrumentMemTransfer(MTI);
  return true;
}

// Before the checks are emitted: the clean copies of versioned loops are
// clones of code without checks, and the checks then go into the originals.
void FFIPinSanitizer::versionLoops(Function &F, ArrayRef<StoreSite> Stores,
                                   ArrayRef<StoreSite> Atomics,
                                   ArrayRef<AnyMemTransferInst *> MemTransfers) {
  LoopInfo &LI = FAM->getResult<LoopAnalysis>(F);
  if (LI.empty()) return;
  SmallPtrSet<Instruction *, 16> Checked;
  SmallPtrSet<StoreInst *, 16> Simple;
  for (const StoreSite &S : Stores) {
    Checked.insert(S.Inst);
    if (S.Kind == ffipin::StoredValueKind::Pointer && S.Leaves.size() == 1 &&
        S.Leaves[0].Known == S.Stored && S.Leaves[0].Offset == 0)
      Simple.insert(cast<StoreInst>(S.Inst));
  }
  for (const StoreSite &S : Atomics) Checked.insert(S.Inst);
  for (AnyMemTransferInst *MTI : MemTransfers) Checked.insert(MTI);
  auto Load = [&](IRBuilder<> &IRB, bool Hi) {
    return Hi ? ffipin::loadBoundsWord(IRB, Bounds, FFIPIN_BOUNDS_HI, "ffipin.hi")
              : ffipin::loadBoundsWord(IRB, Bounds, FFIPIN_BOUNDS_LO, "ffipin.lo");
  };
  unsigned Covered = 0;
  NumLoopsVersioned +=
      ffipin::versionBoundedLoops(Checked, Simple, LI, FAM->getResult<DominatorTreeAnalysis>(F),
                                  FAM->getResult<ScalarEvolutionAnalysis>(F), Load, &Covered);
  NumChecksVersioned += Covered;
}

namespace ffipin {

PreservedAnalyses FFIPinPass::run(Module &M, ModuleAnalysisManager &MAM) {
  // The compile step already instrumented this module (we are in an LTO
  // link, or the pass was requested twice).
  if (M.getModuleFlag(FFIPIN_ABI_MODULE_FLAG)) return PreservedAnalyses::all();

  FFIPinSanitizer Sanitizer(M);
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  bool Changed = false;
  for (Function &F : M)
    if (!F.isDeclaration()) Changed |= Sanitizer.sanitizeFunction(F, FAM);
  if (!Changed) return PreservedAnalyses::all();
  if (wantFallbacks(M)) defineFallbacks(M, languageVoidEntryPoints(), languageZeroObjects());
  // Max: linking an instrumented module with any other keeps the flag.
  M.addModuleFlag(Module::Max, FFIPIN_ABI_MODULE_FLAG, 1);
  return PreservedAnalyses::none();
}

} // namespace ffipin
