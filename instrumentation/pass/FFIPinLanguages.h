//===-- FFIPinLanguages.h - Per-language parts of the pass ------*- C++ -*-===//
//
// What the pass does differently for one managed runtime's C code lives with
// the rest of that language's support (bindings/<language>/pass/); this is
// the one list of them, so the language-neutral pass names no language.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_LANGUAGES_H
#define FFIPIN_LANGUAGES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class Function;
} // namespace llvm

namespace ffipin {

// True if F is a language runtime's own C code whose stores copy the
// runtime's structures (not a user keeping a pointer): not instrumented.
bool languageOwnsStores(const llvm::Function &F);

// Each language's instrumentation of F (call scopes, redirected calls).
// Runs after the store instrumentation of F. Returns whether F changed.
bool instrumentForLanguages(llvm::Function &F);

// The languages' void runtime entry points the pass may make code call,
// which get weak no-op stand-ins in shared-library code (FFIPinFallbacks.h).
llvm::SmallVector<llvm::StringRef, 16> languageVoidEntryPoints();

// The languages' runtime objects the pass may make code read and write
// inline, which get weak all-zero stand-ins in shared-library code.
llvm::SmallVector<llvm::StringRef, 4> languageZeroObjects();

} // namespace ffipin

#endif // FFIPIN_LANGUAGES_H
