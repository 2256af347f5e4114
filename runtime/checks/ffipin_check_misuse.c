/* Misuse of the interface that is not about a lend (invalid-call). */
#include "checks/ffipin_check_misuse.h"

#include "diag/ffipin_report.h"

void ffipin_check_invalid_call(ffipin_thread_t *t, uintptr_t addr, const char *msg, uintptr_t pc,
                               uintptr_t bp) {
  ffipin_report_t r = {
      .kind = FFIPIN_BUG_INVALID_CALL,
      .range_begin = addr,
      .message = msg,
      .stacks = {{"called", ffipin_stack_capture(pc, bp), t->tid}},
  };
  ffipin_report_error(&r);
}
