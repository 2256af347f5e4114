; RUN: %opt_ffipin -passes=ffipin -ffipin-low-bound-first -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt_ffipin -passes=ffipin -ffipin-low-bound-first -S %s | llc -O2 -o - | FileCheck %s
; Intent: with -ffipin-low-bound-first (ffipin-go's non-PIE executables,
; where code, globals and glibc's main heap lie below Go's arenas) a check
; compares with the low word first, so a value below the bounds is rejected
; by one compare that falls through; the high word is compared in the cold
; block. The same for a copy's source against copy_lo, then copy_hi.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @store_ptr(ptr %slot, ptr %p) {
; IR-LABEL: define void @store_ptr(
; IR:         %ffipin.lo = load atomic i64, ptr @__ffipin_foreign_bounds unordered
; IR-NEXT:    %ffipin.above = icmp uge i64 %ffipin.v, %ffipin.lo
; IR-NEXT:    br i1 %ffipin.above, label %ffipin.store.hi, label %[[TAIL:[0-9]+]], !prof
; IR:       ffipin.store.hi:
; IR-NEXT:    %ffipin.hi = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 1) unordered
; IR-NEXT:    %ffipin.in = icmp ult i64 %ffipin.v, %ffipin.hi
; IR-NEXT:    br i1 %ffipin.in, label %ffipin.store, label %[[TAIL]], !prof
; IR:       ffipin.store:
; IR-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %slot, i64 %ffipin.v)

; CHECK-LABEL: store_ptr:
; CHECK:         movq %rsi, (%rdi)
; CHECK-NEXT:    cmpq __ffipin_foreign_bounds(%rip), %rsi
; CHECK-NEXT:    jae [[HI:\.LBB[0-9_]+]]
; CHECK-NEXT:  [[DONE:\.LBB[0-9_]+]]:
; CHECK-NEXT:    {{^[[:blank:]]+retq$}}
; CHECK-NEXT:  [[HI]]:
; CHECK-NEXT:    cmpq __ffipin_foreign_bounds+8(%rip), %rsi
; CHECK-NEXT:    jae [[DONE]]
; CHECK:         callq *__ffipin_store@GOTPCREL(%rip)
; CHECK:         {{^[[:space:]]+\.cfi_endproc$}}
  store ptr %p, ptr %slot, align 8
  ret void
}

define void @copy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: copy:
; CHECK:         cmpq __ffipin_foreign_bounds+16(%rip), %rsi
; CHECK-NEXT:    jae [[HI:\.LBB[0-9_]+]]
; CHECK-NEXT:  [[COPY:\.LBB[0-9_]+]]:
; CHECK-NEXT:    callq memcpy{{(@PLT)?$}}
; CHECK:       [[HI]]:
; CHECK:         cmpq __ffipin_foreign_bounds+24(%rip), %rsi
; CHECK-NEXT:    jae [[COPY]]
; CHECK:         callq memcpy{{(@PLT)?$}}
; CHECK:         callq *__ffipin_memcpy@GOTPCREL(%rip)
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
