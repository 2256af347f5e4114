/* A C extension with a real and recurring bug (numpy#15450, Pillow#9681):
 * it releases the buffer view as soon as it has the pointer, then reads
 * through the pointer. Without the sanitizer it usually works — until the
 * exporter frees or reuses that memory. fastsum.checksum_fixed is the fix:
 * release after the last use. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static unsigned long sum_bytes(const unsigned char *p, Py_ssize_t n) {
  unsigned long sum = 0;
  for (Py_ssize_t i = 0; i < n; i++) sum = sum * 31 + p[i];
  return sum;
}

static PyObject *checksum(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  const unsigned char *data = view.buf;
  Py_ssize_t len = view.len;
  PyBuffer_Release(&view); /* too early: data is used below */
  return PyLong_FromUnsignedLong(sum_bytes(data, len));
}

static PyObject *checksum_fixed(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
  unsigned long sum = sum_bytes(view.buf, view.len);
  PyBuffer_Release(&view);
  return PyLong_FromUnsignedLong(sum);
}

static PyMethodDef methods[] = {
    {"checksum", checksum, METH_VARARGS, "checksum of a bytes-like object (buggy)"},
    {"checksum_fixed", checksum_fixed, METH_VARARGS, "checksum of a bytes-like object"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastsum", NULL, -1, methods};

PyMODINIT_FUNC PyInit_fastsum(void) { return PyModule_Create(&module); }
