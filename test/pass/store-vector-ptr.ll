; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a <4 x ptr> store (clang -O3 -mavx2 vectorizes pointer-array
; copies into these) gets one check per lane, at offsets 0, 8, 16 and 24;
; each compare reads its word of the bounds itself (x86 folds the load).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @vec4(ptr %slot, <4 x ptr> %v) {
; CHECK-LABEL: define void @vec4(
; CHECK-NEXT:    store <4 x ptr> %v, ptr %slot, align 8
; CHECK-NEXT:    [[E0:%.*]] = extractelement <4 x ptr> %v, i64 0
; CHECK-NEXT:    [[V0:%.*]] = ptrtoint ptr [[E0]] to i64
; CHECK-NEXT:    [[HI0:%.*]] = load atomic i64, {{.*}}@__ffipin_foreign_bounds, i32 0, i32 1) unordered
; CHECK-NEXT:    icmp ult i64 [[V0]], [[HI0]]
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V0]])
; CHECK:         [[E1:%.*]] = extractelement <4 x ptr> %v, i64 1
; CHECK:         [[S1:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S1]], i64
; CHECK:         [[E2:%.*]] = extractelement <4 x ptr> %v, i64 2
; CHECK-NEXT:    [[V2:%.*]] = ptrtoint ptr [[E2]] to i64
; CHECK-NEXT:    [[HI2:%.*]] = load atomic i64, {{.*}}@__ffipin_foreign_bounds, i32 0, i32 1) unordered
; CHECK-NEXT:    icmp ult i64 [[V2]], [[HI2]]
; CHECK:         [[S2:%.*]] = getelementptr inbounds i8, ptr %slot, i64 16
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S2]], i64 [[V2]])
; CHECK:         [[E3:%.*]] = extractelement <4 x ptr> %v, i64 3
; CHECK:         [[S3:%.*]] = getelementptr inbounds i8, ptr %slot, i64 24
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S3]], i64
; CHECK:         ret void
  store <4 x ptr> %v, ptr %slot, align 8
  ret void
}
