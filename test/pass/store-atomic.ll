; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: an atomic pointer store (C11 _Atomic(void *)) is instrumented, and
; the hook runs after the store.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_atomic(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store_atomic(
; CHECK-NEXT:    store atomic ptr %p, ptr %slot seq_cst, align 8
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
  store atomic ptr %p, ptr %slot seq_cst, align 8
  ret void
}

define void @store_atomic_release(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store_atomic_release(
; CHECK-NEXT:    store atomic ptr %p, ptr %slot release, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store atomic ptr %p, ptr %slot release, align 8
  ret void
}
