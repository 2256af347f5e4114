; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the C half of a cgo call (_cgo_<12 hex>_Cfunc_<name>) becomes a
; call scope that encloses its instrumented stores. At entry, when the
; depth is below the limit and the outer call's word (frames[depth]) lies
; above the frame, the call is announced inline in the thread's
; __ffipin_go_calls (frames[depth + 1] = its frame - 1, the wrapper's
; address, then one store for args_depth and nargs and one for the new
; depth); else __ffipin_go_call_begin runs. The pointer it loads from its
; argument frame is kept inline when the bounds may contain it (tested
; first), unless the runtime asked to skip it (skip, at offset 632, counted
; down instead), and the call has room. At the exit, after the store's check, the
; call is popped inline when its word is still its frame - 1 and it kept
; no argument, else __ffipin_go_call_end runs, never as a tail call (it
; reads the wrapper's frame). Each word is loaded only after the depth
; that indexes it was found below the limit.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@ctx = global ptr null

; CHECK: @__ffipin_go_calls = external thread_local(initialexec) global [640 x i8]

define void @_cgo_0123456789ab_Cfunc_init_ctx(ptr %v) {
; CHECK-LABEL: define void @_cgo_0123456789ab_Cfunc_init_ctx(
; CHECK-NEXT:    %[[C:[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__ffipin_go_calls), !nosanitize
; CHECK-NEXT:    %[[FP:[0-9]+]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    %ffipin.frame = ptrtoint ptr %[[FP]] to i64
; depth (offset 4) below limit (offset 0)
; CHECK-NEXT:    %[[DP:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 4
; CHECK-NEXT:    %ffipin.depth = load i32, ptr %[[DP]]
; CHECK-NEXT:    %[[LP:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 0
; CHECK-NEXT:    %[[LIM:[0-9]+]] = load i32, ptr %[[LP]]
; CHECK-NEXT:    %[[BELOW:[0-9]+]] = icmp ult i32 %ffipin.depth, %[[LIM]]
; CHECK-NEXT:    %[[D:[0-9]+]] = zext i32 %ffipin.depth to i64
; CHECK-NEXT:    br i1 %[[BELOW]], label %ffipin.new, label %ffipin.call.begin, !prof
; the outer call's word, frames[depth] (offset 80), above our frame
; CHECK:       ffipin.new:
; CHECK-NEXT:    %[[O1:[0-9]+]] = mul i64 %[[D]], 8
; CHECK-NEXT:    %[[O2:[0-9]+]] = add i64 80, %[[O1]]
; CHECK-NEXT:    %[[OP:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 %[[O2]]
; CHECK-NEXT:    %ffipin.outer = load i64, ptr %[[OP]]
; CHECK-NEXT:    %[[LIVE:[0-9]+]] = icmp ugt i64 %ffipin.outer, %ffipin.frame
; CHECK-NEXT:    br i1 %[[LIVE]], label %ffipin.announce, label %ffipin.call.begin, !prof
; frames[depth + 1] = frame - 1, begin_pcs[depth] (offset 344) = the wrapper
; CHECK:       ffipin.announce:
; CHECK-NEXT:    %[[NEXT:[0-9]+]] = add i32 %ffipin.depth, 1
; CHECK-NEXT:    %ffipin.announced = sub i64 %ffipin.frame, 1
; CHECK:         add i64 88,
; CHECK:         store i64 %ffipin.announced, ptr
; CHECK:         add i64 344,
; CHECK:         store i64 ptrtoint (ptr @_cgo_0123456789ab_Cfunc_init_ctx to i64), ptr
; CHECK-NEXT:    fence syncscope("singlethread") release
; CHECK-NEXT:    %[[NEXT64:[0-9]+]] = zext i32 %[[NEXT]] to i64
; CHECK-NEXT:    %[[AD:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 8
; CHECK-NEXT:    store i64 %[[NEXT64]], ptr %[[AD]]
; CHECK-NEXT:    %[[DP2:[0-9]+]] = getelementptr inbounds i8, ptr %[[C]], i64 4
; CHECK-NEXT:    store i32 %[[NEXT]], ptr %[[DP2]]
; CHECK-NEXT:    br label %ffipin.announce.done
; CHECK:       ffipin.call.begin:
; CHECK-NEXT:    notail call void @__ffipin_go_call_begin()
; CHECK:       ffipin.announce.done:
; CHECK-NEXT:    %p = load ptr, ptr %v, align 8
; CHECK-NEXT:    %ffipin.bound = load atomic i64, ptr @__ffipin_foreign_bounds unordered
; CHECK:         br i1 %ffipin.in.bounds, label %ffipin.arg.in.bounds, label %ffipin.kept
; CHECK:       ffipin.arg.in.bounds:
; CHECK:         %[[SKP:[0-9]+]] = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 632
; CHECK-NEXT:    %ffipin.skip = load i32, ptr %[[SKP]]
; CHECK-NEXT:    %ffipin.skipping = icmp ne i32 %ffipin.skip, 0
; CHECK-NEXT:    br i1 %ffipin.skipping, label %ffipin.skip.arg, label %ffipin.offer.arg
; CHECK:       ffipin.skip.arg:
; CHECK-NEXT:    %[[LESS:[0-9]+]] = sub i32 %ffipin.skip, 1
; CHECK-NEXT:    %[[SKP2:[0-9]+]] = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 632
; CHECK-NEXT:    store i32 %[[LESS]], ptr %[[SKP2]]
; CHECK-NEXT:    br label %ffipin.arg.done
; CHECK:       ffipin.offer.arg:
; CHECK:         %ffipin.nargs = load i32
; CHECK:         br i1 %ffipin.keep, label %ffipin.keep.arg, label %ffipin.offered
; CHECK:       ffipin.keep.arg:
; CHECK:         store i64 %{{[0-9]+}}, ptr
; CHECK:       ffipin.kept:
; CHECK-NEXT:    store ptr %p, ptr @ctx, align 8
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr @ctx, i64
; depth - 1 below limit, then frames[depth] still frame - 1, no argument kept
; CHECK:         %ffipin.depth[[E:[0-9]+]] = load i32
; CHECK-NEXT:    %[[ED:[0-9]+]] = sub i32 %ffipin.depth[[E]], 1
; CHECK:         %[[EB:[0-9]+]] = icmp ult i32 %[[ED]],
; CHECK-NEXT:    br i1 %[[EB]], label %ffipin.ours, label %ffipin.call.end, !prof
; CHECK:       ffipin.ours:
; CHECK-NEXT:    zext i32 %ffipin.depth[[E]] to i64
; CHECK:         add i64 80,
; CHECK:         %ffipin.word = load i64, ptr
; CHECK-NEXT:    %[[ANN:ffipin.announced[0-9]+]] = sub i64 %ffipin.frame{{[0-9]+}}, 1
; CHECK-NEXT:    icmp eq i64 %ffipin.word, %[[ANN]]
; CHECK:         %ffipin.pop = and i1
; CHECK-NEXT:    br i1 %ffipin.pop, label %ffipin.pop.call, label %ffipin.call.end, !prof
; CHECK:       ffipin.pop.call:
; CHECK-NEXT:    getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 4
; CHECK-NEXT:    store i32 %[[ED]]
; CHECK-NEXT:    br label %ffipin.pop.call.done
; CHECK:       ffipin.call.end:
; CHECK-NEXT:    notail call void @__ffipin_go_call_end()
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
