//===-- FFIPinFallbacks.h - Runtime stand-ins in shared libraries -*- C++ -*-===//
//
// A shared library built with the sanitizer may be loaded where the runtime
// is not (a Python extension imported without the preloaded runtime, a
// c-shared Go library in a plain host). Its references to the runtime would
// make dlopen fail with an undefined symbol. So in code for a shared library
// the pass also defines, weakly, what it made the code reference: the bounds
// (all zero: no value is ever in them, so no callback is ever called),
// no-op void callbacks and all-zero language objects (the Go binding's
// thread-local cgo calls, whose zero limit sends every call to a no-op).
// The dynamic linker binds to the runtime's definitions when the executable
// or a preloaded library has them, since those come first in the lookup
// scope; a language that must refuse to run without the runtime checks for
// it itself (CPython: PyInit_<name>).
//
//===----------------------------------------------------------------------===//
#ifndef FFIPIN_FALLBACKS_H
#define FFIPIN_FALLBACKS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class Module;
} // namespace llvm

namespace ffipin {

// Code compiled for a shared library: PIC, not PIE.
bool isSharedLibraryCode(const llvm::Module &M);

// Whether the module gets the stand-ins: shared-library code, unless the
// compiler runs under ffipin-go's shims, which set FFIPIN_ABI_NO_FALLBACKS_ENV.
// Go's C code references the Go glue's runtime entry points, so it never
// loads without the runtime anyway; and the stand-ins would win over the
// runtime there: Go links a c-shared library with -Bsymbolic (its own weak
// definitions bind locally), and a c-archive's PIC objects go into an
// executable whose own weak definitions the static link binds to.
bool wantFallbacks(const llvm::Module &M);

// Turns the module's declarations of the bounds, of the objects named in
// ZeroObjects (all zero) and of the void functions named here (and of the
// pass's own callbacks) into weak definitions.
void defineFallbacks(llvm::Module &M, llvm::ArrayRef<llvm::StringRef> VoidFunctions,
                     llvm::ArrayRef<llvm::StringRef> ZeroObjects);

} // namespace ffipin

#endif // FFIPIN_FALLBACKS_H
