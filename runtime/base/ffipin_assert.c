#include "base/ffipin_assert.h"

#include "base/ffipin_message.h"

/* The path from the project's top: "runtime/model/ffipin_held.c", whatever
 * directory the build ran in. */
static const char *project_path(const char *file) {
  static const char *const tops[] = {"/runtime/", "/bindings/"};
  const char *best = file;
  for (const char *p = file; *p; p++)
    for (unsigned i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
      const char *a = p, *b = tops[i];
      while (*b && *a == *b) a++, b++;
      if (!*b) best = p + 1;
    }
  return best;
}

void ffipin_check_failed(const char *file, int line, const char *cond) {
  ffipin_fatal("internal check failed at %s:%d: %s", project_path(file), line, cond);
}
