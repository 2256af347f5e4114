/* Each entry names the function that makes the stale copy (the store's
 * innermost frame, for a library rebuilt with the pass by ffipin-deps; for
 * scan mode, the function that allocated the block) and says why the copy
 * is never used after the lend ends. */
#include "diag/ffipin_suppress_builtin.h"

#include "base/ffipin_format.h"
#include "base/ffipin_sys.h"

static const ffipin_builtin_suppression_t kBuiltin[] = {
    {"borrow-escaped:ZSTD_window_update",
     "zstd (compression): a reused ZSTD_CCtx keeps window pointers into the last input buffer "
     "(ZSTD_window_update, zstd_compress_internal.h); the next frame resets the window "
     "(ZSTD_window_clear / ZSTD_window_init) before it reads through them"},
    {"borrow-escaped:ZSTD_initStats_ultra",
     "zstd (compression, btultra2): the first block's statistics pass moves ms->window.base back "
     "over the input (ZSTD_initStats_ultra, zstd_opt.c); one of the window pointers the next "
     "frame resets (ZSTD_window_clear / ZSTD_window_init) before it reads through them"},
    {"borrow-escaped:ZSTD_checkContinuity",
     "zstd (decompression): a reused ZSTD_DCtx keeps dctx->prefixStart and previousDstEnd "
     "pointing into the last output buffer (ZSTD_checkContinuity, zstd_decompress_block.c); the "
     "next frame sets both again (ZSTD_decompressBegin) before it reads through them"},
    {"borrow-escaped:ZSTD_decompressContinue",
     "zstd (decompression): dctx->previousDstEnd is left at the end of the last output buffer "
     "(ZSTD_decompressContinue, zstd_decompress.c); reset by the next frame's "
     "ZSTD_decompressBegin before any read"},
    {"borrow-escaped:ZSTD_decodeLiteralsBlock",
     "zstd (decompression): dctx->litBuffer and litPtr point into the last block's output "
     "buffer when the literals were decoded in place (ZSTD_decodeLiteralsBlock, "
     "zstd_decompress_block.c); every block sets them again (ZSTD_allocateLiteralsBuffer) "
     "before it reads the literals"},
    {"borrow-escaped:ZSTD_createDCtx",
     "zstd (decompression, the system's prebuilt library): scan mode finds the same stale "
     "dctx->previousDstEnd/prefixStart in the block ZSTD_createDCtx allocated (no store stack "
     "names the function there), often only after the Go buffer they point into was collected "
     "and its memory lent again; the next frame sets them (ZSTD_decompressBegin) before any "
     "read"},
    {"pin-outlived:BrotliDecoderDecompressStream",
     "brotli (decompression): a call on a finished stream stores the input pointer in the decoder "
     "(s->br.next_in, c/dec/decode.c) and returns without consuming it; every later call sets "
     "br.next_in again before reading it and no other function reads it (found by the Python "
     "binding's own suite, test/bench/python-suites)"},
};

const ffipin_builtin_suppression_t *ffipin_suppress_builtin(size_t *n) {
  *n = sizeof(kBuiltin) / sizeof(kBuiltin[0]);
  return kBuiltin;
}

void ffipin_suppress_builtin_print_help(void) {
  char storage[1024];
  ffipin_buf_t b;
  ffipin_buf_init(&b, storage, sizeof(storage));
  ffipin_buf_printf(&b, "Built-in suppressions (builtin_suppressions=0 turns them off):\n");
  ffipin_write_all(2, b.data, b.len);
  for (size_t i = 0; i < sizeof(kBuiltin) / sizeof(kBuiltin[0]); i++) {
    ffipin_buf_init(&b, storage, sizeof(storage));
    ffipin_buf_printf(&b, "\t%s\n\t\t- %s\n", kBuiltin[i].rule, kBuiltin[i].reason);
    ffipin_write_all(2, b.data, b.len);
  }
}
