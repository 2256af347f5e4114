; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the C half of a cgo call (_cgo_<12 hex>_Cfunc_<name>) becomes a
; call scope that encloses its instrumented stores. At entry the call is
; announced inline in the thread's __ffipin_go_calls (a new depth, its
; frame, pc and ANNOUNCED), or __ffipin_go_call_begin runs when that case
; does not apply; the pointer it loads from its argument frame is kept
; inline when the bounds may contain it; at the exit, after the store's
; check, the call is popped inline or __ffipin_go_call_end runs.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@ctx = global ptr null

; CHECK: @__ffipin_go_calls = external thread_local(initialexec) global [632 x i8]

define void @_cgo_0123456789ab_Cfunc_init_ctx(ptr %v) {
; CHECK-LABEL: define void @_cgo_0123456789ab_Cfunc_init_ctx(
; CHECK-NEXT:    %[[C:[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__ffipin_go_calls), !nosanitize
; CHECK-NEXT:    %[[FP:[0-9]+]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    %ffipin.frame = ptrtoint ptr %[[FP]] to i64
; depth below limit, and no remembered frame at or above ours
; CHECK:         %ffipin.depth = load i32
; CHECK:         %[[LIM:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 16
; CHECK:         icmp ult i32 %ffipin.depth,
; CHECK:         icmp ugt i64 %{{[0-9]+}}, %ffipin.frame
; CHECK:         br i1 %ffipin.new, label %ffipin.announce, label %ffipin.call.begin, !prof
; CHECK:       ffipin.announce:
; CHECK:         store i64 %ffipin.frame, ptr
; CHECK:         store i64 add (i64 ptrtoint (ptr @_cgo_0123456789ab_Cfunc_init_ctx to i64), i64 1), ptr
; CHECK:         store i8 -1, ptr
; CHECK:         %ffipin.announced = load i32
; CHECK:         br label %ffipin.announce.done
; CHECK:       ffipin.call.begin:
; CHECK-NEXT:    call void @__ffipin_go_call_begin()
; CHECK:       ffipin.announce.done:
; CHECK-NEXT:    %p = load ptr, ptr %v, align 8
; CHECK-NEXT:    %ffipin.bound = load atomic i64, ptr @__ffipin_foreign_bounds unordered
; CHECK:         br i1 %ffipin.keep, label %ffipin.keep.arg, label %ffipin.kept
; CHECK:       ffipin.keep.arg:
; CHECK:         store i64 %{{[0-9]+}}, ptr
; CHECK:       ffipin.kept:
; CHECK-NEXT:    store ptr %p, ptr @ctx, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr @ctx, i64
; announced, the innermost frame still ours, no argument kept
; CHECK:         %ffipin.pop = and i1
; CHECK-NEXT:    br i1 %ffipin.pop, label %ffipin.pop.call, label %ffipin.call.end, !prof
; CHECK:       ffipin.call.end:
; CHECK-NEXT:    call void @__ffipin_go_call_end()
; CHECK:       ffipin.pop.call.done:
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
