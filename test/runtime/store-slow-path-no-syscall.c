// RUN: %clang_ffipin -O2 %s -o %t
// RUN: strace -f -qq -e trace=process_vm_readv,getpid,write -o %t.strace %run %t | FileCheck %s
// RUN: %python %S/Inputs/syscalls_before_write.py %t.strace 20
// REQUIRES: strace

// Intent: in a C program a tracked store (the slow path: the slot and its
// store stack recorded) makes no system call (counted up to the program's
// first write, after the stores; the unpin re-reads each held slot safely,
// by design, after it). The Go binding's stack
// switch, installed in every program, tested each stack's last frame as
// asmcgocall's with a safe read (process_vm_readv and getpid): 1.1 us a
// store instead of tens of ns. Now it is installed only with a Go runtime.

#include "Inputs/foreign_heap.h"

#define SLOTS 1000
void *g_slots[SLOTS];

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  for (int i = 0; i < SLOTS; i++) g_slots[i] = obj + (i % OBJ_SIZE);
  printf("stores made\n");
  fflush(stdout);
  printf("held %zu\n", __ffipin_held_count(obj, OBJ_SIZE));
  for (int i = 0; i < SLOTS; i++) g_slots[i] = 0;
  __ffipin_unpin(obj);
  return 0;
}

// CHECK: {{^}}stores made{{$}}
// CHECK-NEXT: held 1000
