//===-- ffipin_llvm_compat.h - LLVM API differences, in one place ---------===//
//
// LLVM 19 is the baseline. Every API that differs in a newer LLVM is wrapped
// here, so the rest of the pass reads as plain LLVM code and a port to a new
// release touches this file only.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_LLVM_COMPAT_H
#define FFIPIN_LLVM_COMPAT_H

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Passes/PassBuilder.h"

// InstrumentationIRBuilder moved to Transforms/Utils in LLVM 20.
#if LLVM_VERSION_MAJOR >= 20
#include "llvm/Transforms/Utils/Instrumentation.h"
#else
#include "llvm/Transforms/Instrumentation.h"
#endif

// Debian's libLLVM is a release build (LLVM_FORCE_ENABLE_STATS is 0), where
// STATISTIC counts nothing. The pass's counters are tracked in every build:
// `clang -Xclang -stats-file=F.json` (or -save-stats) writes them. opt
// -stats prints them only in an LLVM built with assertions. Every file of
// the pass that counts includes this header.
#undef STATISTIC
#define STATISTIC(VARNAME, DESC) ALWAYS_ENABLED_STATISTIC(VARNAME, DESC)

namespace ffipin {

// May the alloca's address leave the function (returned, stored, passed)?
// LLVM 20 dropped the StoreCaptures parameter (stores always capture).
inline bool allocaMayEscape(const llvm::AllocaInst *AI) {
#if LLVM_VERSION_MAJOR >= 20
  return llvm::PointerMayBeCaptured(AI, /*ReturnCaptures=*/true);
#else
  return llvm::PointerMayBeCaptured(AI, /*ReturnCaptures=*/true,
                                    /*StoreCaptures=*/true);
#endif
}

// The OptimizerLast callback gained a ThinOrFullLTOPhase parameter after
// LLVM 19; we run in every phase, so the phase is ignored.
using ModulePassCallback = std::function<void(llvm::ModulePassManager &, llvm::OptimizationLevel)>;

inline void registerOptimizerLast(llvm::PassBuilder &PB, ModulePassCallback Callback) {
#if LLVM_VERSION_MAJOR >= 20
  PB.registerOptimizerLastEPCallback(
      [Callback](llvm::ModulePassManager &MPM, llvm::OptimizationLevel Level,
                 llvm::ThinOrFullLTOPhase) { Callback(MPM, Level); });
#else
  PB.registerOptimizerLastEPCallback(Callback);
#endif
}

} // namespace ffipin

#endif // FFIPIN_LLVM_COMPAT_H
