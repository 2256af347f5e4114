# Built by scripts/demo python with the sanitizer:
#   CC=ffipin-cc CFLAGS=-fsanitize=ffi-pin LDSHARED="ffipin-cc -shared" python3 setup.py build_ext --inplace
from setuptools import Extension, setup

setup(name="fastsum", version="1.0", ext_modules=[Extension("fastsum", ["fastsum.c"])])
