/* CPython's part of the contract between the pass and the runtime (the rest
 * is runtime/base/ffipin_abi.h): included by pass/FFIPinPython.cpp and by
 * ffipin_python.c, which defines these functions. All return void, so that
 * a shared library built with the sanitizer and loaded without its runtime
 * can carry no-op fallbacks of them (instrumentation/pass/FFIPinFallbacks).
 *
 * Debian's python3 links libpython statically: LD_PRELOAD cannot interpose
 * an extension's calls into it. So the pass leaves the calls alone and
 * brackets them in the extension's own code:
 *   PyArg_Parse*(..., fmt, p1, p2, ...)   parse_begin(fmt, p1, p2, ...) before,
 *   PyArg_VaParse*(..., fmt, va)          vparse_begin(fmt, va) before,
 *                                         parse_end(result) after either;
 *   PyObject_GetBuffer(obj, view, flags)  got_buffer(result, view) after;
 *   PyBuffer_Release(view)                release_buffer(view) before. */
#ifndef FFIPIN_PYTHON_ABI_H
#define FFIPIN_PYTHON_ABI_H

#define FFIPIN_ABI_PY_PARSE_BEGIN "__ffipin_py_parse_begin"
#define FFIPIN_ABI_PY_VPARSE_BEGIN "__ffipin_py_vparse_begin"
#define FFIPIN_ABI_PY_PARSE_END "__ffipin_py_parse_end"
#define FFIPIN_ABI_PY_GOT_BUFFER "__ffipin_py_got_buffer"
#define FFIPIN_ABI_PY_RELEASE_BUFFER "__ffipin_py_release_buffer"
/* An undefined weak reference in a module's PyInit_<name>: null when the
 * runtime is not in the process (then the import fails, saying what to
 * preload). */
#define FFIPIN_ABI_PY_RUNTIME_PRESENT "__ffipin_py_runtime_present"

#endif
