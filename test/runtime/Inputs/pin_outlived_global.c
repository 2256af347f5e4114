/* The smallest program with one report: a pointer into a pinned object is
 * kept in a global across its unpin (pin-outlived). Tests of how a report
 * is made, delivered or halted on (options, symbolizer, co-linked
 * sanitizers) compile this instead of each carrying its own copy. */
#include "foreign_heap.h"

void *g_slot;

int main(void) {
  char *obj = heap_obj(new_heap(), 1);
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
  return 0;
}
