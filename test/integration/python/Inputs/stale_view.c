/* A C extension with the bug of numpy#15450 and Pillow#9681: it takes the
 * pointer out of a buffer view, releases the view, then keeps using the
 * pointer. (Line numbers are checked by the tests that use it.) */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Keeps the compiler from reading p before the release. */
__attribute__((noinline)) static const volatile char *launder(const char *p) { return p; }

static PyObject *first_after_release(PyObject *self, PyObject *args) {
  (void)self;
  Py_buffer view;
  const volatile char *p;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  p = launder(view.buf);
  PyBuffer_Release(&view);
  return PyLong_FromLong(p[0]);
}

static PyMethodDef methods[] = {
    {"first_after_release", first_after_release, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "stale_view", NULL, -1, methods};

PyMODINIT_FUNC PyInit_stale_view(void) { return PyModule_Create(&module); }
