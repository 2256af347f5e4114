; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: cmpxchg reports its new value only when it succeeded: the success
; bit is ANDed into the bounds check. The i64 form is what clang-19 -O2 emits
; for __atomic_compare_exchange_n on a void **.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define i1 @cas_ptr(ptr %slot, ptr %expected, ptr %p) {
; CHECK-LABEL: define i1 @cas_ptr(
; CHECK-NEXT:    %r = cmpxchg ptr %slot, ptr %expected, ptr %p seq_cst seq_cst, align 8
; CHECK-NEXT:    [[OK:%.*]] = extractvalue { ptr, i1 } %r, 1
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:         [[IN:%.*]] = icmp uge i64 [[V]]
; CHECK-NEXT:    [[COND:%.*]] = and i1 [[IN]], [[OK]]
; CHECK-NEXT:    br i1 [[COND]], label %ffipin.store,
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
  %r = cmpxchg ptr %slot, ptr %expected, ptr %p seq_cst seq_cst, align 8
  %ok = extractvalue { ptr, i1 } %r, 1
  ret i1 %ok
}

define void @cas_i64_ptrtoint(ptr %slot, i64 %expected, ptr %p) {
; CHECK-LABEL: define void @cas_i64_ptrtoint(
; CHECK:         %r = cmpxchg weak ptr %slot, i64 %expected, i64 %i acquire monotonic, align 8
; CHECK-NEXT:    [[OK:%.*]] = extractvalue { i64, i1 } %r, 1
; CHECK:         and i1 {{.*}}, [[OK]]
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %i)
  %i = ptrtoint ptr %p to i64
  %r = cmpxchg weak ptr %slot, i64 %expected, i64 %i acquire monotonic, align 8
  ret void
}
