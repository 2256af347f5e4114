/* Misuse of the interface that is not about a lend (invalid-call). */
#include "checks/ffipin_check_misuse.h"

#include <stdarg.h>

#include "diag/ffipin_report.h"

#include "checks/ffipin_event_stack.h"

#include "base/ffipin_format.h"

void ffipin_check_invalid_call(ffipin_thread_t *t, uintptr_t addr, const char *msg, uintptr_t pc,
                               uintptr_t bp) {
  ffipin_report_t r = {
      .kind = FFIPIN_BUG_INVALID_CALL,
      .range_begin = addr,
      .message = msg,
      .stacks = {{"called", ffipin_event_stack(pc, bp), t->tid}},
  };
  ffipin_report_error(&r);
}

void ffipin_check_invalid_callf(ffipin_thread_t *t, uintptr_t addr, uintptr_t pc, uintptr_t bp,
                                const char *fmt, ...) {
  char text[320];
  ffipin_buf_t b;
  ffipin_buf_init(&b, text, sizeof(text));
  va_list ap;
  va_start(ap, fmt);
  ffipin_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  ffipin_check_invalid_call(t, addr, text, pc, bp);
}

bool ffipin_check_range_wraps(ffipin_thread_t *t, const char *what, uintptr_t base, uintptr_t size,
                              uintptr_t pc, uintptr_t bp) {
  if (size <= UINTPTR_MAX - base) return false;
  ffipin_check_invalid_callf(t, base, pc, bp,
                             "%s of 0x%lx with size %lu: the range wraps past the end of the "
                             "address space",
                             what, base, size);
  return true;
}
