; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: atomicrmw xchg reports its new value; clang-19 -O2 emits the i64
; form (ptrtoint) for __atomic_exchange_n on a void **. Other atomicrmw
; operations do not store a pointer and are left alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @xchg_ptr(ptr %slot, ptr %p) {
; CHECK-LABEL: define ptr @xchg_ptr(
; CHECK-NEXT:    %old = atomicrmw xchg ptr %slot, ptr %p seq_cst, align 8
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
  %old = atomicrmw xchg ptr %slot, ptr %p seq_cst, align 8
  ret ptr %old
}

define void @xchg_i64_ptrtoint(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @xchg_i64_ptrtoint(
; CHECK-NEXT:    %i = ptrtoint ptr %p to i64
; CHECK-NEXT:    %old = atomicrmw xchg ptr %slot, i64 %i seq_cst, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %i)
  %i = ptrtoint ptr %p to i64
  %old = atomicrmw xchg ptr %slot, i64 %i seq_cst, align 8
  ret void
}

define void @rmw_add(ptr %slot, i64 %n) {
; CHECK-LABEL: define void @rmw_add(
; CHECK-NEXT:    %old = atomicrmw add ptr %slot, i64 %n seq_cst, align 8
; CHECK-NEXT:    ret void
  %old = atomicrmw add ptr %slot, i64 %n seq_cst, align 8
  ret void
}
