// RUN: %clang_ffipin -O0 %s -o %t && %run %t 2>&1 | FileCheck %s

// Intent: after fork the child inherits pins and held slots: the child's
// unpin reports with the child's pid; the parent, which clears its slot
// before its own unpin, reports nothing and sees the child exit 1.

#include <sys/wait.h>
#include <unistd.h>
#include "Inputs/foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  fprintf(stderr, "parent pid=%d slot=%p\n", (int)getpid(), (void *)&g_slot);
  pid_t child = fork();
  if (child == 0) {
    fprintf(stderr, "child pid=%d\n", (int)getpid());
    __ffipin_unpin(obj);
    fprintf(stderr, "child not reached\n");
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  fprintf(stderr, "parent: child exited with status %d\n",
          WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  g_slot = NULL;
  __ffipin_unpin(obj);
  fprintf(stderr, "parent done\n");
  return 0;
}

// CHECK: parent pid={{[0-9]+}} slot=[[SLOT:0x[0-9a-f]+]]
// CHECK: child pid=[[CPID:[0-9]+]]
// CHECK-NEXT: =================================================================
// CHECK-NEXT: {{^}}==[[CPID]]==ERROR: FFIPinSanitizer: pin-outlived on address [[SLOT]] (holds
// CHECK: {{^}}==[[CPID]]==ABORTING
// CHECK-NEXT: parent: child exited with status 1
// CHECK-NOT: FFIPinSanitizer
// CHECK: parent done
