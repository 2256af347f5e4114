/* An AFL++ target (stdin input): it keeps its pinned input buffer past the
 * unpin when the input starts with 'X', a pin-outlived report. */
#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
const char *g_kept;
__attribute__((noinline)) void keep(const char *p) { g_kept = p; }
int main(void) {
  char *buf = calloc(1, 64);
  ssize_t n = read(0, buf, 63);
  __ffipin_pin(buf, 64);
  if (n > 0 && buf[0] == 'X') keep(buf);
  __ffipin_unpin(buf);
  int kept = g_kept != NULL;
  g_kept = NULL;
  free(buf);
  return kept - kept;
}
