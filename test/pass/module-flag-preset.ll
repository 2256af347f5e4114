; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a module that already carries ffipin.instrumented (ThinLTO
; backend, full-LTO link) is not instrumented again, not even code the
; compile step never saw.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @already(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @already(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    ret void
  store ptr %p, ptr %slot, align 8
  ret void
}

!llvm.module.flags = !{!0}
!0 = !{i32 7, !"ffipin.instrumented", i32 1}
