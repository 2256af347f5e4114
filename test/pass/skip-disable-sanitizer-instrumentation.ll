; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a function with disable_sanitizer_instrumentation
; (__attribute__((disable_sanitizer_instrumentation))) is left alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @disabled(ptr %slot, ptr %p, ptr %q) disable_sanitizer_instrumentation {
; CHECK-LABEL: define void @disabled(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %q, i64 8, i1 false)
; CHECK-NEXT:    ret void
  store ptr %p, ptr %slot, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %q, i64 8, i1 false)
  ret void
}

define void @enabled(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @enabled(
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
