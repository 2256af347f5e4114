; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: code for an executable (PIE) gets no weak stand-ins: it is linked
; with the static runtime, whose definitions it references directly.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__ffipin_foreign_bounds = external dso_local global { i64, i64, i64, i64 }

define void @store(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store(
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: declare preserve_mostcc void @__ffipin_store(ptr, i64)

!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}
