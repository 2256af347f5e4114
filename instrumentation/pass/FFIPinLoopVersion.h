//===-- FFIPinLoopVersion.h - One range check for a loop's stores ---------===//
//
// A loop that stores pointers computed as `base + offset`, base the same in
// every iteration and offset within a range known at compile time (a page
// buffer and a masked cell offset: SQLite's balance_nonroot), can only store
// values in [base + min, base + max]. When the loop has no call and no atomic
// or volatile access, the foreign bounds cannot change while it runs (the
// runtime's bounds change only in calls; another thread's registration is
// not ordered before our stores without an acquire), so one check of each
// such range before the loop decides for all its stores. The loop is
// versioned: a copy without per-store checks runs when no range can meet the
// bounds, the original (checked afterwards like any code) otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_LOOP_VERSION_H
#define FFIPIN_LOOP_VERSION_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/IRBuilder.h"

namespace llvm {
class DominatorTree;
class Instruction;
class LoopInfo;
class ScalarEvolution;
class StoreInst;
} // namespace llvm

namespace ffipin {

// Emits, at IRB's insertion point, a load of the foreign bounds' hi word
// (Hi) or lo word (i64, as the pass's checks load them).
using LoadBound = llvm::function_ref<llvm::Value *(llvm::IRBuilder<> &IRB, bool Hi)>;

// Versions the innermost loops (of LI's function) whose every instruction in Checked (the
// pass's candidates, checked after this) is a store in Simple (a scalar
// pointer stored whole) of a bounded `base + offset`. Returns how many loops
// were versioned; *Covered counts the stores whose checks the clean copy
// skips. The clean copy's stores are new instructions, in neither set.
unsigned versionBoundedLoops(const llvm::SmallPtrSetImpl<llvm::Instruction *> &Checked,
                             const llvm::SmallPtrSetImpl<llvm::StoreInst *> &Simple,
                             llvm::LoopInfo &LI, llvm::DominatorTree &DT, llvm::ScalarEvolution &SE,
                             LoadBound Load, unsigned *Covered);

} // namespace ffipin

#endif // FFIPIN_LOOP_VERSION_H
