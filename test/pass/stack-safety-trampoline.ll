; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; RUN: %opt_ffipin -passes=ffipin,asan -S %s | FileCheck --check-prefix=ASAN %s
; Intent: in a function ASan will instrument, the cold calls go through a
; naked trampoline whose parameters have no uses, so ASan's StackSafety
; still proves a caller's local passed as the slot's pointer safe, as it does
; without the pass: no fake frame for it. Elsewhere the call is direct.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define internal void @set_out(ptr %out, ptr %p) sanitize_address {
; CHECK-LABEL: define internal void @set_out(
; CHECK:         call preserve_mostcc void @__ffipin_store.stack_safe(ptr %out, i64 %ffipin.v)
  store ptr %p, ptr %out, align 8
  ret void
}

define internal void @copy_out(ptr %out, ptr %src) sanitize_address {
; CHECK-LABEL: define internal void @copy_out(
; CHECK:         call preserve_mostcc void @__ffipin_memcpy.stack_safe(ptr %out, ptr %src, i64 16)
  call void @llvm.memcpy.p0.p0.i64(ptr %out, ptr %src, i64 16, i1 false)
  ret void
}

define void @plain_out(ptr %out, ptr %p) {
; CHECK-LABEL: define void @plain_out(
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %out, i64 %ffipin.v)
  store ptr %p, ptr %out, align 8
  ret void
}

; The caller's locals escape only into set_out and copy_out.
define ptr @caller(ptr %p, ptr %src) sanitize_address {
; ASAN-LABEL: define ptr @caller(
; ASAN-NOT:     __asan_stack_malloc
; ASAN-NOT:     __asan_option_detect_stack_use_after_return
; ASAN:         ret ptr
  %local = alloca ptr, align 8
  %pair = alloca [2 x ptr], align 8
  call void @set_out(ptr %local, ptr %p)
  call void @copy_out(ptr %pair, ptr %src)
  %v = load ptr, ptr %local, align 8
  %w = load ptr, ptr %pair, align 8
  %same = icmp eq ptr %v, %w
  %r = select i1 %same, ptr %v, ptr null
  ret ptr %r
}

; CHECK-LABEL: define internal preserve_mostcc void @__ffipin_store.stack_safe(ptr %0, i64 %1)
; CHECK-SAME:    #[[TRAMPOLINE:[0-9]+]]
; CHECK-NEXT:    call void asm sideeffect "jmp *__ffipin_store@GOTPCREL(%rip)", ""()
; CHECK-NEXT:    {{^ +}}unreachable{{$}}
; CHECK-LABEL: define internal preserve_mostcc void @__ffipin_memcpy.stack_safe(ptr %0, ptr %1, i64 %2)
; CHECK-NEXT:    call void asm sideeffect "jmp *__ffipin_memcpy@GOTPCREL(%rip)", ""()
; CHECK:       attributes #[[TRAMPOLINE]] = { naked noinline nounwind }

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
