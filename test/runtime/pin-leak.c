// RUN: %clang_ffipin -O0 %s -o %t
// RUN: %env_ffipin_opts=detect_pin_leaks=1 not %run %t 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=detect_pin_leaks=1:exitcode=7 sh -c '%run %t; echo "exit code $?"' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=EXIT

// Intent: with detect_pin_leaks=1, every pin never released is reported at
// exit with its pin stack and count (all of them, then the process exits
// with the exitcode option); a released pin is not reported.

#include "Inputs/foreign_heap.h"

int main(void) {
  char *heap = new_heap();
  char *a = heap_obj(heap, 1), *b = heap_obj(heap, 2), *c = heap_obj(heap, 3);
  fprintf(stderr, "a=%p b=%p\n", (void *)a, (void *)b);
  __ffipin_pin(a, OBJ_SIZE);
  for (int i = 0; i < 2; i++)
    __ffipin_pin(b, OBJ_SIZE);
  __ffipin_pin(c, OBJ_SIZE);
  __ffipin_unpin(c);
  fprintf(stderr, "main returns\n");
  return 0;
}

// CHECK: a=0x[[#%x,A:]] b=0x[[#%x,B:]]
// CHECK: main returns
// CHECK-DAG: ERROR: FFIPinSanitizer: pin-leak on address 0x[[#%x,A]]{{$}}
// CHECK-DAG: {{^}}{{\[}}0x[[#%x,A]],0x[[#%x,A+32]]) (32 bytes) is still pinned at exit (count 1){{$}}
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in main .*pin-leak.c:}}[[@LINE-13]]:{{[0-9]+$}}
// CHECK-DAG: ERROR: FFIPinSanitizer: pin-leak on address 0x[[#%x,B]]{{$}}
// CHECK-DAG: {{^}}{{\[}}0x[[#%x,B]],0x[[#%x,B+32]]) (32 bytes) is still pinned at exit (count 2){{$}}
// CHECK-DAG: {{^    #0 0x[0-9a-f]+ in main .*pin-leak.c:}}[[@LINE-14]]:{{[0-9]+$}}

// EXIT: main returns
// EXIT: pin-leak on address
// EXIT: pin-leak on address
// EXIT-NOT: pin-leak on address
// EXIT: exit code 7
