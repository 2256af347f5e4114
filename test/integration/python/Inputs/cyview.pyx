# A Cython module with a typed memoryview (Cython gets and releases its
# buffer through PyObject_GetBuffer and PyBuffer_Release in the generated C);
# keep() has the retention bug. Line numbers are checked by the tests.
# cython: language_level=3
cdef const unsigned char *g_kept = NULL

def total(const unsigned char[:] data):
    cdef Py_ssize_t i
    cdef long s = 0
    for i in range(data.shape[0]):
        s += data[i]
    return s

def keep(const unsigned char[:] data):
    global g_kept
    g_kept = &data[0]
    return data[0]

def first_kept():
    return g_kept[0]
