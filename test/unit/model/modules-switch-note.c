// RUN: %clang_unit %s %ffipin_rt_link -ldl -o %t && %run %t | FileCheck %s

// Intent: a module is marked as one whose code switches stacks when its
// notes hold the note a binding named (the Go binding names Go's build-id
// note: owner "Go", type 4, a name of 4 bytes as cmd/link writes it), found
// after the other notes of its segment (the GNU ABI tag and build id
// here): this program carries one, libc does not. Allocation stacks taken
// for a module not marked ask no stack switch at the hook's own frame.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

#include "model/ffipin_modules.h"

/* As cmd/link lays it out: name "Go\0\0", a 4-byte-padded description. */
__attribute__((section(".note.go.buildid"), used, aligned(4))) static const struct {
  uint32_t namesz, descsz, type;
  char name[4];
  char desc[8];
} go_note = {4, 7, 4, "Go", "abc/def"};

int main(void) {
  ffipin_modules_set_switch_note("Go", 4);
  ffipin_modules_refresh();
  uintptr_t here = (uintptr_t)&main, libc = (uintptr_t)dlsym(RTLD_DEFAULT, "getpid");
  const ffipin_module_t *self = ffipin_modules_get(ffipin_modules_find(here));
  const ffipin_module_t *c = ffipin_modules_get(ffipin_modules_find(libc));
  printf("found %d %d\n", self != NULL, c != NULL);
  // CHECK: found 1 1
  printf("switches stacks: program %d libc %d\n", self->switches_stacks, c->switches_stacks);
  // CHECK-NEXT: switches stacks: program 1 libc 0
  return 0;
}
