//===-- FFIPinLanguages.cpp - Per-language parts of the pass --------------===//
#include "FFIPinLanguages.h"

#include "FFIPinCgo.h"
#include "FFIPinPython.h"
#include "ffipin_go_abi.h"
#include "ffipin_python_abi.h"

#include "llvm/IR/Function.h"

using namespace llvm;

namespace ffipin {

namespace {
struct LanguageSupport {
  bool (*OwnsStores)(const Function &F);
  bool (*Instrument)(Function &F);
  ArrayRef<const char *> VoidEntryPoints;
  ArrayRef<const char *> ZeroObjects;
};

bool ownsNothing(const Function &) { return false; }

const char *const GoVoidEntryPoints[] = {FFIPIN_ABI_GO_CALL_BEGIN, FFIPIN_ABI_GO_CALL_END};
// All zero, the thread's cgo calls send every begin and end to the hooks.
const char *const GoZeroObjects[] = {FFIPIN_ABI_GO_CALLS};
const char *const PythonVoidEntryPoints[] = {FFIPIN_ABI_PY_PARSE_BEGIN, FFIPIN_ABI_PY_VPARSE_BEGIN,
                                             FFIPIN_ABI_PY_PARSE_END, FFIPIN_ABI_PY_GOT_BUFFER,
                                             FFIPIN_ABI_PY_RELEASE_BUFFER};
} // namespace

// One entry per language with pass support.
static const LanguageSupport Languages[] = {
    {isCgoRuntimeHook, instrumentCgoFunction, GoVoidEntryPoints, GoZeroObjects}, // bindings/go/pass
    {ownsNothing, instrumentPythonFunction, PythonVoidEntryPoints, {}}, // bindings/python/pass
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

SmallVector<StringRef, 16> languageVoidEntryPoints() {
  SmallVector<StringRef, 16> Names;
  for (const LanguageSupport &L : Languages)
    for (const char *Name : L.VoidEntryPoints) Names.push_back(Name);
  return Names;
}

SmallVector<StringRef, 4> languageZeroObjects() {
  SmallVector<StringRef, 4> Names;
  for (const LanguageSupport &L : Languages)
    for (const char *Name : L.ZeroObjects) Names.push_back(Name);
  return Names;
}

} // namespace ffipin
