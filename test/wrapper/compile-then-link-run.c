// RUN: %clang_ffipin -O1 -c %s -o %t.o
// RUN: %clang_ffipin -O1 %t.o -o %t
// RUN: %run %t | FileCheck %s
// RUN: llvm-nm %t | FileCheck %s --check-prefix=SYMS

// Intent: compile and link as separate steps, as make does: the program
// links with the runtime (its interceptors present) and runs normally.

// CHECK: sum=6
// SYMS: {{[Tt]}} __wrap_free

#include <stdio.h>
#include <stdlib.h>

struct node { int value; struct node *next; };

int main(void) {
  struct node *list = NULL;
  for (int i = 1; i <= 3; i++) {
    struct node *n = malloc(sizeof *n);
    n->value = i;
    n->next = list;
    list = n;
  }
  int sum = 0;
  while (list) {
    struct node *next = list->next;
    sum += list->value;
    free(list);
    list = next;
  }
  printf("sum=%d\n", sum);
  return 0;
}
