//===-- FFIPinPlugin.cpp - Registers the pass with opt and clang ----------===//
//
// `opt -load-pass-plugin=ffipin-pass.so -passes=ffipin` runs the pass alone;
// `clang -fpass-plugin=ffipin-pass.so` runs it at the end of every pipeline:
// OptimizerLast fires at -O0..-O3 and in ThinLTO backends, and the full-LTO
// link has its own extension point. The module flag keeps a second run from
// instrumenting anything twice.
//
//===----------------------------------------------------------------------===//
#include "FFIPinPass.h"
#include "ffipin_llvm_compat.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

static void addFFIPinPass(ModulePassManager &MPM, OptimizationLevel) {
  MPM.addPass(ffipin::FFIPinPass());
}

static void registerFFIPinCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "ffipin") return false;
        MPM.addPass(ffipin::FFIPinPass());
        return true;
      });
  ffipin::registerOptimizerLast(PB, addFFIPinPass);
  PB.registerFullLinkTimeOptimizationLastEPCallback(addFFIPinPass);
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "FFIPinSanitizer", LLVM_VERSION_STRING, registerFFIPinCallbacks};
}
