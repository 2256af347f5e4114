// REQUIRES: asan-rt
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -O0 %s -o %t.O0 && %run %t.O0 2>&1 | FileCheck %s
// RUN: %ffipin_cc -fsanitize=address,ffi-pin -O2 %s -o %t.O2 && %run %t.O2 2>&1 | FileCheck %s
// RUN: env ASAN_OPTIONS=detect_stack_use_after_return=1 %run %t.O2 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,FAKE

// Intent: a local whose address escapes lives, under ASan's
// stack-use-after-return detection (on by default since LLVM 15), in
// ASan's fake stack, not in the thread's stack: it is still the storing
// thread's own frame, so the unpin reports nothing, as without ASan
// (no-report-stack-slot.c).

#include <sanitizer/asan_interface.h>

#include "Inputs/foreign_heap.h"

__attribute__((noinline)) void out_param(void **out, void *p) { *out = p; }

__attribute__((noinline)) int hold_in_local(char *obj) {
  void *local = NULL;
  out_param(&local, obj);
  void *fake = __asan_get_current_fake_stack();
  fprintf(stderr, "local in fake stack: %d\n",
          fake && __asan_addr_is_in_fake_stack(fake, &local, NULL, NULL) != NULL);
  __ffipin_unpin(obj);
  return local == obj;
}

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  fprintf(stderr, "start\n");
  __ffipin_pin(obj, OBJ_SIZE);
  fprintf(stderr, "local was set: %d\n", hold_in_local(obj));
  return 0;
}

// CHECK: {{^start$}}
// CHECK-NOT: FFIPinSanitizer
// FAKE: local in fake stack: 1
// CHECK: local was set: 1
