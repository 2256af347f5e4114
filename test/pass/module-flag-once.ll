; RUN: %opt_ffipin -passes=ffipin,ffipin -S %s | FileCheck %s
; Intent: the pass sets the module flag ffipin.instrumented and leaves a
; flagged module alone, so running it twice (compile step, then LTO link)
; yields one check per store.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @twice(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @twice(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK-NEXT:    load atomic i64, {{.*}}@__ffipin_foreign_bounds
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64
; CHECK-NEXT:    br label %[[CONT:[^ ,]+]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: !llvm.module.flags = !{![[FLAG:[0-9]+]]}
; CHECK: ![[FLAG]] = !{i32 7, !"ffipin.instrumented", i32 1}
