/* Where CPython 3.11 keeps what a report's Python frames are read from, on
 * x86-64 (Include/cpython/pystate.h, Include/internal/pycore_frame.h,
 * Include/cpython/code.h). Reading these fields calls nothing in CPython: no
 * allocation, no GIL, safe in the fault handler. Other versions lay them out
 * differently and get no Python frames (ffipin_python_frames.c checks
 * Py_Version and the code object's size first).
 * test/integration/python/frame-layout.test compiles these numbers against
 * the installed CPython headers. */
#ifndef FFIPIN_PYTHON_LAYOUT_H
#define FFIPIN_PYTHON_LAYOUT_H

enum {
  PY311_VERSION = 0x030B,         /* Py_Version >> 16 */
  PY311_OB_TYPE = 8,              /* PyObject.ob_type */
  PY311_TSTATE_CFRAME = 56,       /* PyThreadState.cframe */
  PY311_CFRAME_CURRENT_FRAME = 8, /* _PyCFrame.current_frame */
  PY311_FRAME_CODE = 32,          /* _PyInterpreterFrame.f_code */
  PY311_FRAME_PREVIOUS = 48,      /* _PyInterpreterFrame.previous */
  PY311_FRAME_PREV_INSTR = 56,    /* _PyInterpreterFrame.prev_instr */
  PY311_FRAME_OWNER = 69,         /* _PyInterpreterFrame.owner (char) */
  PY311_FRAME_OWNED_BY_GENERATOR = 1,
  PY311_CODE_FILENAME = 112,       /* PyCodeObject.co_filename */
  PY311_CODE_QUALNAME = 128,       /* PyCodeObject.co_qualname */
  PY311_CODE_FIRSTTRACEABLE = 168, /* PyCodeObject._co_firsttraceable (int) */
  PY311_CODE_CODE_ADAPTIVE = 184,  /* PyCodeObject.co_code_adaptive */
  PY311_CODE_UNIT = 2,             /* sizeof(_Py_CODEUNIT) */
  PY311_CODE_BASICSIZE = 184,      /* PyCode_Type.tp_basicsize */
  PY_TYPE_BASICSIZE = 32,          /* PyTypeObject.tp_basicsize (every version) */
  PY_TYPE_ITEMSIZE = 40,           /* PyTypeObject.tp_itemsize */
};

#endif
