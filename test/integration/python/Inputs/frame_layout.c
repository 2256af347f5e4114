/* Compiled by frame-layout.test against the installed CPython headers: the
 * offsets the runtime reads Python frames at (ffipin_python_layout.h) are
 * CPython 3.11's. */
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#include <stddef.h>

#include "ffipin_python_layout.h"

_Static_assert(PY_VERSION_HEX >> 16 == PY311_VERSION,
               "not CPython 3.11's headers: ffipin_python_layout.h knows 3.11 only");
_Static_assert(offsetof(PyObject, ob_type) == PY311_OB_TYPE, "ob_type");
_Static_assert(offsetof(PyThreadState, cframe) == PY311_TSTATE_CFRAME, "cframe");
_Static_assert(offsetof(_PyCFrame, current_frame) == PY311_CFRAME_CURRENT_FRAME, "current_frame");
_Static_assert(offsetof(_PyInterpreterFrame, f_code) == PY311_FRAME_CODE, "f_code");
_Static_assert(offsetof(_PyInterpreterFrame, previous) == PY311_FRAME_PREVIOUS, "previous");
_Static_assert(offsetof(_PyInterpreterFrame, prev_instr) == PY311_FRAME_PREV_INSTR, "prev_instr");
_Static_assert(offsetof(_PyInterpreterFrame, owner) == PY311_FRAME_OWNER, "owner");
_Static_assert(sizeof(((_PyInterpreterFrame *)0)->owner) == 1, "owner is a char");
_Static_assert(FRAME_OWNED_BY_GENERATOR == PY311_FRAME_OWNED_BY_GENERATOR, "generator");
_Static_assert(offsetof(PyCodeObject, co_filename) == PY311_CODE_FILENAME, "co_filename");
_Static_assert(offsetof(PyCodeObject, co_qualname) == PY311_CODE_QUALNAME, "co_qualname");
_Static_assert(offsetof(PyCodeObject, _co_firsttraceable) == PY311_CODE_FIRSTTRACEABLE,
               "_co_firsttraceable");
_Static_assert(sizeof(((PyCodeObject *)0)->_co_firsttraceable) == sizeof(int), "an int");
_Static_assert(offsetof(PyCodeObject, co_code_adaptive) == PY311_CODE_CODE_ADAPTIVE,
               "co_code_adaptive");
_Static_assert(offsetof(PyCodeObject, co_code_adaptive) == PY311_CODE_BASICSIZE, "basicsize");
_Static_assert(sizeof(_Py_CODEUNIT) == PY311_CODE_UNIT, "code unit");
_Static_assert(offsetof(PyTypeObject, tp_basicsize) == PY_TYPE_BASICSIZE, "tp_basicsize");
_Static_assert(offsetof(PyTypeObject, tp_itemsize) == PY_TYPE_ITEMSIZE, "tp_itemsize");
