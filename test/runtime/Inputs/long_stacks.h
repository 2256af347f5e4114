/* A report too long for the runtime's 64 KiB report buffer: every frame of
 * all three stacks (64 deep) is a function whose name is 4096 bytes long. */
#ifndef FFIPIN_TEST_LONG_STACKS_H
#define FFIPIN_TEST_LONG_STACKS_H

#include "foreign_heap.h"

#define CAT(a, b) a##b
#define X2(a) CAT(a, a)
#define X1024(a) X2(X2(X2(X2(X2(X2(X2(X2(X2(X2(a))))))))))
#define LONG_NAME X1024(deep)

void *g_slot;
int g_sink;

__attribute__((noinline)) void LONG_NAME(char *obj, int depth) {
  if (depth > 0) {
    LONG_NAME(obj, depth - 1);
    g_sink += depth; /* no tail call: every level keeps its frame */
    return;
  }
  __ffipin_pin(obj, OBJ_SIZE);
  g_slot = obj;
  __ffipin_unpin(obj);
}

#endif
