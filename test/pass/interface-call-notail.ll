; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: calls of the runtime interface are never tail calls, so the unpin
; stack keeps the frame of the function that unpinned.

declare void @__ffipin_unpin(ptr)
declare void @other(ptr)

; CHECK-LABEL: define void @release(
; CHECK: notail call void @__ffipin_unpin(ptr %p)
; CHECK: tail call void @other(ptr %p)
; CHECK: ret void
define void @release(ptr %p) {
  tail call void @__ffipin_unpin(ptr %p)
  tail call void @other(ptr %p)
  ret void
}
