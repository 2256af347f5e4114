// RUN: %clang -O3 -mavx2 -fpass-plugin=%ffipin_plugin -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s
// Intent: clang-19 -O3 -mavx2 vectorizes a pointer-array copy into
// `store <4 x ptr>`; every lane gets its own check at its own slot.

void copy_ptrs(void **d, void **s, int n) {
  for (int i = 0; i < n; i++)
    d[i] = s[i];
}
// CHECK-LABEL: define {{.*}}void @copy_ptrs(
// CHECK:         store <4 x ptr> [[VEC:%[0-9]+]], ptr [[DST:%[0-9]+]], align 8
// CHECK-NEXT:    extractelement <4 x ptr> [[VEC]], i64 0
// CHECK:         load atomic i64, {{.*}}@__ffipin_foreign_bounds
// CHECK:         call preserve_mostcc void @__ffipin_store(ptr [[DST]], i64
// CHECK:         extractelement <4 x ptr> [[VEC]], i64 1
// CHECK:         [[S1:%[0-9]+]] = getelementptr inbounds i8, ptr [[DST]], i64 8
// CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S1]], i64
// CHECK:         extractelement <4 x ptr> [[VEC]], i64 2
// CHECK:         [[S2:%[0-9]+]] = getelementptr inbounds i8, ptr [[DST]], i64 16
// CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S2]], i64
// CHECK:         extractelement <4 x ptr> [[VEC]], i64 3
// CHECK:         [[S3:%[0-9]+]] = getelementptr inbounds i8, ptr [[DST]], i64 24
// CHECK-NEXT:    call preserve_mostcc void @__ffipin_store(ptr [[S3]], i64
