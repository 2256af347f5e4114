; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; RUN: %opt_ffipin -passes=ffipin -ffipin-share-checks=false -S %s \
; RUN:   | FileCheck %s --check-prefix=OFF
; Intent: stores of one value into one object in a block, with no barrier
; between them, get one check after the last store, whose cold block reports
; every slot (the earlier slot rebuilt from the object's base). A call, a
; fence, an atomic or volatile access between them, another object, another
; value or another block keeps each store's own check.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare void @f()

define void @two_fields(ptr %obj, ptr %p) {
; CHECK-LABEL: define void @two_fields(
; CHECK-NEXT:    %a = getelementptr inbounds i8, ptr %obj, i64 8
; CHECK-NEXT:    store ptr %p, ptr %a, align 8
; CHECK-NEXT:    %b = getelementptr inbounds i8, ptr %obj, i64 16
; CHECK-NEXT:    store ptr %p, ptr %b, align 8
; CHECK-NEXT:    [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK-NEXT:    load atomic i64, {{.*}}@__ffipin_foreign_bounds
; CHECK:       ffipin.store:
; CHECK-NEXT:    [[A:%.*]] = getelementptr inbounds i8, ptr %obj, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[A]], i64 [[V]])
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %b, i64 [[V]])
; CHECK-NEXT:    br label
; OFF-LABEL: define void @two_fields(
; OFF:         store ptr %p, ptr %a, align 8
; OFF-NEXT:    ptrtoint ptr %p to i64
; OFF:         call preserve_mostcc void @__ffipin_store(ptr %a,
; OFF:         store ptr %p, ptr %b, align 8
; OFF-NEXT:    ptrtoint ptr %p to i64
; OFF:         call preserve_mostcc void @__ffipin_store(ptr %b,
  %a = getelementptr inbounds i8, ptr %obj, i64 8
  store ptr %p, ptr %a, align 8
  %b = getelementptr inbounds i8, ptr %obj, i64 16
  store ptr %p, ptr %b, align 8
  ret void
}

; The i64 copy of a pointer stores the same bits: one check.
define void @pointer_and_ptrtoint(ptr %obj, ptr %p) {
; CHECK-LABEL: define void @pointer_and_ptrtoint(
; CHECK:         store ptr %p, ptr %obj, align 8
; CHECK-NEXT:    %i = ptrtoint ptr %p to i64
; CHECK-NEXT:    %b = getelementptr inbounds i8, ptr %obj, i64 8
; CHECK-NEXT:    store i64 %i, ptr %b, align 8
; CHECK-NEXT:    load atomic i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %obj, i64 %i)
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %b, i64 %i)
; CHECK-NEXT:    br label
  store ptr %p, ptr %obj, align 8
  %i = ptrtoint ptr %p to i64
  %b = getelementptr inbounds i8, ptr %obj, i64 8
  store i64 %i, ptr %b, align 8
  ret void
}

; A callee may unpin, end a call scope or free the first slot before the
; second store: the first store is reported before the call.
define void @call_between(ptr %obj, ptr %p) {
; CHECK-LABEL: define void @call_between(
; CHECK-NEXT:    store ptr %p, ptr %obj, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %obj,
; CHECK-NEXT:    br label
; CHECK:         call void @f()
; CHECK-NEXT:    %b = getelementptr inbounds i8, ptr %obj, i64 8
; CHECK-NEXT:    store ptr %p, ptr %b, align 8
; CHECK:       ffipin.store{{[0-9]+}}:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %b,
; CHECK-NEXT:    br label
  store ptr %p, ptr %obj, align 8
  call void @f()
  %b = getelementptr inbounds i8, ptr %obj, i64 8
  store ptr %p, ptr %b, align 8
  ret void
}

; Another thread may act once a fence, an atomic or a volatile access has
; told it to: each keeps the store before it checked on its own.
define void @fence_atomic_volatile_between(ptr %obj, ptr %p, ptr %flag) {
; CHECK-LABEL: define void @fence_atomic_volatile_between(
; CHECK:         store ptr %p, ptr %obj, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %obj,
; CHECK:         fence release
; CHECK-NEXT:    %b = getelementptr inbounds i8, ptr %obj, i64 8
; CHECK-NEXT:    store ptr %p, ptr %b, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %b,
; CHECK:         store atomic i32 1, ptr %flag release, align 4
; CHECK-NEXT:    %c = getelementptr inbounds i8, ptr %obj, i64 16
; CHECK-NEXT:    store ptr %p, ptr %c, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %c,
; CHECK:         store volatile i32 1, ptr %flag, align 4
; CHECK-NEXT:    %d = getelementptr inbounds i8, ptr %obj, i64 24
; CHECK-NEXT:    store ptr %p, ptr %d, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %d,
; CHECK-NEXT:    br label
  store ptr %p, ptr %obj, align 8
  fence release
  %b = getelementptr inbounds i8, ptr %obj, i64 8
  store ptr %p, ptr %b, align 8
  store atomic i32 1, ptr %flag release, align 4
  %c = getelementptr inbounds i8, ptr %obj, i64 16
  store ptr %p, ptr %c, align 8
  store volatile i32 1, ptr %flag, align 4
  %d = getelementptr inbounds i8, ptr %obj, i64 24
  store ptr %p, ptr %d, align 8
  ret void
}

; Keeping another object's slot live until the later check costs more than
; the check it saves; another value, or a store in another block, is not
; covered at all.
define void @not_shared(ptr %obj, ptr %other, ptr %p, ptr %q, i1 %c) {
; CHECK-LABEL: define void @not_shared(
; CHECK-NEXT:    store ptr %p, ptr %obj, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %obj,
; CHECK-NEXT:    br label
; CHECK:         store ptr %p, ptr %other, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %other,
; CHECK-NEXT:    br label
; CHECK:         store ptr %q, ptr %b, align 8
; CHECK-NEXT:    ptrtoint ptr %q
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %b,
; CHECK-NEXT:    br label
; CHECK:       next:
; CHECK-NEXT:    %e = getelementptr inbounds i8, ptr %obj, i64 16
; CHECK-NEXT:    store ptr %p, ptr %e, align 8
; CHECK-NEXT:    ptrtoint ptr %p to i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %e,
; CHECK-NEXT:    br label
  store ptr %p, ptr %obj, align 8
  store ptr %p, ptr %other, align 8
  %b = getelementptr inbounds i8, ptr %obj, i64 8
  store ptr %q, ptr %b, align 8
  br label %next
next:
  %e = getelementptr inbounds i8, ptr %obj, i64 16
  store ptr %p, ptr %e, align 8
  ret void
}
