// RUN: split-file %s %t
// RUN: %clang_ffipin -O1 -fPIC -shared %t/ext.c -o %t/ext.so
// RUN: %clang -O1 %t/host.c -ldl -o %t/host
// RUN: env LD_PRELOAD=%ffipin_rt_shared not %run %t/host %t/ext.so keep 2>&1 | FileCheck %s
// RUN: env LD_PRELOAD=%ffipin_rt_shared %env_ffipin_opts=halt_on_error=0 %run %t/host %t/ext.so free 2>&1 | FileCheck %s --check-prefix=FREED

// Intent: the preloadable runtime, as for a stock python3: a host built
// without the sanitizer dlopens an instrumented extension; the LD_PRELOADed
// libclang_rt.ffipin .so reports its pin-outlived, and its free interceptor
// (found by symbol interposition, not --wrap) forgets a freed slot.

//--- ext.c
#include <sanitizer/ffipin_interface.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
struct holder { void *kept; };
struct holder *g_holder; /* the extension's state */
static struct holder *keep(void *p) {
  struct holder *h = malloc(sizeof *h);
  h->kept = p;
  return h;
}
int run(const char *mode) {
  char *heap = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  __ffipin_heap_register(heap, 1 << 16, "py");
  __ffipin_pin(heap + 64, 32); /* as PyObject_GetBuffer's binding would */
  struct holder *h = g_holder = keep(heap + 64);
  if (!strcmp(mode, "free")) { free(h); g_holder = NULL; }
  __ffipin_unpin(heap + 64); /* PyBuffer_Release */
  return 0;
}

//--- host.c
#include <dlfcn.h>
#include <stdio.h>
int main(int argc, char **argv) {
  void *ext = dlopen(argv[1], RTLD_NOW);
  if (!ext) { fprintf(stderr, "dlopen: %s\n", dlerror()); return 2; }
  int (*run)(const char *) = (int (*)(const char *))dlsym(ext, "run");
  run(argv[2]);
  fprintf(stderr, "returned\n");
  return 0;
}

// CHECK: ERROR: FFIPinSanitizer: pin-outlived on address {{0x[0-9a-f]+}} (holds {{0x[0-9a-f]+}})
// CHECK: STORE of foreign pointer by thread T0:
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in keep .*ext.c:9}}
// CHECK: SUMMARY: FFIPinSanitizer: pin-outlived {{.*}}ext.c:9:{{[0-9]+}} in keep

// FREED-NOT: FFIPinSanitizer
// FREED: {{^returned$}}
