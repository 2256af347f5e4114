/* Symbolization of code addresses, as the sanitizers do it: llvm-symbolizer
 * run as a child process (found through external_symbolizer_path, $PATH, or
 * the LLVM the runtime was built with), with dladdr/module+offset as the
 * fallback when it is missing or symbolize=0. */
#ifndef FFIPIN_SYMBOLIZE_H
#define FFIPIN_SYMBOLIZE_H

#include "base/ffipin_common.h"

typedef struct {
  uintptr_t pc;            /* the address as captured (a return address) */
  const char *function;    /* NULL if unknown */
  const char *file;        /* NULL if unknown; strip_path_prefix applied */
  int line, column;        /* 0 if unknown */
  const char *module;      /* path of the containing object, NULL if unknown */
  uintptr_t module_offset; /* of pc - 1, the call that was symbolized */
} ffipin_frame_t;

/* Symbolizes pc (a return address: looks up pc-1 as the call site). Fills
 * out[0..n) innermost inlined frame first and returns n >= 1 (0 only when
 * max_frames < 1). Strings point into strbuf. With symbolize=0 only
 * module and module_offset are filled; without a working symbolizer,
 * function comes from dladdr (exported symbols only) and file stays NULL.
 * Only called with the report lock held. */
int ffipin_symbolize_pc(uintptr_t pc, ffipin_frame_t *out, int max_frames, char *strbuf,
                        size_t strbuf_size) FFIPIN_INTERNAL;

/* The loaded object (executable or shared library) containing addr: its
 * path (the executable's from /proc/self/exe; static storage) and load
 * base. False if no object contains addr. */
bool ffipin_find_module(uintptr_t addr, const char **path, uintptr_t *base) FFIPIN_INTERNAL;

/* The global variable containing addr, from the symbolizer's DATA query
 * (which sees the full symbol table; dladdr sees only exported symbols).
 * Fills name and module (cut to their sizes), *start and *size. False when
 * unknown, symbolize=0 or no symbolizer. Only called with the report lock
 * held. */
bool ffipin_symbolize_data(uintptr_t addr, char *name, size_t name_size, char *module,
                           size_t module_size, uintptr_t *start, uintptr_t *size) FFIPIN_INTERNAL;

#endif
