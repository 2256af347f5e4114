; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: every instruction the pass inserts carries !nosanitize, so ASan
; (which runs after us) does not instrument our loads of the bounds.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @marked(ptr %slot, { i32, ptr } %s) {
; CHECK-LABEL: define void @marked(
; CHECK-NEXT:    store { i32, ptr } %s, ptr %slot, align 8
; CHECK-NEXT:    extractvalue {{.*}}, !nosanitize ![[NS:[0-9]+]]
; CHECK-NEXT:    ptrtoint {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    load atomic i64, {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    icmp {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    br i1 {{.*}}, !nosanitize ![[NS]]
; CHECK:       ffipin.store.lo:
; CHECK-NEXT:    load atomic i64, {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    icmp {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    br i1 {{.*}}, !nosanitize ![[NS]]
; CHECK:       ffipin.store:
; CHECK-NEXT:    getelementptr {{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store({{.*}}, !nosanitize ![[NS]]
; CHECK-NEXT:    br label {{.*}}, !nosanitize ![[NS]]
  store { i32, ptr } %s, ptr %slot, align 8
  ret void
}

; CHECK: ![[NS]] = !{}
