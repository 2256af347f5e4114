; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a cgo call wrapper in code for a shared library (a c-shared Go
; library loaded by a plain host) gets an all-zero stand-in for the thread's
; cgo calls its inline code reads and writes (limit 0: every begin and end
; goes to the hooks), and no-op hooks, so it loads where the runtime is not.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; CHECK: @__ffipin_go_calls = weak thread_local(initialexec) global [640 x i8] zeroinitializer

define void @_cgo_0123456789ab_Cfunc_work(ptr %v) {
; CHECK-LABEL: define void @_cgo_0123456789ab_Cfunc_work(
; CHECK:         call void @__ffipin_go_call_begin()
; CHECK:         call void @__ffipin_go_call_end()
  ret void
}

; CHECK: define weak void @__ffipin_go_call_begin() {{(#[0-9]+ )?}}{
; CHECK-NEXT:    ret void
; CHECK: define weak void @__ffipin_go_call_end() {{(#[0-9]+ )?}}{
; CHECK-NEXT:    ret void

!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}
