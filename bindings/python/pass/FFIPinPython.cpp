//===-- FFIPinPython.cpp - CPython-specific instrumentation ---------------===//
//
// See FFIPinPython.h. The functions matched here are CPython's C API as an
// extension calls it: with PY_SSIZE_T_CLEAN (needed for '#' formats until
// 3.13) the PyArg_Parse* macros expand to their _SizeT names, which are
// matched too; Cython and Argument Clinic code reach PyObject_GetBuffer and
// PyBuffer_Release directly.
//
//===----------------------------------------------------------------------===//
#include "FFIPinPython.h"
#include "ffipin_llvm_compat.h"
#include "ffipin_python_abi.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

#include <dlfcn.h>
#include <string>

using namespace llvm;

#define DEBUG_TYPE "ffipin"

STATISTIC(NumPyParseCalls, "Number of PyArg_Parse* calls given buffer hooks");
STATISTIC(NumPyGetBufferCalls, "Number of PyObject_GetBuffer calls given a hook");
STATISTIC(NumPyReleaseCalls, "Number of PyBuffer_Release calls given a hook");
STATISTIC(NumPyInitChecks, "Number of PyInit_ functions given the runtime check");

namespace {

enum class Kind { None, Parse, VaParse, GetBuffer, Release };

// What a call of the C API is, and where its format and its first output
// (or its va_list) are among the arguments.
struct ApiCall {
  Kind K = Kind::None;
  unsigned FormatArg = 0;
  unsigned RestArg = 0; // the first output pointer, or the va_list
};

ApiCall classify(StringRef Name) {
  return StringSwitch<ApiCall>(Name)
      // (PyObject *args, const char *format, ...)
      .Cases("PyArg_Parse", "_PyArg_Parse_SizeT", "PyArg_ParseTuple", "_PyArg_ParseTuple_SizeT",
             {Kind::Parse, 1, 2})
      // (PyObject *args, PyObject *kw, const char *format, char **kwlist, ...)
      .Cases("PyArg_ParseTupleAndKeywords", "_PyArg_ParseTupleAndKeywords_SizeT",
             {Kind::Parse, 2, 4})
      // (PyObject *args, const char *format, va_list va)
      .Cases("PyArg_VaParse", "_PyArg_VaParse_SizeT", {Kind::VaParse, 1, 2})
      // (PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va)
      .Cases("PyArg_VaParseTupleAndKeywords", "_PyArg_VaParseTupleAndKeywords_SizeT",
             {Kind::VaParse, 2, 4})
      .Case("PyObject_GetBuffer", {Kind::GetBuffer, 0, 1}) // (obj, Py_buffer *view, flags)
      .Case("PyBuffer_Release", {Kind::Release, 0, 0})     // (Py_buffer *view)
      .Default({});
}

// The plugin's own directory: the runtime to preload is next to it.
std::string runtimeToPreload() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&runtimeToPreload), &Info) && Info.dli_fname) {
    StringRef Dir = StringRef(Info.dli_fname).rsplit('/').first;
    return (Dir + "/libclang_rt.ffipin-x86_64.so").str();
  }
  return "libclang_rt.ffipin-x86_64.so";
}

// IRB set right after I (for an invoke: at the start of its normal
// destination, which must have no other predecessor). False if there is no
// such place.
bool setAfter(IRBuilder<> &IRB, CallBase &CB) {
  if (auto *CI = dyn_cast<CallInst>(&CB)) {
    IRB.SetInsertPoint(CI->getNextNode());
  } else {
    BasicBlock *Normal = cast<InvokeInst>(CB).getNormalDest();
    if (!Normal->getSinglePredecessor()) return false;
    IRB.SetInsertPoint(&*Normal->getFirstInsertionPt());
  }
  IRB.SetCurrentDebugLocation(CB.getDebugLoc());
  return true;
}

bool addHooks(CallBase &CB, const ApiCall &A) {
  Module &M = *CB.getModule();
  LLVMContext &Ctx = M.getContext();
  Type *Void = Type::getVoidTy(Ctx), *Ptr = PointerType::getUnqual(Ctx);
  Type *Int = Type::getInt32Ty(Ctx);
  AttributeList Attr = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  InstrumentationIRBuilder Before(&CB);
  Before.SetCurrentDebugLocation(CB.getDebugLoc());
  IRBuilder<> After(Ctx);
  if (A.K != Kind::Release && !setAfter(After, CB)) return false;

  switch (A.K) {
  case Kind::Parse:
  case Kind::VaParse: {
    if (CB.arg_size() < A.RestArg || !CB.getType()->isIntegerTy(32)) return false;
    SmallVector<Value *, 8> Args{CB.getArgOperand(A.FormatArg)};
    FunctionCallee Begin;
    if (A.K == Kind::Parse) {
      for (unsigned I = A.RestArg; I < CB.arg_size(); ++I) Args.push_back(CB.getArgOperand(I));
      Begin = M.getOrInsertFunction(FFIPIN_ABI_PY_PARSE_BEGIN,
                                    FunctionType::get(Void, {Ptr}, /*isVarArg=*/true), Attr);
    } else {
      if (CB.arg_size() <= A.RestArg) return false;
      Args.push_back(CB.getArgOperand(A.RestArg));
      Begin = M.getOrInsertFunction(FFIPIN_ABI_PY_VPARSE_BEGIN, Attr, Void, Ptr, Ptr);
    }
    Before.CreateCall(Begin, Args);
    After.CreateCall(M.getOrInsertFunction(FFIPIN_ABI_PY_PARSE_END, Attr, Void, Int), {&CB});
    ++NumPyParseCalls;
    return true;
  }
  case Kind::GetBuffer:
    if (CB.arg_size() < 2 || !CB.getType()->isIntegerTy(32)) return false;
    After.CreateCall(M.getOrInsertFunction(FFIPIN_ABI_PY_GOT_BUFFER, Attr, Void, Int, Ptr),
                     {&CB, CB.getArgOperand(1)});
    ++NumPyGetBufferCalls;
    return true;
  case Kind::Release:
    if (CB.arg_size() < 1) return false;
    Before.CreateCall(M.getOrInsertFunction(FFIPIN_ABI_PY_RELEASE_BUFFER, Attr, Void, Ptr),
                      {CB.getArgOperand(0)});
    ++NumPyReleaseCalls;
    return true;
  case Kind::None:
    break;
  }
  return false;
}

// At the entry of PyInit_<name>: without the runtime in the process,
// PyErr_SetString(PyExc_ImportError, "...preload...") and return NULL, which
// makes the import fail with that message (for single- and multi-phase init
// alike).
void addRuntimeCheck(Function &F) {
  Module &M = *F.getParent();
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx);
  auto *Present = cast<Function>(
      M.getOrInsertFunction(FFIPIN_ABI_PY_RUNTIME_PRESENT, Type::getVoidTy(Ctx)).getCallee());
  Present->setLinkage(GlobalValue::ExternalWeakLinkage);

  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator IP = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*IP)) ++IP;
  BasicBlock *Rest = Entry.splitBasicBlock(IP, "ffipin.py.runtime");
  BasicBlock *Missing = BasicBlock::Create(Ctx, "ffipin.py.no_runtime", &F, Rest);
  Entry.getTerminator()->eraseFromParent();
  IRBuilder<> IRB(&Entry);
  IRB.CreateCondBr(IRB.CreateIsNotNull(Present, "ffipin.py.present"), Rest, Missing);

  IRB.SetInsertPoint(Missing);
  std::string Module = F.getName().drop_front(strlen("PyInit_")).str();
  std::string Message = "extension module '" + Module +
                        "' was built with -fsanitize=ffi-pin, but the FFIPinSanitizer runtime "
                        "is not in this process: run Python with it preloaded, as with "
                        "libasan: LD_PRELOAD=" +
                        runtimeToPreload() + " python3 ...";
  GlobalVariable *ExcVar = M.getGlobalVariable("PyExc_ImportError");
  if (!ExcVar)
    ExcVar = new GlobalVariable(M, Ptr, /*isConstant=*/false, GlobalValue::ExternalLinkage, nullptr,
                                "PyExc_ImportError");
  Value *Exc = IRB.CreateLoad(Ptr, ExcVar, "ffipin.py.import_error");
  FunctionCallee SetString =
      M.getOrInsertFunction("PyErr_SetString", Type::getVoidTy(Ctx), Ptr, Ptr);
  IRB.CreateCall(SetString, {Exc, IRB.CreateGlobalStringPtr(Message, "ffipin.py.message")});
  IRB.CreateRet(Constant::getNullValue(F.getReturnType()));
  ++NumPyInitChecks;
}

} // namespace

namespace ffipin {

bool instrumentPythonFunction(Function &F) {
  SmallVector<std::pair<CallBase *, ApiCall>, 8> Calls;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (Function *Callee = CB->getCalledFunction(); Callee && Callee->isDeclaration())
          if (ApiCall A = classify(Callee->getName()); A.K != Kind::None) Calls.push_back({CB, A});
  bool Changed = false;
  for (auto &[CB, A] : Calls) Changed |= addHooks(*CB, A);
  if (F.getName().starts_with("PyInit_") && !F.hasLocalLinkage() &&
      F.getReturnType()->isPointerTy()) {
    addRuntimeCheck(F);
    Changed = true;
  }
  return Changed;
}

} // namespace ffipin
