"""A real bug in msgpack 1.0.3 (Debian bookworm's python-msgpack), not
reported by FFIPinSanitizer: run it from a build of test/bench/python-suites,

  cd ~/.cache/ffipin-python-suites/build/plain/msgpack
  PYTHONPATH=. PYTHONMALLOC=debug /usr/bin/python3 .../msgpack_noncontiguous.py

get_data_from_buffer (msgpack/_unpacker.pyx) gets a non-contiguous buffer,
releases it, makes a contiguous copy with PyMemoryView_GetContiguous, gets
the copy's buffer, then Py_DECREFs the copy although Cython drops its own
reference again when the function returns: the copy is freed while its
buffer is still lent, and the view's later PyBuffer_Release works on a
freed object. Plain and sanitizer builds alike: SystemError (BufferError
"memoryview has 1 exported buffer") with Python's allocator, a segfault with
PYTHONMALLOC=debug. The sanitizer hands C a guarded copy of the lent bytes,
which stays valid until the release, so C's reads are not stale from its
point of view; the freed exporter is outside what it tracks.
"""
import msgpack
import msgpack._cmsgpack

assert msgpack.unpackb is msgpack._cmsgpack.unpackb, "not the compiled extension"
packed = msgpack.packb([1, "two", b"three" * 10])
interleaved = bytes(x for b in packed for x in (b, 0))
view = memoryview(interleaved)[::2]
assert not view.c_contiguous and bytes(view) == packed
print(msgpack.unpackb(view))
