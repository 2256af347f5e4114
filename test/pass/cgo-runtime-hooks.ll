; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: runtime/cgo's C hooks are not user code: stores in x_cgo_* are not
; checked, and x_cgo_mmap/x_cgo_munmap call the runtime's
; __ffipin_go_mmap/__ffipin_go_munmap so it learns where the Go heap is.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @x_cgo_thread_start(ptr %ts, ptr %g) {
; CHECK-LABEL: define void @x_cgo_thread_start(
; CHECK-NEXT:    store ptr %g, ptr %ts, align 8
; CHECK-NEXT:    ret void
  store ptr %g, ptr %ts, align 8
  ret void
}

define ptr @x_cgo_mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i32 %off) {
; CHECK-LABEL: define ptr @x_cgo_mmap(
; CHECK-NEXT:    %o = zext i32 %off to i64
; CHECK-NEXT:    %p = call ptr @__ffipin_go_mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i64 %o)
  %o = zext i32 %off to i64
  %p = call ptr @mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i64 %o)
  ret ptr %p
}

define void @x_cgo_munmap(ptr %addr, i64 %n) {
; CHECK-LABEL: define void @x_cgo_munmap(
; CHECK-NEXT:    %r = call i32 @__ffipin_go_munmap(ptr %addr, i64 %n)
  %r = call i32 @munmap(ptr %addr, i64 %n)
  ret void
}

declare ptr @mmap(ptr, i64, i32, i32, i32, i64)
declare i32 @munmap(ptr, i64)
