; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: code for a shared library (PIC, not PIE) gets weak stand-ins for
; what the pass made it reference (zero bounds, no-op callbacks), so that
; it loads where the runtime is not (fallbacks-not-in-executables.ll: code
; for an executable gets none). The stand-ins keep the preserve_most
; convention the checks call them with, as the runtime's definitions have
; (test/runtime/shared-library-preserve-most.c runs such a library).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__ffipin_foreign_bounds = weak global { i64, i64, i64, i64 } zeroinitializer

define void @store(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @store(
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: define weak preserve_mostcc void @__ffipin_store(ptr %0, i64 %1) {{(#[0-9]+ )?}}{
; CHECK-NEXT:    ret void
; CHECK: define weak preserve_mostcc void @__ffipin_store_int_copy(ptr %0, i64 %1) {{(#[0-9]+ )?}}{
; CHECK-NEXT:    ret void
; CHECK: define weak preserve_mostcc void @__ffipin_memcpy(ptr %0, ptr %1, i64 %2) {{(#[0-9]+ )?}}{
; CHECK-NEXT:    ret void

!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}
