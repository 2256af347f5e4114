/* A program that keeps a pinned object past its unpin: built with the
 * installed package's flags and plain clang, it must report pin-outlived
 * (the pass instrumented the store, the runtime is linked and its
 * interceptors wrapped). */
#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

void *g_slot;

int main(void) {
  char *obj = malloc(32);
  __ffipin_pin(obj, 32);
  g_slot = obj;
  __ffipin_unpin(obj);
  free(g_slot);
  return 0;
}
