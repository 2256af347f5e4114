; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s --implicit-check-not=ffipin.empty
; Intent: loops are not versioned when one check before them could miss a
; store: a call in the loop (it may pin, register or lend memory), an
; offset whose range SCEV cannot bound (an i64 index), a base that changes
; in the loop (a loaded pointer), or an atomic access (it may order another
; thread's registration before the stores). Each keeps its per-store check.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @work()

define void @with_call(ptr %cells, ptr %page, ptr %offs, i64 %n) {
; CHECK-LABEL: define void @with_call(
; CHECK:         store ptr %v, ptr %slot
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %op = getelementptr inbounds i16, ptr %offs, i64 %i
  %o16 = load i16, ptr %op, align 2
  %o = zext i16 %o16 to i64
  %v = getelementptr inbounds i8, ptr %page, i64 %o
  %slot = getelementptr inbounds ptr, ptr %cells, i64 %i
  store ptr %v, ptr %slot, align 8
  call void @work()
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @unbounded_offset(ptr %cells, ptr %page, ptr %offs, i64 %n) {
; CHECK-LABEL: define void @unbounded_offset(
; CHECK:         store ptr %v, ptr %slot
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %op = getelementptr inbounds i64, ptr %offs, i64 %i
  %o = load i64, ptr %op, align 8
  %v = getelementptr inbounds i8, ptr %page, i64 %o
  %slot = getelementptr inbounds ptr, ptr %cells, i64 %i
  store ptr %v, ptr %slot, align 8
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @loaded_base(ptr %cells, ptr %pages, i64 %n) {
; CHECK-LABEL: define void @loaded_base(
; CHECK:         store ptr %v, ptr %slot
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %pp = getelementptr inbounds ptr, ptr %pages, i64 %i
  %v = load ptr, ptr %pp, align 8
  %slot = getelementptr inbounds ptr, ptr %cells, i64 %i
  store ptr %v, ptr %slot, align 8
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @with_atomic(ptr %cells, ptr %page, ptr %offs, ptr %flag, i64 %n) {
; CHECK-LABEL: define void @with_atomic(
; CHECK:         store ptr %v, ptr %slot
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %f = load atomic i32, ptr %flag acquire, align 4
  %op = getelementptr inbounds i16, ptr %offs, i64 %i
  %o16 = load i16, ptr %op, align 2
  %o = zext i16 %o16 to i64
  %v = getelementptr inbounds i8, ptr %page, i64 %o
  %slot = getelementptr inbounds ptr, ptr %cells, i64 %i
  store ptr %v, ptr %slot, align 8
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
