; RUN: %opt_ffipin -passes=ffipin -S %s | llc -O2 -o - | FileCheck %s
; Intent: the bounds protocol of base/ffipin_abi.h (unordered atomic loads,
; a single-thread fence between lo and size) costs nothing over plain loads
; on x86-64: both loads fold into the sub and the cmp, and the fence is only
; a compiler barrier (the #MEMBARRIER comment, no instruction).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_ptr(ptr %slot, ptr %p) {
; CHECK-LABEL: store_ptr:
; CHECK:         movq %rsi, (%rdi)
; CHECK-NEXT:    movq %rsi, %rax
; CHECK-NEXT:    subq __ffipin_foreign_bounds(%rip), %rax
; CHECK-NEXT:    #MEMBARRIER
; CHECK-NEXT:    cmpq __ffipin_foreign_bounds+8(%rip), %rax
; CHECK-NEXT:    jb {{\.LBB[0-9_]+}}
; CHECK:         callq __ffipin_store
; CHECK:         {{^[[:space:]]+\.cfi_endproc$}}
  store ptr %p, ptr %slot, align 8
  ret void
}
