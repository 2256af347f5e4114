; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a pointer stored as a pointer-sized integer (uintptr_t u = (uintptr_t)p)
; is instrumented, also through a bitcast; a truncated or computed integer
; is not a pointer and is left alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @uintptr(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @uintptr(
; CHECK-NEXT:    %i = ptrtoint ptr %p to i64
; CHECK-NEXT:    store i64 %i, ptr %slot, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %i)
  %i = ptrtoint ptr %p to i64
  store i64 %i, ptr %slot, align 8
  ret void
}

define void @through_bitcast(ptr %slot, <1 x ptr> %p) {
; CHECK-LABEL: define void @through_bitcast(
; CHECK:         store i64 %i, ptr %slot, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %i)
  %v = ptrtoint <1 x ptr> %p to <1 x i64>
  %i = bitcast <1 x i64> %v to i64
  store i64 %i, ptr %slot, align 8
  ret void
}

define void @not_pointers(ptr %slot, ptr %p, i64 %n) {
; CHECK-LABEL: define void @not_pointers(
; CHECK-NEXT:    %t = ptrtoint ptr %p to i32
; CHECK-NEXT:    store i32 %t, ptr %slot, align 4
; CHECK-NEXT:    %sum = add i64 %n, 1
; CHECK-NEXT:    store i64 %sum, ptr %slot, align 8
; CHECK-NEXT:    ret void
  %t = ptrtoint ptr %p to i32
  store i32 %t, ptr %slot, align 4
  %sum = add i64 %n, 1
  store i64 %sum, ptr %slot, align 8
  ret void
}
