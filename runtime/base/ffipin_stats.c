/* print_stats=1: the counters at exit. */
#include "base/ffipin_stats.h"

#include "base/ffipin_format.h"
#include "base/ffipin_sys.h"

ffipin_stats_t ffipin_stats;

void ffipin_stats_print(void) {
  char storage[512];
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage));
  ffipin_buf_printf(&b, "FFIPinSanitizer stats:");
#define FFIPIN_STAT(Name, Meaning)                                                                 \
  ffipin_buf_printf(&b, " " #Name "=%lu", atomic_load(&ffipin_stats.Name));
#include "ffipin_stats.inc"
  ffipin_buf_printf(&b, "\n");
  ffipin_write_all(2, b.data, b.len);
}
