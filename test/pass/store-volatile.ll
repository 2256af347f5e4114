; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a volatile pointer store is instrumented like a plain one.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_volatile(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store_volatile(
; CHECK-NEXT:    store volatile ptr %p, ptr %slot, align 8
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
  store volatile ptr %p, ptr %slot, align 8
  ret void
}
