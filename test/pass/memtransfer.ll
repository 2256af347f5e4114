; RUN: %opt_ffipin -passes=ffipin -S %s | FileCheck %s
; RUN: %opt_ffipin -passes=ffipin -ffipin-instrument-memintrinsics=false -S %s \
; RUN:   | FileCheck %s --check-prefix=NOMEM
; Intent: memcpy, memmove and memcpy.inline are preceded by
; `if (src < copy_hi && src >= copy_lo)` in cold blocks: the runtime is called
; only when the bytes come from foreign memory or C memory may contain held
; slots whose tracking must follow the bytes, which the runtime folds into one
; copy range (everything while any slot is held), so the check is two
; compares like a store's. The copy is made on both paths, the cold one then
; calling __ffipin_memcpy(dst, src, n): the common path keeps nothing alive
; across the copy. Both copies are the program's (no !nosanitize: ASan runs
; after us and checks them).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define void @copy(ptr %d, ptr %s, i64 %n) {
; CHECK-LABEL: define void @copy(
; CHECK-NEXT:    [[SRC:%.*]] = ptrtoint ptr %s to i64
; CHECK-NEXT:    [[HI:%.*]] = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 3) unordered, align 8
; CHECK-NEXT:    [[BELOW:%.*]] = icmp ult i64 [[SRC]], [[HI]]
; CHECK-NEXT:    br i1 [[BELOW]], label %ffipin.memcpy.lo, label %[[COPY:[^ ,]+]], !prof
; CHECK:       ffipin.memcpy.lo:
; CHECK-NEXT:    [[LO:%.*]] = load atomic i64, ptr getelementptr inbounds ({ i64, i64, i64, i64 }, ptr @__ffipin_foreign_bounds, i32 0, i32 2) unordered, align 8
; CHECK-NEXT:    [[IN:%.*]] = icmp uge i64 [[SRC]], [[LO]]
; CHECK-NEXT:    br i1 [[IN]], label %ffipin.memcpy, label %[[COPY]], !prof
; CHECK:       ffipin.memcpy:
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false){{$}}
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_memcpy(ptr %d, ptr %s, i64 %n)
; CHECK-NEXT:    br label %ffipin.memcpy.done
; CHECK:       [[COPY]]:
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false){{$}}
; CHECK-NEXT:    br label %ffipin.memcpy.done
; CHECK:       ffipin.memcpy.done:
; CHECK-NEXT:    ret void
; NOMEM-LABEL: define void @copy(
; NOMEM-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
; NOMEM-NEXT:    ret void
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}

define void @move(ptr %d, ptr %s, i32 %n) {
; CHECK-LABEL: define void @move(
; CHECK:         [[N:%.*]] = zext i32 %n to i64
; CHECK:       ffipin.memcpy:
; CHECK-NEXT:    call void @llvm.memmove.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_memcpy(ptr %d, ptr %s, i64 [[N]])
; CHECK:         call void @llvm.memmove.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
; CHECK-NEXT:    br label %ffipin.memcpy.done
  call void @llvm.memmove.p0.p0.i32(ptr %d, ptr %s, i32 %n, i1 false)
  ret void
}

define void @copy_inline(ptr %d, ptr %s) {
; CHECK-LABEL: define void @copy_inline(
; CHECK:       ffipin.memcpy:
; CHECK-NEXT:    call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
; CHECK-NEXT:    call preserve_mostcc void @__ffipin_memcpy(ptr %d, ptr %s, i64 16)
; CHECK:         call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
; CHECK-NEXT:    br label %ffipin.memcpy.done
  call void @llvm.memcpy.inline.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
  ret void
}

; CHECK: declare preserve_mostcc void @__ffipin_memcpy(ptr, ptr, i64) [[ATTR:#[0-9]+]]
; CHECK: attributes [[ATTR]] = { nounwind nonlazybind }

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i32(ptr, ptr, i32, i1)
declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)
