; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the pass creates no functions, but a module may define our own
; callbacks (a test stub or runtime code built with the pass); their stores
; must not call back into themselves. Such a definition, and every direct
; call of it, gets the convention the pass calls it with (preserve_most):
; a call with another convention would be undefined.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@last_slot = global ptr null

define void @__ffipin_store(ptr %slot, i64 %v) {
; CHECK-LABEL: define preserve_mostcc void @__ffipin_store(
; CHECK-NEXT:    store ptr %slot, ptr @last_slot, align 8
; CHECK-NEXT:    ret void
  store ptr %slot, ptr @last_slot, align 8
  ret void
}

define void @__ffipin_memcpy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: define preserve_mostcc void @__ffipin_memcpy(
; CHECK-NEXT:    store ptr %d, ptr @last_slot, align 8
; CHECK-NEXT:    ret void
  store ptr %d, ptr @last_slot, align 8
  ret void
}

define void @user(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @user(
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8
  ret void
}

define void @direct_call(ptr %slot) {
; CHECK-LABEL: define void @direct_call(
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_memcpy(ptr %slot, ptr %slot, i64 8)
; CHECK-NEXT:    ret void
  call void @__ffipin_memcpy(ptr %slot, ptr %slot, i64 8)
  ret void
}
