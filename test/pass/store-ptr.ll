; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a plain pointer store is followed by the inline bounds check (lo,
; the offset, a compiler-only fence, size: base/ffipin_abi.h), and the call
; to __ffipin_store(slot, value) sits alone in its own block.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__ffipin_foreign_bounds = external dso_local global { i64, i64, i64 }

define void @store_ptr(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store_ptr(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    [[LO:%.*]] = load atomic i64, ptr @__ffipin_foreign_bounds unordered, align 8
; CHECK-NEXT:    [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT:    [[OFF:%.*]] = sub i64 [[V]], [[LO]]
; CHECK-NEXT:    fence syncscope("singlethread") acquire
; CHECK-NEXT:    [[SIZE:%.*]] = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 1) unordered, align 8
; CHECK-NEXT:    [[IN:%.*]] = icmp ult i64 [[OFF]], [[SIZE]]
; CHECK-NEXT:    br i1 [[IN]], label %ffipin.store, label %[[CONT:.*]], !prof
; CHECK:       ffipin.store:
; CHECK-NEXT:    call void @__ffipin_store(ptr %slot, i64 [[V]])
; CHECK-NEXT:    br label %[[CONT]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: declare void @__ffipin_store(ptr, i64) [[ATTR:#[0-9]+]]
; CHECK: attributes [[ATTR]] = { nounwind }
