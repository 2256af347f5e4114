//===-- FFIPinStoredValue.h - Parts of a stored value that may be pointers ===//
//
// A store puts one value into memory; a foreign pointer can hide in a scalar
// pointer, in a pointer-sized integer, or in an element of an aggregate or
// vector. This file finds those parts, says where each lands in memory, and
// rules out the parts that provably cannot point into foreign memory.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_STORED_VALUE_H
#define FFIPIN_STORED_VALUE_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"

#include <cstdint>

namespace llvm {
class DataLayout;
class TargetLibraryInfo;
class Value;
} // namespace llvm

namespace ffipin {

// One pointer-sized part of a stored value that may hold a foreign pointer.
struct PointerLeaf {
  // extractvalue indices from the stored value; when InVector is set, the last
  // index selects a vector element instead. Empty for a scalar store.
  llvm::SmallVector<unsigned, 2> Indices;
  bool InVector = false;
  // Where the part lands, in bytes from the store's address.
  uint64_t Offset = 0;
  // The part itself when it is visible without new IR (the scalar, a
  // constant, an insertvalue/insertelement operand); null otherwise.
  llvm::Value *Known = nullptr;
  // An integer taken for a pointer only because it was copied from memory:
  // it may be plain data (the runtime is told, and never reports on it alone).
  bool Guessed = false;
};

enum class StoredValueKind {
  None,           // no part can be a pointer: not a candidate
  Pointer,        // a scalar pointer
  PointerInInt,   // a pointer-sized integer that looks like a pointer
  Aggregate,      // pointers inside a struct, array or vector
  OtherAddrSpace, // only pointers in address spaces other than 0
};

// Finds the parts of V (the value being stored) that may be pointers into
// address space 0. With IntLeaves, a pointer-sized integer counts when it is
// a ptrtoint or was itself loaded from memory (at -O2 clang copies a
// `struct { void *p; }` as i64 and copies arrays of them as <N x i64>).
StoredValueKind findPointerLeaves(llvm::Value *V, const llvm::DataLayout &DL, bool IntLeaves,
                                  llvm::SmallVectorImpl<PointerLeaf> &Leaves);

// True if storing V (a pointer or pointer-sized integer) into Slot provably
// cannot make a held pointer: V is null, undef/poison, an integer constant,
// an address based on a global, a stack slot or a fresh allocation of the C
// allocators (TLI's malloc or new families; not a GC's allocator), or an
// address inside Slot's own object.
bool cannotBeForeign(const llvm::Value *V, const llvm::Value *Slot,
                     const llvm::TargetLibraryInfo &TLI);

// The same through phis and selects: every object V may be based on, on any
// path (getUnderlyingObjects), is one that cannotBeForeign accepts
// (p = cond ? &g : malloc(n); a loop's cursor into the slot's own object).
bool cannotBeForeignOnAnyPath(const llvm::Value *V, const llvm::Value *Slot,
                              const llvm::TargetLibraryInfo &TLI);

// Returns the part of V that Leaf describes, emitting extractvalue /
// extractelement at IRB's insertion point when the part is not Known.
llvm::Value *materializeLeaf(llvm::IRBuilderBase &IRB, llvm::Value *V, const PointerLeaf &Leaf);

} // namespace ffipin

#endif // FFIPIN_STORED_VALUE_H
