//===-- FFIPinPython.h - CPython-specific instrumentation -------*- C++ -*-===//
//
// In a C extension module (see bindings/python/README.md):
//  - calls of the functions that lend a buffer (PyObject_GetBuffer, the
//    PyArg_Parse* family, which fill a Py_buffer for y*, s*, z*, w*) and of
//    PyBuffer_Release get the runtime's hooks around them
//    (bindings/python/runtime/ffipin_python_abi.h), which hand C a guarded
//    copy and end it at the release;
//  - PyInit_<name> first checks that the runtime is in the process, and
//    fails the import with an ImportError that says what to preload if not.
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_PYTHON_H
#define FFIPIN_PYTHON_H

namespace llvm {
class Function;
} // namespace llvm

namespace ffipin {

// Brackets F's buffer-lending calls with the runtime's hooks, and adds the
// runtime check to a module init function. Returns whether F changed.
bool instrumentPythonFunction(llvm::Function &F);

} // namespace ffipin

#endif // FFIPIN_PYTHON_H
