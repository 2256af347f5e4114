#include "diag/ffipin_bug_kinds.h"

#include "base/ffipin_format.h"
#include "base/ffipin_sys.h"

static const char *const NAMES[] = {
#define FFIPIN_BUG_KIND(Enum, Name, Meaning) Name,
#include "diag/ffipin_bug_kinds.inc"
};

static const char *const MEANINGS[] = {
#define FFIPIN_BUG_KIND(Enum, Name, Meaning) Meaning,
#include "diag/ffipin_bug_kinds.inc"
};

const char *ffipin_bug_name(ffipin_bug_kind_t k) {
  return (unsigned)k < FFIPIN_BUG_COUNT ? NAMES[k] : "unknown-bug";
}

bool ffipin_bug_parse(const char *name, size_t len, ffipin_bug_kind_t *out) {
  for (int k = 0; k < FFIPIN_BUG_COUNT; k++) {
    const char *n = NAMES[k];
    size_t i = 0;
    while (i < len && n[i] == name[i]) i++;
    if (i == len && n[i] == '\0') {
      *out = (ffipin_bug_kind_t)k;
      return true;
    }
  }
  return false;
}

void ffipin_bug_kinds_print_help(void) {
  char storage[1024];
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage));
  ffipin_buf_printf(&b, "Bug types (the word after 'FFIPinSanitizer:', and the first field of a "
                        "suppression):\n");
  ffipin_write_all(2, b.data, b.len);
  for (int k = 0; k < FFIPIN_BUG_COUNT; k++) {
    ffipin_buf_init(&b, storage, sizeof(storage));
    ffipin_buf_printf(&b, "\t%s\n\t\t- %s\n", NAMES[k], MEANINGS[k]);
    ffipin_write_all(2, b.data, b.len);
  }
}
