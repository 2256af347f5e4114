; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s

; Intent: what the pass does to the C code cmd/cgo and runtime/cgo put in a Go
; program: a call scope around each cgo call wrapper (every exit), the Go
; heap's mmap/munmap sent to the runtime, and no store instrumentation in
; runtime/cgo's x_cgo_ hooks. Names that only look like cgo's are untouched.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@kept = global ptr null

declare void @keep(ptr)
declare ptr @mmap(ptr, i64, i32, i32, i32, i64)
declare i32 @munmap(ptr, i64)
declare ptr @malloc(i64)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; @keep may unwind (C++ behind an extern "C" API): the unwind path ends the
; scope too. Each begin and end is inline with the runtime's hook as its
; slow path (test/pass/cgo-call-scope.ll has the inline code).
; CHECK-LABEL: define void @_cgo_0123456789ab_Cfunc_keep(
; CHECK-NEXT: call ptr @llvm.threadlocal.address.p0(ptr @__ffipin_go_calls)
; CHECK: ffipin.call.begin:
; CHECK-NEXT: call void @__ffipin_go_call_begin()
; CHECK: invoke void @keep(
; CHECK-NEXT: to label %[[CONT:.*]] unwind label %[[LPAD:.*]]
; CHECK: [[CONT]]:
; CHECK: br i1 %ffipin.pop, label %ffipin.pop.call, label %ffipin.call.end
; CHECK: ffipin.call.end:
; CHECK-NEXT: call void @__ffipin_go_call_end()
; CHECK: ffipin.pop.call.done:
; CHECK-NEXT: ret void
; CHECK: call void @__ffipin_go_call_end()
; CHECK: ret void
; CHECK: [[LPAD]]:
; CHECK-NEXT: = landingpad { ptr, i32 }
; CHECK-NEXT: {{^ +cleanup$}}
; CHECK: br i1 %ffipin.pop{{[0-9]*}}, label
; CHECK: call void @__ffipin_go_call_end()
; CHECK: resume { ptr, i32 }
define void @_cgo_0123456789ab_Cfunc_keep(ptr %v, i1 %early) {
  br i1 %early, label %out, label %call
call:
  %p = load ptr, ptr %v, align 1
  call void @keep(ptr %p)
  ret void
out:
  ret void
}

; CHECK-LABEL: define i32 @_cgo_0123456789ab_C2func_getpid(
; CHECK: call void @__ffipin_go_call_begin()
; CHECK: call void @__ffipin_go_call_end()
; CHECK: ffipin.pop.call.done:
; CHECK-NEXT: ret i32 0
define i32 @_cgo_0123456789ab_C2func_getpid(ptr %v) {
  ret i32 0
}

; CHECK-LABEL: define void @_cgo_0123456789AB_Cfunc_upper(
; CHECK-NOT: __ffipin_go_call
; CHECK: ret void
define void @_cgo_0123456789AB_Cfunc_upper(ptr %v) {
  ret void
}

; CHECK-LABEL: define void @_cgoexp_0123456789ab_goCallback(
; CHECK-NOT: __ffipin_go_call
; CHECK: ret void
define void @_cgoexp_0123456789ab_goCallback(ptr %v) {
  ret void
}

; CHECK-LABEL: define i64 @x_cgo_mmap(
; CHECK: call ptr @__ffipin_go_mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i64 %off)
; CHECK-NOT: @mmap(
; CHECK: ret i64
define i64 @x_cgo_mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i64 %off) {
  %p = call ptr @mmap(ptr %addr, i64 %n, i32 %prot, i32 %flags, i32 %fd, i64 %off)
  %r = ptrtoint ptr %p to i64
  ret i64 %r
}

; CHECK-LABEL: define void @x_cgo_munmap(
; CHECK: call i32 @__ffipin_go_munmap(ptr %addr, i64 %n)
; CHECK-NEXT: ret void
define void @x_cgo_munmap(ptr %addr, i64 %n) {
  %r = call i32 @munmap(ptr %addr, i64 %n)
  ret void
}

; runtime/cgo copies the new thread's g (a Go heap pointer) into malloc'd
; memory: not a user keeping a Go pointer.
; CHECK-LABEL: define void @x_cgo_thread_start(
; CHECK-NOT: __ffipin
; CHECK: ret void
define void @x_cgo_thread_start(ptr %arg) {
  %ts = call ptr @malloc(i64 24)
  call void @llvm.memcpy.p0.p0.i64(ptr %ts, ptr %arg, i64 24, i1 false)
  ret void
}

; The same code under another name is instrumented (the skip is by name).
; CHECK-LABEL: define void @not_cgo_thread_start(
; CHECK: call preserve_mostcc void @__ffipin_memcpy(
define void @not_cgo_thread_start(ptr %arg) {
  %ts = call ptr @malloc(i64 24)
  call void @llvm.memcpy.p0.p0.i64(ptr %ts, ptr %arg, i64 24, i1 false)
  ret void
}
