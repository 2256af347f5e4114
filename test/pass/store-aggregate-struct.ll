; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: each pointer in a stored struct, nested ones too, gets its own
; check; its slot is the store address plus the DataLayout offset. A part
; visible in an insertvalue chain is used directly, without extractvalue.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @struct_ptr_i32(ptr %slot, { ptr, i32 } %s) {
; CHECK-LABEL: define void @struct_ptr_i32(
; CHECK-NEXT:    store { ptr, i32 } %s, ptr %slot, align 8
; CHECK:         [[E:%.*]] = extractvalue { ptr, i32 } %s, 0
; CHECK-NEXT:    [[V:%.*]] = ptrtoint ptr [[E]] to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 [[V]])
; CHECK-NEXT:    br label %[[CONT:[^ ,]+]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store { ptr, i32 } %s, ptr %slot, align 8
  ret void
}

define void @nested(ptr %slot, { i32, { ptr, ptr } } %s) {
; CHECK-LABEL: define void @nested(
; CHECK:         [[E1:%.*]] = extractvalue { i32, { ptr, ptr } } %s, 1, 0
; CHECK-NEXT:    [[V1:%.*]] = ptrtoint ptr [[E1]] to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    [[S1:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S1]], i64 [[V1]])
; CHECK:         [[E2:%.*]] = extractvalue { i32, { ptr, ptr } } %s, 1, 1
; CHECK-NEXT:    [[V2:%.*]] = ptrtoint ptr [[E2]] to i64
; CHECK:       ffipin.store{{[0-9]+}}:
; CHECK-NEXT:    [[S2:%.*]] = getelementptr inbounds i8, ptr %slot, i64 16
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S2]], i64 [[V2]])
  store { i32, { ptr, ptr } } %s, ptr %slot, align 8
  ret void
}

define void @built_by_insertvalue(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @built_by_insertvalue(
; CHECK:         store { i32, ptr } %b, ptr %slot, align 8
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    [[S:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S]], i64 [[V]])
  %a = insertvalue { i32, ptr } poison, i32 7, 0
  %b = insertvalue { i32, ptr } %a, ptr %p, 1
  store { i32, ptr } %b, ptr %slot, align 8
  ret void
}
