/* A C extension exercising the buffer lends a correct extension makes, and
 * the bugs the tests look for. Each function is one pattern; the tests name
 * the lines they expect in reports. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

static const char *g_kept;           /* retention in a global */
static struct { const char *p; } *g_ctx; /* retention in a malloc'd struct */

/* Correct: the view is used, then released. */
static PyObject *checksum(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  unsigned long sum = 0;
  for (Py_ssize_t i = 0; i < view.len; i++) sum += ((const unsigned char *)view.buf)[i];
  PyBuffer_Release(&view);
  return PyLong_FromUnsignedLong(sum);
}

/* Bug: the pointer stays in a C global after the release. */
static PyObject *keep_in_global(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  g_kept = view.buf;
  PyBuffer_Release(&view);
  Py_RETURN_NONE;
}

/* Bug, seen by a later call: reads what the global kept. */
static PyObject *read_kept(PyObject *self, PyObject *args) {
  return PyLong_FromLong(g_kept[1]);
}

/* Bug: the pointer stays in a heap struct. */
static PyObject *keep_in_struct(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "s*", &view)) return NULL;
  if (!g_ctx) g_ctx = malloc(sizeof(*g_ctx));
  g_ctx->p = view.buf;
  PyBuffer_Release(&view);
  Py_RETURN_NONE;
}

/* Correct: a struct keeps the pointer while the view is held, and forgets it
 * before the release. */
static PyObject *keep_then_forget(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  if (!g_ctx) g_ctx = malloc(sizeof(*g_ctx));
  g_ctx->p = view.buf;
  long first = g_ctx->p[0];
  g_ctx->p = NULL;
  PyBuffer_Release(&view);
  return PyLong_FromLong(first);
}

/* w*: the extension writes; Python must see the writes. */
static PyObject *upcase(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "w*", &view)) return NULL;
  char *p = view.buf;
  for (Py_ssize_t i = 0; i < view.len; i++)
    if (p[i] >= 'a' && p[i] <= 'z') p[i] -= 32;
  PyBuffer_Release(&view);
  Py_RETURN_NONE;
}

/* Read-only: writes to the copy must not reach the bytes object. */
static PyObject *scribble_readonly(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  long readonly = view.readonly;
  if (view.len > 0) ((char *)view.buf)[0] = '!';
  PyBuffer_Release(&view);
  return PyLong_FromLong(readonly);
}

/* PyObject_GetBuffer with strides (Argument Clinic and NumPy-style code):
 * the sum of a one-dimensional strided byte view. */
static PyObject *strided_sum(PyObject *self, PyObject *arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_STRIDES | PyBUF_FORMAT) < 0) return NULL;
  long sum = 0;
  for (Py_ssize_t i = 0; i < view.shape[0]; i++)
    sum += *((const unsigned char *)view.buf + i * view.strides[0]);
  PyBuffer_Release(&view);
  return PyLong_FromLong(sum);
}

/* Keyword arguments, one buffer optional: a buffer not passed stays as the
 * extension initialised it. */
static PyObject *optional_second(PyObject *self, PyObject *args, PyObject *kw) {
  static char *names[] = {"first", "second", NULL};
  Py_buffer a, b = {NULL, NULL};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "y*|y*:optional_second", names, &a, &b))
    return NULL;
  long result = b.buf ? (long)b.len : -1;
  PyBuffer_Release(&a);
  if (b.buf) PyBuffer_Release(&b);
  return PyLong_FromLong(result);
}

static PyMethodDef methods[] = {
    {"checksum", checksum, METH_VARARGS, NULL},
    {"keep_in_global", keep_in_global, METH_VARARGS, NULL},
    {"read_kept", read_kept, METH_NOARGS, NULL},
    {"keep_in_struct", keep_in_struct, METH_VARARGS, NULL},
    {"keep_then_forget", keep_then_forget, METH_VARARGS, NULL},
    {"upcase", upcase, METH_VARARGS, NULL},
    {"scribble_readonly", scribble_readonly, METH_VARARGS, NULL},
    {"strided_sum", strided_sum, METH_O, NULL},
    {"optional_second", (PyCFunction)(void (*)(void))optional_second,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "buffers", NULL, -1, methods};

PyMODINIT_FUNC PyInit_buffers(void) { return PyModule_Create(&module); }
