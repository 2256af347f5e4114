; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: stores into, or of pointers in, an address space other than 0
; (GPU, x86 segment-relative) are skipped: the runtime only knows
; address space 0.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @other_addrspaces(ptr addrspace(1) %slot1, ptr %slot, ptr %p,
                              ptr addrspace(1) %p1, { ptr addrspace(1) } %s1) {
; CHECK-LABEL: define void @other_addrspaces(
; CHECK-NEXT:    store ptr %p, ptr addrspace(1) %slot1, align 8
; CHECK-NEXT:    store ptr addrspace(1) %p1, ptr %slot, align 8
; CHECK-NEXT:    store { ptr addrspace(1) } %s1, ptr %slot, align 8
; CHECK-NEXT:    %i = ptrtoint ptr addrspace(1) %p1 to i64
; CHECK-NEXT:    store i64 %i, ptr %slot, align 8
; CHECK-NEXT:    call void @llvm.memcpy.p1.p0.i64(ptr addrspace(1) %slot1, ptr %p, i64 8, i1 false)
; CHECK-NEXT:    ret void
  store ptr %p, ptr addrspace(1) %slot1, align 8
  store ptr addrspace(1) %p1, ptr %slot, align 8
  store { ptr addrspace(1) } %s1, ptr %slot, align 8
  %i = ptrtoint ptr addrspace(1) %p1 to i64
  store i64 %i, ptr %slot, align 8
  call void @llvm.memcpy.p1.p0.i64(ptr addrspace(1) %slot1, ptr %p, i64 8, i1 false)
  ret void
}

define void @mixed(ptr %slot, { ptr addrspace(1), ptr } %s) {
; CHECK-LABEL: define void @mixed(
; CHECK:         [[E:%.*]] = extractvalue { ptr addrspace(1), ptr } %s, 1
; CHECK:       ffipin.store:
; CHECK-NEXT:    [[S:%.*]] = getelementptr inbounds i8, ptr %slot, i64 8
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S]], i64
; CHECK-NEXT:    br label %[[CONT:[^ ,]+]]
; CHECK:       [[CONT]]:
; CHECK-NEXT:    ret void
  store { ptr addrspace(1), ptr } %s, ptr %slot, align 8
  ret void
}

declare void @llvm.memcpy.p1.p0.i64(ptr addrspace(1), ptr, i64, i1)
