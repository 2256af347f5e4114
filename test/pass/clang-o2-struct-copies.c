// RUN: %clang -O2 -fpass-plugin=%ffipin_plugin -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s
// Intent: the shapes clang-19 -O2 gives struct copies are all covered: a
// one-pointer struct is copied as i64, a two-pointer struct as a memcpy that
// codegen expands later, and a loop over one-pointer structs as <2 x i64>.

struct one { void *p; };
struct two { void *a, *b; };

void copy_one(struct one *d, struct one *s) { *d = *s; }
// CHECK-LABEL: define {{.*}}void @copy_one(
// CHECK:         [[V:%[0-9]+]] = load i64, ptr %1, align 8
// CHECK-NEXT:    store i64 [[V]], ptr %0, align 8
// CHECK:         call preserve_mostcc void @__ffipin_store_int_copy(ptr %0, i64 [[V]])

void copy_two(struct two *d, struct two *s) { *d = *s; }
// CHECK-LABEL: define {{.*}}void @copy_two(
// CHECK:         call void @llvm.memcpy.p0.p0.i64(ptr {{.*}} %0, ptr {{.*}} %1, i64 16, i1 false)
// CHECK:         call preserve_mostcc void @__ffipin_memcpy(ptr %0, ptr %1, i64 16)

void copy_ones(struct one *d, struct one *s, int n) {
  for (int i = 0; i < n; i++)
    d[i] = s[i];
}
// CHECK-LABEL: define {{.*}}void @copy_ones(
// CHECK:         store <2 x i64> [[VEC:%[0-9]+]], ptr [[DST:%[0-9]+]], align 8
// CHECK:         [[LANE0:%[0-9]+]] = extractelement <2 x i64> [[VEC]], i64 0
// CHECK:         call preserve_mostcc void @__ffipin_store_int_copy(ptr [[DST]], i64 [[LANE0]])
// CHECK:         [[LANE1:%[0-9]+]] = extractelement <2 x i64> [[VEC]], i64 1
// CHECK:         [[SLOT1:%[0-9]+]] = getelementptr inbounds i8, ptr [[DST]], i64 8
// CHECK-NEXT:    call preserve_mostcc void @__ffipin_store_int_copy(ptr [[SLOT1]], i64 [[LANE1]])
