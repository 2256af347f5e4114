; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a stored array of pointers gets one check per element, at offsets
; 0 and 8.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @array2(ptr %slot, [2 x ptr] %a) {
; CHECK-LABEL: define void @array2(
; CHECK-NEXT:    store [2 x ptr] %a, ptr %slot, align 8
; CHECK:         [[E0:%.*]] = extractvalue [2 x ptr] %a, 0
; CHECK-NEXT:    [[V0:%.*]] = ptrtoint ptr [[E0]] to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V0]])
; CHECK:         [[E1:%.*]] = extractvalue [2 x ptr] %a, 1
; CHECK-NEXT:    [[V1:%.*]] = ptrtoint ptr [[E1]] to i64
; CHECK:       ffipin.store{{[0-9]+}}:
; CHECK-NEXT:    [[S1:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S1]], i64 [[V1]])
  store [2 x ptr] %a, ptr %slot, align 8
  ret void
}
