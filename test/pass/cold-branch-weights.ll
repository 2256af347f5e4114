; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the branch to the hook is weighted unlikely for stores and
; memcpys, so the fast path is laid out straight and the call block is cold.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @weights(ptr %slot, ptr %p, ptr %s) {
; CHECK-LABEL: define void @weights(
; CHECK:         br i1 %{{.*}}, label %ffipin.store, label %{{.*}}, !prof ![[COLD:[0-9]+]]
; CHECK:         br i1 %{{.*}}, label %ffipin.memcpy, label %{{.*}}, !prof ![[COLD]]
  store ptr %p, ptr %slot, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %s, i64 8, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK: ![[COLD]] = !{!"branch_weights", i32 1, i32 1048575}
