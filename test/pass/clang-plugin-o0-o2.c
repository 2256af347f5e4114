// RUN: %clang -O0 -fpass-plugin=%ffipin_plugin -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O0
// RUN: %clang -O2 -fpass-plugin=%ffipin_plugin -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O2
// Intent: clang -fpass-plugin runs the pass at OptimizerLast at -O0 (optnone
// functions included) and at -O2; at -O0 the spills of arguments into
// non-escaping allocas are not checked, the store into the global is.

void *global_slot;

void stash(void *p) { global_slot = p; }
// CHECK-LABEL: define {{.*}}void @stash(
// O0:          store ptr %0, ptr [[ARG:%[0-9]+]], align 8
// O0-NEXT:     [[P:%[0-9]+]] = load ptr, ptr [[ARG]], align 8
// O0-NEXT:     store ptr [[P]], ptr @global_slot, align 8
// O2:          store ptr %0, ptr @global_slot, align 8
// CHECK-NEXT:  ptrtoint ptr {{.*}}, !nosanitize
// CHECK-NEXT:  load atomic i64, {{.*}}@__ffipin_foreign_bounds, {{.*}} unordered, align 8, !nosanitize
// CHECK:       call preserve_mostcc void @__ffipin_store(ptr @global_slot, i64

// CHECK: declare preserve_mostcc void @__ffipin_store(ptr, i64)
// CHECK: !"ffipin.instrumented"
