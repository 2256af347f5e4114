; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a loop without calls whose stores put `page + zext(i16)` (a
; loop-invariant base and an offset in [0, 65535]) into C memory is
; versioned: before it, the bounds are loaded once; when they are empty, or
; when neither range starts inside the other (modulo 2^64, so a range that
; wraps is covered), the clean copy runs, whose store has no check; the
; original loop keeps the per-store check for the other case. The checks
; before the loop carry !nosanitize (ASan runs after us).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @fill(ptr %cells, ptr %page, ptr %offs, i64 %n) {
; CHECK-LABEL: define void @fill(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %ffipin.hi = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 1) unordered, align 8, !nosanitize
; CHECK-NEXT:    %ffipin.lo = load atomic i64, ptr @__ffipin_foreign_bounds unordered, align 8, !nosanitize
; CHECK-NEXT:    %ffipin.empty = icmp ule i64 %ffipin.hi, %ffipin.lo, !nosanitize
; CHECK-NEXT:    br i1 %ffipin.empty, label %[[CLEANPH:.*]], label %loop.ffipin.test, !nosanitize
; CHECK:       loop.ffipin.test:
; CHECK-NEXT:    %ffipin.base = ptrtoint ptr %page to i64
; CHECK-NEXT:    [[D1:%.*]] = sub i64 %ffipin.lo, %ffipin.base
; CHECK-NEXT:    %ffipin.inrange = icmp ule i64 [[D1]], 65535
; CHECK-NEXT:    [[D2:%.*]] = sub i64 %ffipin.base, %ffipin.lo
; CHECK-NEXT:    [[W:%.*]] = sub i64 %ffipin.hi, %ffipin.lo
; CHECK-NEXT:    %ffipin.inbounds = icmp ult i64 [[D2]], [[W]]
; CHECK-NEXT:    %ffipin.meets = or i1 %ffipin.inrange, %ffipin.inbounds
; CHECK-NEXT:    br i1 %ffipin.meets, label %loop.ffipin.checked, label %[[CLEANPH]]
; CHECK:       [[CLEANPH]]:
; CHECK-NEXT:    br label %loop.ffipin.clean
; CHECK:       loop.ffipin.clean:
; CHECK-NOT:     @__ffipin_store
; CHECK:         store ptr %v.ffipin.clean, ptr %slot.ffipin.clean, align 8
; CHECK-NOT:     @__ffipin_store
; CHECK:         br i1 %done.ffipin.clean, label %exit, label %loop.ffipin.clean
; CHECK:       loop.ffipin.checked:
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK:         store ptr %v, ptr %slot, align 8
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %ffipin.v)
; CHECK:       exit:
; CHECK-NEXT:    ret void
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
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop

exit:
  ret void
}
