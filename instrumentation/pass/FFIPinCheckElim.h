//===-- FFIPinCheckElim.h - Checks that cannot find anything ----*- C++ -*-===//
//
// The inline check after a store costs two instructions when nothing is
// foreign and four otherwise, plus what it does to the code around it. This
// file decides which checks the pass can leave out or share, each because a
// foreign pointer the check would have seen reaches the runtime anyway:
//
//  - one check per stored value: stores of the same value into one object
//    in one block, with no barrier between them, get one check after the
//    last of them, whose cold block tells the runtime about every slot. The
//    bounds only grow, so the later check sees at least what the earlier
//    one would have; no barrier means nothing can act on the earlier slot
//    (a callee, or another thread told by an atomic) before it is reported.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_CHECK_ELIM_H
#define FFIPIN_CHECK_ELIM_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace llvm {
class DataLayout;
class IRBuilderBase;
class Instruction;
class Value;
} // namespace llvm

namespace ffipin {

// Could I let the runtime act on what this thread stored before I (a call
// may end a scope, unpin, free or copy the slot; another thread may do so
// once an atomic or volatile access has told it to), or let the foreign
// bounds grow in a way this thread must see (an acquire)? Calls and invokes
// other than debug, lifetime and assume markers, inline asm, fences,
// atomics and volatile accesses.
bool isCheckBarrier(const llvm::Instruction &I);

// One pointer-sized value an instrumented store writes: Word is its value
// (a pointer or an i64) when it is known before the store, null otherwise;
// Mergeable is false for stores that keep their own check (atomic,
// volatile, a cmpxchg whose success decides).
struct CheckCandidate {
  llvm::Instruction *Store;
  llvm::Value *Slot;
  llvm::Value *Word;
  bool Mergeable;
};

// For each candidate (in program order within each block), the index of
// the candidate whose check covers it: itself when it keeps its own check,
// otherwise a later candidate of the same block storing the same value into
// the same object (a slot at a constant offset from the same base, which
// the covering check's cold block recomputes: keeping the earlier slot in
// a register until then costs more than its own check).
llvm::SmallVector<unsigned, 16> planSharedChecks(llvm::ArrayRef<CheckCandidate> Candidates);

// Slot, rebuilt from the base planSharedChecks matched on (plus Offset
// bytes), at IRB's insertion point.
llvm::Value *rebuildSlot(llvm::IRBuilderBase &IRB, llvm::Value *Slot, uint64_t Offset,
                         const llvm::DataLayout &DL);

} // namespace ffipin

#endif // FFIPIN_CHECK_ELIM_H
