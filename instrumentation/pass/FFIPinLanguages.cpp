//===-- FFIPinLanguages.cpp - Per-language parts of the pass --------------===//
#include "FFIPinLanguages.h"

#include "FFIPinCgo.h"

#include "llvm/IR/Function.h"

using namespace llvm;

namespace ffipin {

namespace {
struct LanguageSupport {
  bool (*OwnsStores)(const Function &F);
  bool (*Instrument)(Function &F);
};
} // namespace

// One entry per language with pass support.
static const LanguageSupport Languages[] = {
    {isCgoRuntimeHook, instrumentCgoFunction}, // Go (bindings/go/pass)
};

bool languageOwnsStores(const Function &F) {
  for (const LanguageSupport &L : Languages)
    if (L.OwnsStores(F)) return true;
  return false;
}

bool instrumentForLanguages(Function &F) {
  bool Changed = false;
  for (const LanguageSupport &L : Languages) Changed |= L.Instrument(F);
  return Changed;
}

} // namespace ffipin
