/* A C extension whose buffer is got, released and read in three separate
 * calls, for the tests of the Python frames in reports. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static Py_buffer g_view;            /* between hold() and drop() */
static const volatile char *g_kept; /* its pointer, kept past drop(): the bug */

static PyObject *hold(PyObject *self, PyObject *arg) {
  if (PyObject_GetBuffer(arg, &g_view, PyBUF_SIMPLE) < 0) return NULL;
  g_kept = g_view.buf;
  Py_RETURN_NONE;
}

static PyObject *drop(PyObject *self, PyObject *unused) {
  PyBuffer_Release(&g_view);
  Py_RETURN_NONE;
}

static PyObject *first(PyObject *self, PyObject *unused) { return PyLong_FromLong(g_kept[0]); }

static PyMethodDef methods[] = {
    {"hold", hold, METH_O, NULL},
    {"drop", drop, METH_NOARGS, NULL},
    {"first", first, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "held_view", NULL, -1, methods};

PyMODINIT_FUNC PyInit_held_view(void) { return PyModule_Create(&module); }
