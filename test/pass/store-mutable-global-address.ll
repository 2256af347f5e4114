; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the address of a mutable global is checked like any pointer (a
; managed runtime's heap may be a static array it registers); the address of
; a function or of a constant global is not.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@heap = global [4096 x i8] zeroinitializer
@table = constant [2 x i64] zeroinitializer

define void @mutable(ptr %slot) {
; CHECK-LABEL: define void @mutable(
; CHECK-NEXT:    store ptr getelementptr inbounds (i8, ptr @heap, i64 64), ptr %slot, align 8
; CHECK-NEXT:    load atomic i64
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 ptrtoint (ptr getelementptr inbounds (i8, ptr @heap, i64 64) to i64))
  store ptr getelementptr inbounds (i8, ptr @heap, i64 64), ptr %slot, align 8
  ret void
}

define void @fixed(ptr %slot) {
; CHECK-LABEL: define void @fixed(
; CHECK-NEXT:    store ptr @table, ptr %slot, align 8
; CHECK-NEXT:    store ptr @fixed, ptr %slot, align 8
; CHECK-NEXT:    ret void
  store ptr @table, ptr %slot, align 8
  store ptr @fixed, ptr %slot, align 8
  ret void
}
