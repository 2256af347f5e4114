; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a plain pointer store is followed by the inline bounds check
; `v < hi && v >= lo` (base/ffipin_abi.h), as two cold branches whose
; compares read the bounds' words themselves, and the call to
; __ffipin_store(slot, value) sits alone in its own block, with the
; preserve_most convention of the runtime's entry points (declared
; nonlazybind: never through a lazily bound PLT entry).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__ffipin_foreign_bounds = external dso_local global { i64, i64, i64, i64 }

define void @store_ptr(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store_ptr(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT:    [[HI:%.*]] = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 1) unordered, align 8
; CHECK-NEXT:    [[BELOW:%.*]] = icmp ult i64 [[V]], [[HI]]
; CHECK-NEXT:    br i1 [[BELOW]], label %ffipin.store.lo, label %[[CONT:[^ ,]+]], !prof [[COLD:![0-9]+]]
; CHECK:       ffipin.store.lo:
; CHECK-NEXT:    [[LO:%.*]] = load atomic i64, ptr @__ffipin_foreign_bounds unordered, align 8
; CHECK-NEXT:    [[IN:%.*]] = icmp uge i64 [[V]], [[LO]]
; CHECK-NEXT:    br i1 [[IN]], label %ffipin.store, label %[[CONT]], !prof [[COLD]]
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
; CHECK-NEXT:    br label %[[CONT]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: declare preserve_mostcc void @__ffipin_store(ptr, i64) [[ATTR:#[0-9]+]]
; CHECK: attributes [[ATTR]] = { nounwind nonlazybind }
; CHECK: [[COLD]] = !{!"branch_weights", i32 1, i32 1048575}
