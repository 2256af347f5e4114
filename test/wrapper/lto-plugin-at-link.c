// RUN: %clang -flto=thin -c %s -o %t.o
// RUN: %clang_ffipin -flto=thin -fuse-ld=lld -### %t.o -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LLD -DPLUGIN=%ffipin_plugin
// RUN: %clang_ffipin -flto -fuse-ld=lld -### %t.o -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LLD -DPLUGIN=%ffipin_plugin
// RUN: %clang_ffipin -flto=thin -### %t.o -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GNU --implicit-check-not=load-pass-plugin
// RUN: %clang_ffipin -fuse-ld=lld -### %t.o -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NO-LTO --implicit-check-not=load-pass-plugin

// Intent: an LTO link through lld also loads the pass plugin into the
// linker, where LTO generates the code. LLVM 19's LLVMgold.so (GNU ld,
// gold) cannot load pass plugins, so there the pass runs in the compile
// step's pre-link pipeline only, and a link without -flto loads nothing.

// LLD: "{{[^"]*}}ld.lld"
// LLD-SAME: "--whole-archive"
// LLD-SAME: "--load-pass-plugin=[[PLUGIN]]"
// GNU: "{{[^"]*}}/ld"
// GNU-SAME: "--whole-archive"
// NO-LTO: "{{[^"]*}}ld.lld"
// NO-LTO-SAME: "--whole-archive"

int main(void) { return 0; }
