; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: stores and memcpys marked !nosanitize (another sanitizer's own
; code) are not instrumented; an unmarked store in the same function is.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @marked(ptr %slot, ptr %p, ptr %q) {
; CHECK-LABEL: define void @marked(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8, !nosanitize
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %q, i64 8, i1 false), !nosanitize
; CHECK-NEXT:    store ptr %q, ptr %slot, align 8
; CHECK-NEXT:    ptrtoint ptr %q to i64
; CHECK-NEXT:    load atomic i64, {{.*}}@__ffipin_foreign_bounds
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8, !nosanitize !0
  call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %q, i64 8, i1 false), !nosanitize !0
  store ptr %q, ptr %slot, align 8
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!0 = !{}
