; RUN: split-file %s %t
; RUN: %opt_ffipin -passes=ffipin -S %t/pie.ll | FileCheck %s --check-prefix=LOCAL
; RUN: %opt_ffipin -passes=ffipin -S %t/nopic.ll | FileCheck %s --check-prefix=LOCAL
; RUN: %opt_ffipin -passes=ffipin -S %t/pic.ll | FileCheck %s --check-prefix=GOT
; Intent: code for an executable (PIE, or not PIC) reaches the bounds global
; directly (dso_local: RIP-relative operands, no GOT load per check); code
; for a shared library (PIC, not PIE) must go through the GOT (its weak
; stand-in, fallbacks-shared-library.ll, is preemptible).

; LOCAL: @__ffipin_foreign_bounds = external dso_local global { i64, i64, i64, i64 }
; GOT: @__ffipin_foreign_bounds = weak global { i64, i64, i64, i64 } zeroinitializer

;--- pie.ll
define void @f(ptr %slot, ptr %p) {
  store ptr %p, ptr %slot
  ret void
}
!llvm.module.flags = !{!0, !1}
!0 = !{i32 8, !"PIC Level", i32 2}
!1 = !{i32 7, !"PIE Level", i32 2}

;--- nopic.ll
define void @f(ptr %slot, ptr %p) {
  store ptr %p, ptr %slot
  ret void
}

;--- pic.ll
define void @f(ptr %slot, ptr %p) {
  store ptr %p, ptr %slot
  ret void
}
!llvm.module.flags = !{!0}
!0 = !{i32 8, !"PIC Level", i32 2}
