; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: stores and memcpys into an alloca whose address never escapes
; cannot leave a pointer behind after the function returns and are skipped
; (-O0 code is full of them); an alloca whose address escapes is a C slot
; like any other.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @local(ptr %p, ptr %src) {
; CHECK-LABEL: define ptr @local(
; CHECK-NEXT:    %a = alloca [2 x ptr], align 8
; CHECK-NEXT:    store ptr %p, ptr %a, align 8
; CHECK-NEXT:    %a1 = getelementptr inbounds i8, ptr %a, i64 8
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %a1, ptr %src, i64 8, i1 false)
; CHECK-NEXT:    %r = load ptr, ptr %a1, align 8
; CHECK-NEXT:    ret ptr %r
  %a = alloca [2 x ptr], align 8
  store ptr %p, ptr %a, align 8
  %a1 = getelementptr inbounds i8, ptr %a, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %a1, ptr %src, i64 8, i1 false)
  %r = load ptr, ptr %a1, align 8
  ret ptr %r
}

define void @escaping(ptr %p) {
; CHECK-LABEL: define void @escaping(
; CHECK-NEXT:    %a = alloca ptr, align 8
; CHECK-NEXT:    call void @register_slot(ptr %a)
; CHECK-NEXT:    store ptr %p, ptr %a, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %a, i64
  %a = alloca ptr, align 8
  call void @register_slot(ptr %a)
  store ptr %p, ptr %a, align 8
  ret void
}

declare void @register_slot(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
