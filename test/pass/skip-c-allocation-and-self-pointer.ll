; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a pointer fresh from the C allocators (malloc family) and a
; pointer into the slot's own object cannot make a held pointer and get no
; check; a pointer from a GC's allocator (GC_malloc is noalias too, but not
; a C allocator) and a pointer into another object are still checked.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") "alloc-family"="malloc"
declare noalias ptr @GC_malloc(i64)

; CHECK-LABEL: define void @stores(
; CHECK:         store ptr %m, ptr %slot
; CHECK-NOT:     @__ffipin_foreign_bounds
; CHECK:         store ptr %self, ptr %slot
; CHECK-NOT:     @__ffipin_foreign_bounds
; CHECK:         store ptr %gc, ptr %slot
; CHECK-NEXT:    %[[GC:.*]] = ptrtoint ptr %gc to i64
; CHECK-NEXT:    load atomic i64, {{.*}}@__ffipin_foreign_bounds
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %[[GC]])
; CHECK:         store ptr %other, ptr %slot
; CHECK-NEXT:    %[[OTHER:.*]] = ptrtoint ptr %other to i64
; CHECK-NEXT:    load atomic i64, {{.*}}@__ffipin_foreign_bounds
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %[[OTHER]])
; CHECK:         ret void
define void @stores(ptr %obj, ptr %otherobj) {
  %slot = getelementptr inbounds i8, ptr %obj, i64 8
  %m = call ptr @malloc(i64 16)
  store ptr %m, ptr %slot
  %self = getelementptr inbounds i8, ptr %obj, i64 16
  store ptr %self, ptr %slot
  %gc = call ptr @GC_malloc(i64 16)
  store ptr %gc, ptr %slot
  %other = getelementptr inbounds i8, ptr %otherobj, i64 16
  store ptr %other, ptr %slot
  ret void
}
