; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: in a CPython extension, PyArg_Parse* calls are bracketed by the
; runtime's parse hooks (the format and every output pointer, or the
; va_list), PyObject_GetBuffer is followed by got_buffer(result, view), and
; PyBuffer_Release is preceded by release_buffer(view).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private constant [5 x i8] c"y*|i\00"

define i32 @parse(ptr %args, ptr %view, ptr %n) {
; CHECK-LABEL: define i32 @parse(
; CHECK-NEXT:    call void (ptr, ...) @__ffipin_py_parse_begin(ptr @fmt, ptr %view, ptr %n)
; CHECK-NEXT:    [[R:%.*]] = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %view, ptr %n)
; CHECK-NEXT:    call void @__ffipin_py_parse_end(i32 [[R]])
; CHECK-NEXT:    ret i32 [[R]]
  %r = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @fmt, ptr %view, ptr %n)
  ret i32 %r
}

define i32 @parse_kw(ptr %args, ptr %kw, ptr %names, ptr %view) {
; CHECK-LABEL: define i32 @parse_kw(
; CHECK-NEXT:    call void (ptr, ...) @__ffipin_py_parse_begin(ptr @fmt, ptr %view)
; CHECK-NEXT:    [[R:%.*]] = call i32 (ptr, ptr, ptr, ptr, ...) @PyArg_ParseTupleAndKeywords(
; CHECK-NEXT:    call void @__ffipin_py_parse_end(i32 [[R]])
  %r = call i32 (ptr, ptr, ptr, ptr, ...) @PyArg_ParseTupleAndKeywords(ptr %args, ptr %kw, ptr @fmt, ptr %names, ptr %view)
  ret i32 %r
}

define i32 @vparse(ptr %args, ptr %va) {
; CHECK-LABEL: define i32 @vparse(
; CHECK-NEXT:    call void @__ffipin_py_vparse_begin(ptr @fmt, ptr %va)
; CHECK-NEXT:    [[R:%.*]] = call i32 @PyArg_VaParse(ptr %args, ptr @fmt, ptr %va)
; CHECK-NEXT:    call void @__ffipin_py_parse_end(i32 [[R]])
  %r = call i32 @PyArg_VaParse(ptr %args, ptr @fmt, ptr %va)
  ret i32 %r
}

define i32 @get_and_release(ptr %obj, ptr %view) {
; CHECK-LABEL: define i32 @get_and_release(
; CHECK-NEXT:    [[R:%.*]] = call i32 @PyObject_GetBuffer(ptr %obj, ptr %view, i32 284)
; CHECK-NEXT:    call void @__ffipin_py_got_buffer(i32 [[R]], ptr %view)
; CHECK-NEXT:    call void @__ffipin_py_release_buffer(ptr %view)
; CHECK-NEXT:    call void @PyBuffer_Release(ptr %view)
; CHECK-NEXT:    ret i32 [[R]]
  %r = call i32 @PyObject_GetBuffer(ptr %obj, ptr %view, i32 284)
  call void @PyBuffer_Release(ptr %view)
  ret i32 %r
}

declare i32 @_PyArg_ParseTuple_SizeT(ptr, ptr, ...)
declare i32 @PyArg_ParseTupleAndKeywords(ptr, ptr, ptr, ptr, ...)
declare i32 @PyArg_VaParse(ptr, ptr, ptr)
declare i32 @PyObject_GetBuffer(ptr, ptr, i32)
declare void @PyBuffer_Release(ptr)
