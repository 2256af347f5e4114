//===-- FFIPinLanguages.h - Per-language parts of the pass ------*- C++ -*-===//
//
// What the pass does differently for one managed runtime's C code lives with
// the rest of that language's support (bindings/<language>/pass/); this is
// the one list of them, so the language-neutral pass names no language.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_LANGUAGES_H
#define FFIPIN_LANGUAGES_H

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

} // namespace ffipin

#endif // FFIPIN_LANGUAGES_H
