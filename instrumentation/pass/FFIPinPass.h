//===-- FFIPinPass.h - FFIPinSanitizer instrumentation pass -----*- C++ -*-===//
//
// Instruments every store that may put a pointer into foreign (GC-managed)
// memory into a slot, so the FFIPinSanitizer runtime learns which C-resident
// slots hold such pointers. The contract with the runtime is ffipin_abi.h.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_PASS_H
#define FFIPIN_PASS_H

#include "llvm/IR/PassManager.h"

namespace ffipin {

// A module pass: callbacks are declared once per module, and the module flag
// that prevents a second run (an LTO link after the compile step) is
// per module.
class FFIPinPass : public llvm::PassInfoMixin<FFIPinPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  // A sanitizer must also see optnone (-O0) functions.
  static bool isRequired() { return true; }
};

} // namespace ffipin

#endif // FFIPIN_PASS_H
