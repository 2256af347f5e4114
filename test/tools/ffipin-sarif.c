// RUN: %clang_ffipin -O0 %s -o %t
// RUN: rm -rf %t.logs && mkdir %t.logs
// RUN: %env_ffipin_opts=halt_on_error=0:log_path=%t.logs/report %run %t
// RUN: %env_ffipin_opts=halt_on_error=0:log_path=%t.logs/report %run %t
// RUN: %env_ffipin_opts=halt_on_error=0:report_format=json %run %t 2> %t.json
// RUN: %python %ffipin_src_root/bin/ffipin-sarif --source-root %S -o %t.sarif %t.logs
// RUN: %python %S/Inputs/print_sarif.py %t.sarif | FileCheck %s
// RUN: %python %ffipin_src_root/bin/ffipin-sarif %t.json | %python %S/Inputs/print_sarif.py - | FileCheck %s --check-prefix=JSON
// RUN: not %python %ffipin_src_root/bin/ffipin-sarif --fail-on-results -o /dev/null %t.logs
// REQUIRES: python3

// Intent: ffipin-sarif turns a log_path directory of text reports (two runs
// of a program with two bugs), or a log of JSON reports, into one SARIF
// 2.1.0 file: one result per distinct bug with the store site as its
// physical location (relative to --source-root), every stack, and how often
// it was seen.

#include "../runtime/Inputs/foreign_heap.h"

void *g_kept;
void *g_other;

__attribute__((noinline)) void keep(void *p) { g_kept = p; }

int main(void) {
  char *heap = new_heap();
  char *a = heap_obj(heap, 1), *b = heap_obj(heap, 2);
  __ffipin_pin(a, OBJ_SIZE);
  keep(a);
  __ffipin_unpin(a);
  g_other = b;
  return g_kept == g_other;
}

// CHECK: version=2.1.0 runs=1 tool=FFIPinSanitizer rules=8
// CHECK-NEXT: result rule=pin-outlived level=error count=2 at=ffipin-sarif.c:23:{{[0-9]+}} base=SRCROOT
// CHECK-NEXT: stack STORE of foreign pointer by thread T0: keep main
// CHECK-NEXT: stack pinned by thread T0: main
// CHECK-NEXT: stack unpinned by thread T0: main
// CHECK-NEXT: result rule=unpinned-store level=error count=2 at=ffipin-sarif.c:31:{{[0-9]+}} base=SRCROOT
// CHECK-NEXT: stack STORE of foreign pointer by thread T0: main
// CHECK-NEXT: results=2

// JSON: result rule=pin-outlived level=error count=1 at=file://{{.*}}ffipin-sarif.c:23:{{[0-9]+}} base=None
// JSON: result rule=unpinned-store level=error count=1
// JSON: results=2
