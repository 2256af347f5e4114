; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a module's PyInit_<name> first checks for the runtime (an
; undefined weak reference) and, without it, sets an ImportError naming the
; module and the runtime to preload, and returns NULL.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@PyExc_ImportError = external global ptr
@def = external global i8

; CHECK: @ffipin.py.message = private unnamed_addr constant {{.*}} c"extension module 'demo' was built with -fsanitize=ffi-pin, but the FFIPinSanitizer runtime is not in this process: run Python with it preloaded, as with libasan: LD_PRELOAD={{.*}}/libclang_rt.ffipin-x86_64.so python3 ...\00"

define ptr @PyInit_demo() {
; CHECK-LABEL: define ptr @PyInit_demo(
; CHECK-NEXT:    [[P:%.*]] = icmp ne ptr @__ffipin_py_runtime_present, null
; CHECK-NEXT:    br i1 [[P]], label %ffipin.py.runtime, label %ffipin.py.no_runtime
; CHECK:       ffipin.py.no_runtime:
; CHECK-NEXT:    [[EXC:%.*]] = load ptr, ptr @PyExc_ImportError
; CHECK-NEXT:    call void @PyErr_SetString(ptr [[EXC]], ptr @ffipin.py.message)
; CHECK-NEXT:    ret ptr null
; CHECK:       ffipin.py.runtime:
; CHECK-NEXT:    [[M:%.*]] = call ptr @PyModule_Create2(ptr @def, i32 1013)
; CHECK-NEXT:    ret ptr [[M]]
  %m = call ptr @PyModule_Create2(ptr @def, i32 1013)
  ret ptr %m
}

; CHECK: declare extern_weak void @__ffipin_py_runtime_present()
declare ptr @PyModule_Create2(ptr, i32)
