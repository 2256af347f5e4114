; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: null, undef, poison, integer constants, addresses of constant globals,
; functions and stack slots, and aggregates of those cannot be foreign and
; are not checked; nor is a memcpy out of a constant global.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = constant [4 x i32] zeroinitializer
@init = private unnamed_addr constant { ptr, ptr } { ptr @g, ptr null }

define void @constants(ptr %slot) {
; CHECK-LABEL: define void @constants(
; CHECK-NEXT:    %local = alloca i32, align 4
; CHECK-NEXT:    call void @use(ptr %local)
; CHECK-NEXT:    store ptr null, ptr %slot, align 8
; CHECK-NEXT:    store ptr undef, ptr %slot, align 8
; CHECK-NEXT:    store ptr poison, ptr %slot, align 8
; CHECK-NEXT:    store i64 ptrtoint (ptr @g to i64), ptr %slot, align 8
; CHECK-NEXT:    store ptr getelementptr inbounds (i8, ptr @g, i64 4), ptr %slot, align 8
; CHECK-NEXT:    store ptr @use, ptr %slot, align 8
; CHECK-NEXT:    %field = getelementptr inbounds i8, ptr %local, i64 2
; CHECK-NEXT:    store ptr %field, ptr %slot, align 8
; CHECK-NEXT:    store { ptr, i64 } { ptr @g, i64 42 }, ptr %slot, align 8
; CHECK-NEXT:    store <2 x ptr> zeroinitializer, ptr %slot, align 16
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr @init, i64 16, i1 false)
; CHECK-NEXT:    ret void
  %local = alloca i32, align 4
  call void @use(ptr %local)
  store ptr null, ptr %slot, align 8
  store ptr undef, ptr %slot, align 8
  store ptr poison, ptr %slot, align 8
  store i64 ptrtoint (ptr @g to i64), ptr %slot, align 8
  store ptr getelementptr inbounds (i8, ptr @g, i64 4), ptr %slot, align 8
  store ptr @use, ptr %slot, align 8
  %field = getelementptr inbounds i8, ptr %local, i64 2
  store ptr %field, ptr %slot, align 8
  store { ptr, i64 } { ptr @g, i64 42 }, ptr %slot, align 8
  store <2 x ptr> zeroinitializer, ptr %slot, align 16
  call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr @init, i64 16, i1 false)
  ret void
}

define void @partly_constant(ptr %slot, ptr %p) {
; CHECK-LABEL: define void @partly_constant(
; CHECK:         store { ptr, ptr } %b, ptr %slot, align 8
; CHECK:         [[V:%.*]] = ptrtoint ptr %p to i64
; CHECK:       ffipin.store:
; CHECK-NEXT:    [[S:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S]], i64 [[V]])
; CHECK-NEXT:    br label %[[CONT:[^ ,]+]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  %a = insertvalue { ptr, ptr } poison, ptr null, 0
  %b = insertvalue { ptr, ptr } %a, ptr %p, 1
  store { ptr, ptr } %b, ptr %slot, align 8
  ret void
}

declare void @use(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
