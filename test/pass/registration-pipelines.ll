; RUN: %opt_ffipin -passes='default<O0>' -S %s | FileCheck %s
; RUN: %opt_ffipin -passes='default<O2>' -S %s | FileCheck %s
; RUN: %opt_ffipin -passes='thinlto<O2>' -S %s | FileCheck %s
; RUN: %opt_ffipin -passes='lto<O2>' -S %s | FileCheck %s
; Intent: loading the plugin adds the pass to the standard pipelines:
; OptimizerLast at -O0 and -O2 and in the ThinLTO backend, the full-LTO
; extension point in the LTO link; the optnone function is instrumented too.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @keep(ptr %slot, ptr %p) noinline optnone {
; CHECK-LABEL: define void @keep(
; CHECK:         store ptr %p, ptr %slot, align 8
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64
  store ptr %p, ptr %slot, align 8
  ret void
}

; CHECK: !"ffipin.instrumented"
