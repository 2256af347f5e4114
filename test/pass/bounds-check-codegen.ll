; RUN: %opt_ffipin -passes=ffipin -S %s | llc -O2 -o - | FileCheck %s
; Intent: the bounds protocol of base/ffipin_abi.h (unordered atomic loads
; of single words, no fence) costs nothing over plain loads on x86-64: the
; check of a store is `cmp hi; jb`, then `cmp lo; jb` in a cold block, both
; loads folded into the compares, no copy of the value into a scratch
; register, no fence; a copy's check is the same against copy_hi and
; copy_lo, made on the source while it is still in its argument register,
; before the copy; and the preserve_most call in the cold block makes the fast path
; save no register.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_ptr(ptr %slot, ptr %p) {
; CHECK-LABEL: store_ptr:
; CHECK-NEXT:    {{^[[:blank:]]+\.cfi_startproc$}}
; CHECK-NEXT:  # %bb.0:
; CHECK-NEXT:    movq %rsi, (%rdi)
; CHECK-NEXT:    cmpq __ffipin_foreign_bounds+8(%rip), %rsi
; CHECK-NEXT:    jb [[LO:\.LBB[0-9_]+]]
; CHECK-NEXT:  [[DONE:\.LBB[0-9_]+]]:
; CHECK-NEXT:    {{^[[:blank:]]+retq$}}
; CHECK-NEXT:  [[LO]]:
; CHECK-NEXT:    cmpq __ffipin_foreign_bounds(%rip), %rsi
; CHECK-NEXT:    jb [[DONE]]
; CHECK:         callq *__ffipin_store@GOTPCREL(%rip)
; CHECK:         {{^[[:space:]]+\.cfi_endproc$}}
  store ptr %p, ptr %slot, align 8
  ret void
}

define void @copy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: copy:
; CHECK:         cmpq __ffipin_foreign_bounds+24(%rip), %rsi
; CHECK-NEXT:    jb [[LO:\.LBB[0-9_]+]]
; CHECK-NEXT:  [[COPY:\.LBB[0-9_]+]]:
; CHECK-NEXT:    callq memcpy{{(@PLT)?$}}
; CHECK:       [[LO]]:
; CHECK:         cmpq __ffipin_foreign_bounds+16(%rip), %rsi
; CHECK-NEXT:    jb [[COPY]]
; CHECK:         callq memcpy{{(@PLT)?$}}
; CHECK:         callq *__ffipin_memcpy@GOTPCREL(%rip)
; CHECK:         {{^[[:space:]]+\.cfi_endproc$}}
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}

; Two stores whose values stay live across the first check: with the C
; convention its call would make the function save callee-saved registers
; on every entry.
define i64 @store_two(ptr %slot, ptr %p, ptr %slot2, ptr %q, i64 %x) {
; CHECK-LABEL: store_two:
; CHECK-NOT:     {{push[[:alpha:]]*[[:space:]]+%(rbx|rbp|r12|r13|r14|r15)}}
; CHECK:         callq *__ffipin_store@GOTPCREL(%rip)
; CHECK-NOT:     {{push[[:alpha:]]*[[:space:]]+%(rbx|rbp|r12|r13|r14|r15)}}
; CHECK:         {{^[[:space:]]+\.cfi_endproc$}}
  store ptr %p, ptr %slot, align 8
  store ptr %q, ptr %slot2, align 8
  %r = add i64 %x, 1
  ret i64 %r
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
