; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a pointer that a phi or select picks from objects that each cannot
; be foreign (a constant global, a stack slot, a fresh C allocation, the slot's own
; object) gets no check; one unknown object among them keeps the check.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = constant [4 x ptr] zeroinitializer

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") "alloc-family"="malloc"
declare void @use(ptr)

define void @select_global_or_malloc(ptr %slot, i1 %c) {
; CHECK-LABEL: define void @select_global_or_malloc(
; CHECK:         store ptr %q, ptr %slot, align 8
; CHECK-NEXT:    ret void
  %m = call ptr @malloc(i64 16)
  %q = select i1 %c, ptr @g, ptr %m
  store ptr %q, ptr %slot, align 8
  ret void
}

; A cursor walking the slot's own object: p->cur = &p->buf[i].
define void @cursor_in_own_object(ptr %obj, i64 %n) {
; CHECK-LABEL: define void @cursor_in_own_object(
; CHECK:       loop:
; CHECK:         store ptr %cur, ptr %obj, align 8
; CHECK-NEXT:    %next = getelementptr inbounds i8, ptr %cur, i64 8
; CHECK-NEXT:    %i.next = add i64 %i, 1
; CHECK-NEXT:    %done = icmp eq i64 %i.next, %n
; CHECK-NEXT:    br i1 %done, label %exit, label %loop
entry:
  %buf = getelementptr inbounds i8, ptr %obj, i64 8
  br label %loop
loop:
  %cur = phi ptr [ %buf, %entry ], [ %next, %loop ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store ptr %cur, ptr %obj, align 8
  %next = getelementptr inbounds i8, ptr %cur, i64 8
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @phi_global_or_stack(ptr %slot, i1 %c) {
; CHECK-LABEL: define void @phi_global_or_stack(
; CHECK:       join:
; CHECK-NEXT:    %q = phi ptr [ @g, %entry ], [ %local, %other ]
; CHECK-NEXT:    store ptr %q, ptr %slot, align 8
; CHECK-NEXT:    call void @use(ptr %local)
; CHECK-NEXT:    ret void
entry:
  %local = alloca [2 x ptr], align 8
  br i1 %c, label %join, label %other
other:
  br label %join
join:
  %q = phi ptr [ @g, %entry ], [ %local, %other ]
  store ptr %q, ptr %slot, align 8
  call void @use(ptr %local)
  ret void
}

; %p may be a pointer into a lent buffer: the store is checked.
define void @select_global_or_unknown(ptr %slot, ptr %p, i1 %c) {
; CHECK-LABEL: define void @select_global_or_unknown(
; CHECK:         store ptr %q, ptr %slot, align 8
; CHECK-NEXT:    [[V:%.*]] = ptrtoint ptr %q to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
; CHECK-NEXT:    br label
  %q = select i1 %c, ptr @g, ptr %p
  store ptr %q, ptr %slot, align 8
  ret void
}
