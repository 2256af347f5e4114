; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: a naked function has no frame for the check's code and is left
; alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @naked(ptr %slot, ptr %p) naked {
; CHECK-LABEL: define void @naked(
; CHECK-NEXT:    store ptr %p, ptr %slot, align 8
; CHECK-NEXT:    {{^ +}}unreachable{{$}}
  store ptr %p, ptr %slot, align 8
  unreachable
}
