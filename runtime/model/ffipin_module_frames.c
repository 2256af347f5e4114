/* The judgment of model/ffipin_module_frames.h, kept per module id. */
#include "model/ffipin_module_frames.h"

#include <stdatomic.h>

#include "base/ffipin_sys.h"
#include "diag/ffipin_log.h"
#include "model/ffipin_modules.h"

enum {
  NOT_JUDGED = 0,
  KEEPS_OR_UNKNOWN = 1,
  OMITS = 2,
  SAMPLES = 16,
  /* .eh_frame_hdr's encodings (DW_EH_PE_*), as GNU ld, gold and lld write
   * them: the count as udata4, the table as pairs of datarel sdata4. */
  PE_UDATA4 = 0x03,
  PE_SDATA4 = 0x0b,
  PE_UDATA8 = 0x04,
  PE_SDATA8 = 0x0c,
  PE_DATAREL_SDATA4 = 0x3b,
};

static _Atomic unsigned char judged[FFIPIN_MAX_MODULES]; /* by id - 1 */

/* Whether the code at fn begins by setting up a frame pointer. */
static bool sets_up_frame(uintptr_t fn, bool *readable) {
  unsigned char c[8];
  *readable = ffipin_safe_read(fn, c, sizeof(c));
  if (!*readable) return false;
  const unsigned char *p = c;
  if (p[0] == 0xf3 && p[1] == 0x0f && p[2] == 0x1e && p[3] == 0xfa) p += 4; /* endbr64 */
  /* push %rbp, then mov %rsp,%rbp in either of its two encodings */
  return p[0] == 0x55 && p[1] == 0x48 &&
         ((p[2] == 0x89 && p[3] == 0xe5) || (p[2] == 0x8b && p[3] == 0xec));
}

static unsigned judge(const ffipin_module_t *m) {
  unsigned char h[4];
  uintptr_t hdr = m->eh_frame_hdr;
  if (!hdr || !ffipin_safe_read(hdr, h, sizeof(h)) || h[0] != 1 || h[2] != PE_UDATA4 ||
      h[3] != PE_DATAREL_SDATA4)
    return KEEPS_OR_UNKNOWN;
  unsigned low = h[1] & 0x0f;
  size_t ptr_size = low == PE_SDATA4 || low == PE_UDATA4   ? 4
                    : low == PE_SDATA8 || low == PE_UDATA8 ? 8
                                                           : 0;
  uint32_t count;
  if (!ptr_size || !ffipin_safe_read(hdr + 4 + ptr_size, &count, sizeof(count)) || count == 0)
    return KEEPS_OR_UNKNOWN;
  uintptr_t table = hdr + 4 + ptr_size + 4;
  unsigned n = count < SAMPLES ? count : SAMPLES, read = 0, framed = 0;
  for (unsigned i = 0; i < n; i++) {
    /* The middle of each of n equal parts of the table (sorted by address). */
    uint64_t k = ((uint64_t)2 * i + 1) * count / (2 * n);
    int32_t start;
    bool readable;
    if (!ffipin_safe_read(table + k * 8, &start, sizeof(start))) continue;
    bool yes = sets_up_frame(hdr + (uintptr_t)(intptr_t)start, &readable);
    read += readable;
    framed += yes;
  }
  if (read * 2 < n) return KEEPS_OR_UNKNOWN;
  bool omits = framed * 2 < read;
  ffipin_verbose(1, "%s: %u of %u functions sampled set up a frame pointer: %s", m->name, framed,
                 read, omits ? "rbp is never taken for a frame there" : "frame chains followed");
  return omits ? OMITS : KEEPS_OR_UNKNOWN;
}

bool ffipin_module_omits_frames(unsigned id) {
  const ffipin_module_t *m = ffipin_modules_get(id);
  if (!m) return false;
  unsigned v = atomic_load_explicit(&judged[id - 1], memory_order_relaxed);
  if (v == NOT_JUDGED) {
    /* Two threads may judge at once: they find the same. */
    v = judge(m);
    atomic_store_explicit(&judged[id - 1], (unsigned char)v, memory_order_relaxed);
  }
  return v == OMITS;
}
