// RUN: %clangxx_ffipin -### -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CC1 -DPLUGIN=%ffipin_plugin
// RUN: %clangxx_ffipin -O1 -c %s -o %t.o
// RUN: %clangxx_ffipin -### %t.o -o %t 2>&1 | FileCheck %s --check-prefix=LD -DRT=%ffipin_rt_static
// RUN: %clangxx_ffipin -O1 %t.o -o %t
// RUN: %run %t | FileCheck %s

// Intent: ffipin-c++ drives clang++: C++ sources compile with the plugin,
// and the link gets the C++ standard library as well as our runtime.

// CC1: "-cc1"
// CC1-SAME: "-fpass-plugin=[[PLUGIN]]"
// CC1-SAME: "-x" "c++"
// LD: "--whole-archive" "[[RT]]" "--no-whole-archive"
// LD-SAME: "-lstdc++"
// CHECK: vector holds 3

#include <cstdio>
#include <memory>
#include <vector>

int main() {
  std::vector<std::unique_ptr<int>> v;
  for (int i = 0; i < 3; i++)
    v.push_back(std::make_unique<int>(i));
  std::printf("vector holds %zu\n", v.size());
  return 0;
}
