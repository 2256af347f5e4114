; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the C half of a cgo call (_cgo_<12 hex>_Cfunc_<name>) becomes a
; call scope that encloses its instrumented stores: __ffipin_go_call_begin
; at entry, __ffipin_go_call_end at the exit, after the store's check; the
; pointer it loads from its argument frame goes to __ffipin_go_call_arg.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@ctx = global ptr null

define void @_cgo_0123456789ab_Cfunc_init_ctx(ptr %v) {
; CHECK-LABEL: define void @_cgo_0123456789ab_Cfunc_init_ctx(
; CHECK-NEXT:    call void @__ffipin_go_call_begin()
; CHECK-NEXT:    %p = load ptr, ptr %v, align 8
; CHECK-NEXT:    call void @__ffipin_go_call_arg(ptr %p)
; CHECK-NEXT:    store ptr %p, ptr @ctx, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr @ctx, i64
; CHECK:         call void @__ffipin_go_call_end()
; CHECK-NEXT:    ret void
  %p = load ptr, ptr %v, align 8
  store ptr %p, ptr @ctx, align 8
  ret void
}

define void @_cgo_xyz_Cfunc_not_a_wrapper(ptr %p) {
; CHECK-LABEL: define void @_cgo_xyz_Cfunc_not_a_wrapper(
; CHECK-NEXT:    store ptr %p, ptr @ctx, align 8
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr @ctx, i64
; CHECK-NEXT:    br label %[[CONT:[^ ,]+]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store ptr %p, ptr @ctx, align 8
  ret void
}
