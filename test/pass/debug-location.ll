; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; Intent: the hook call carries the store's line:col (the runtime symbolizes
; the call's return address for the "STORE of foreign pointer" stack), not
; the location of the instruction after the store; a check shared by two
; stores of one value reports each slot with its own store's line.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @init_ctx(ptr %slot, ptr %p, ptr %s) !dbg !5 {
; CHECK-LABEL: define void @init_ctx(
; CHECK:         store ptr %p, ptr %slot, align 8, !dbg ![[STORE:[0-9]+]]
; CHECK:         call preserve_mostcc void @__ffipin_store(ptr %slot, i64 {{.*}}), !dbg ![[STORE]]
; CHECK:         call void @llvm.memcpy.p0.p0.i64({{.*}}), !dbg ![[COPY:[0-9]+]]
; CHECK:         call preserve_mostcc void @__ffipin_memcpy({{.*}}), !dbg ![[COPY]]
  store ptr %p, ptr %slot, align 8, !dbg !8
  call void @llvm.memcpy.p0.p0.i64(ptr %slot, ptr %s, i64 8, i1 false), !dbg !9
  ret void, !dbg !10
}

define void @two_fields(ptr %obj, ptr %p) !dbg !11 {
; CHECK-LABEL: define void @two_fields(
; CHECK:         store ptr %p, ptr %obj, align 8, !dbg ![[FIRST:[0-9]+]]
; CHECK:         store ptr %p, ptr %b, align 8, !dbg ![[SECOND:[0-9]+]]
; CHECK:       ffipin.store:
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %obj, i64 {{.*}}), !dbg ![[FIRST]]
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr %b, i64 {{.*}}), !dbg ![[SECOND]]
  store ptr %p, ptr %obj, align 8, !dbg !12
  %b = getelementptr inbounds i8, ptr %obj, i64 8
  store ptr %p, ptr %b, align 8, !dbg !13
  ret void, !dbg !14
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "vde.c", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!5 = distinct !DISubprogram(name: "init_ctx", scope: !1, file: !1, line: 10, type: !6, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 12, column: 20, scope: !5)
!9 = !DILocation(line: 13, column: 3, scope: !5)
!10 = !DILocation(line: 14, column: 1, scope: !5)
!11 = distinct !DISubprogram(name: "two_fields", scope: !1, file: !1, line: 20, type: !6, scopeLine: 20, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!12 = !DILocation(line: 21, column: 10, scope: !11)
!13 = !DILocation(line: 22, column: 10, scope: !11)
!14 = !DILocation(line: 23, column: 1, scope: !11)

; CHECK: ![[STORE]] = !DILocation(line: 12, column: 20,
; CHECK: ![[COPY]] = !DILocation(line: 13, column: 3,
; CHECK: ![[FIRST]] = !DILocation(line: 21, column: 10,
; CHECK: ![[SECOND]] = !DILocation(line: 22, column: 10,
