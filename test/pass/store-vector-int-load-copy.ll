; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: clang-19 -O2 vectorizes a loop copying `struct one { void *p; }`
; arrays into `load <2 x i64>` + `store <2 x i64>` (<4 x i64> with -mavx2);
; each lane copied from memory is checked like a scalar i64 copy. Integer
; vectors computed rather than loaded are left alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @copy_two_lanes(ptr %d, ptr %s) {
; CHECK-LABEL: define void @copy_two_lanes(
; CHECK-NEXT:    %v = load <2 x i64>, ptr %s, align 8
; CHECK-NEXT:    store <2 x i64> %v, ptr %d, align 8
; CHECK:         [[E0:%.*]] = extractelement <2 x i64> %v, i64 0
; CHECK-NEXT:    load atomic i64
; CHECK-NEXT:    icmp ult i64 [[E0]],
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store_int_copy(ptr %d, i64 [[E0]])
; CHECK:         [[E1:%.*]] = extractelement <2 x i64> %v, i64 1
; CHECK-NEXT:    load atomic i64
; CHECK-NEXT:    icmp ult i64 [[E1]],
; CHECK:       ffipin.store{{[0-9]+}}:
; CHECK-NEXT:    [[S1:%.*]] = getelementptr inbounds i8, ptr %d, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store_int_copy(ptr [[S1]], i64 [[E1]])
  %v = load <2 x i64>, ptr %s, align 8
  store <2 x i64> %v, ptr %d, align 8
  ret void
}

define void @computed_lanes(ptr %d, <2 x i64> %a) {
; CHECK-LABEL: define void @computed_lanes(
; CHECK-NEXT:    %v = add <2 x i64> %a, <i64 1, i64 1>
; CHECK-NEXT:    store <2 x i64> %v, ptr %d, align 8
; CHECK-NEXT:    ret void
  %v = add <2 x i64> %a, <i64 1, i64 1>
  store <2 x i64> %v, ptr %d, align 8
  ret void
}
