; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; RUN: %opt_ffipin -passes=ffipin -ffipin-instrument-int-stores=false -S %s \
; RUN:   | FileCheck %s --check-prefix=NOINT
; Intent: clang-19 -O2 copies `struct one { void *p; }` (*d = *s) as
; `load i64` + `store i64`; the copied integer may be a pointer, so it is
; checked. -ffipin-instrument-int-stores=false turns integer stores off.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @copy_struct_one(ptr %d, ptr %s) {
; CHECK-LABEL: define void @copy_struct_one(
; CHECK-NEXT:    %v = load i64, ptr %s, align 8
; CHECK-NEXT:    store i64 %v, ptr %d, align 8
; CHECK:         icmp ult i64 %v,
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store_int_copy(ptr %d, i64 %v)
; NOINT-LABEL: define void @copy_struct_one(
; NOINT-NEXT:    %v = load i64, ptr %s, align 8
; NOINT-NEXT:    store i64 %v, ptr %d, align 8
; NOINT-NEXT:    ret void
  %v = load i64, ptr %s, align 8
  store i64 %v, ptr %d, align 8
  ret void
}

define void @store_i32_load(ptr %d, ptr %s) {
; CHECK-LABEL: define void @store_i32_load(
; CHECK-NEXT:    %v = load i32, ptr %s, align 4
; CHECK-NEXT:    store i32 %v, ptr %d, align 4
; CHECK-NEXT:    ret void
  %v = load i32, ptr %s, align 4
  store i32 %v, ptr %d, align 4
  ret void
}
