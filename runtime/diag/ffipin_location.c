/* Where does an address live? Tried in this order, first answer wins:
 *   a global variable (dladdr1's dynamic symbols, then the symbolizer's full
 *   symbol table), a heap block (ASan/LSan's allocator API if present, else
 *   a walk of glibc's main-arena chunks in [heap], or a glibc mmapped chunk),
 *   this thread's TLS block, a thread stack, and finally the plain mapping.
 * Memory is only read with ffipin_safe_read*: the heap may change under us
 * (we hold no allocator lock), so every chunk header is checked for sanity
 * and the walk gives up rather than guess. */
#include "diag/ffipin_location.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_symbolize.h"

/* Provided by ASan and LSan; absent otherwise. */
extern const void *__sanitizer_get_allocated_begin(const void *p) __attribute__((weak));
extern size_t __sanitizer_get_allocated_size(const void *p) __attribute__((weak));

static void heap_sentence(ffipin_buf_t *b, uintptr_t addr, uintptr_t begin, uintptr_t size) {
  ffipin_buf_printf(b,
                    FFIPIN_ADDR " is located %lu bytes inside of a %lu-byte heap "
                                "region [" FFIPIN_ADDR "," FFIPIN_ADDR ")",
                    addr, addr - begin, size, begin, begin + size);
}

// Globals

static bool describe_global(ffipin_buf_t *b, uintptr_t addr) {
  Dl_info info;
  const ElfW(Sym) *sym = NULL;
  if (dladdr1((void *)addr, &info, (void **)&sym, RTLD_DL_SYMENT) && sym && info.dli_sname &&
      ELF64_ST_TYPE(sym->st_info) == STT_OBJECT) {
    uintptr_t start = (uintptr_t)info.dli_saddr;
    if (addr >= start && addr < start + sym->st_size) {
      const char *module = info.dli_fname;
      uintptr_t base;
      ffipin_find_module(addr, &module, &base); /* the executable's real path */
      ffipin_buf_printf(b,
                        FFIPIN_ADDR " is located %lu bytes inside of global variable "
                                    "'%s' defined in '%s' (" FFIPIN_ADDR ") of size %lu",
                        addr, addr - start, info.dli_sname, module ? module : "?", start,
                        (uintptr_t)sym->st_size);
      return true;
    }
  }
  /* Globals of the executable are usually not in the dynamic symbol table. */
  static char name[512], module[512];
  uintptr_t start, size;
  if (ffipin_symbolize_data(addr, name, sizeof(name), module, sizeof(module), &start, &size) &&
      addr >= start && (addr < start + size || (size == 0 && addr == start))) {
    ffipin_buf_printf(b,
                      FFIPIN_ADDR " is located %lu bytes inside of global variable "
                                  "'%s' defined in '%s' (" FFIPIN_ADDR ") of size %lu",
                      addr, addr - start, name, module, start, size);
    return true;
  }
  return false;
}

// Heaps

static bool describe_sanitizer_heap(ffipin_buf_t *b, uintptr_t addr) {
  if (!__sanitizer_get_allocated_begin || !__sanitizer_get_allocated_size) return false;
  const void *begin = __sanitizer_get_allocated_begin((const void *)addr);
  if (!begin) return false;
  heap_sentence(b, addr, (uintptr_t)begin, __sanitizer_get_allocated_size(begin));
  return true;
}

/* glibc's main arena: chunks laid end to end from the start of [heap], each
 * {prev_size, size | flags}, user memory at chunk + 16, usable size
 * (size & ~7) - 8 (the next chunk's prev_size belongs to this one). */
enum { MAX_CHUNKS_WALKED = 1 << 24 };
static ffipin_page_reader_t heap_pages; /* static: reports are composed under one lock */

static bool describe_glibc_heap(ffipin_buf_t *b, uintptr_t addr, uintptr_t lo, uintptr_t hi) {
  ffipin_page_reader_t *w = &heap_pages;
  w->page = 0;
  uintptr_t chunk = (lo + 15) & ~(uintptr_t)15;
  for (int steps = 0; steps < MAX_CHUNKS_WALKED && chunk + 16 <= hi; steps++) {
    uintptr_t word;
    if (!ffipin_page_reader_word(w, chunk + 8, &word)) return false;
    uintptr_t size = word & ~(uintptr_t)7;
    if (word & 2 || size < 32 || size % 16 || size > hi - chunk) return false;
    if (addr < chunk + size + 8) {
      /* A chunk header, or the top chunk (not allocated memory). */
      if (addr < chunk + 16 || chunk + size >= hi) return false;
      heap_sentence(b, addr, chunk + 16, size - 8);
      return true;
    }
    chunk += size;
  }
  return false;
}

/* A large glibc allocation is its own mapping: a chunk header with the
 * IS_MMAPPED bit at the mapping's start, user memory at +16. */
static bool describe_mmapped_chunk(ffipin_buf_t *b, uintptr_t addr, uintptr_t lo, uintptr_t hi) {
  uintptr_t prev, word;
  if (!ffipin_safe_read_word(lo, &prev) || !ffipin_safe_read_word(lo + 8, &word)) return false;
  uintptr_t size = word & ~(uintptr_t)7;
  if (!(word & 2) || prev != 0 || size % 4096 || size == 0 || size > hi - lo) return false;
  if (addr < lo + 16 || addr >= lo + size) return false;
  heap_sentence(b, addr, lo + 16, size - 16);
  return true;
}

// Thread-local storage and stacks

typedef struct {
  uintptr_t addr, begin, size;
  const char *module;
  uintptr_t module_addr; /* an address inside the module, to name the executable */
  bool found;
} tls_query_t;

static int find_tls_cb(struct dl_phdr_info *info, size_t size, void *arg) {
  tls_query_t *q = arg;
  if (!info->dlpi_tls_data) return 0;
  for (int i = 0; i < info->dlpi_phnum; i++)
    if (info->dlpi_phdr[i].p_type == PT_LOAD) {
      q->module_addr = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
      break;
    }
  for (int i = 0; i < info->dlpi_phnum; i++) {
    if (info->dlpi_phdr[i].p_type != PT_TLS) continue;
    uintptr_t begin = (uintptr_t)info->dlpi_tls_data;
    if (q->addr >= begin && q->addr < begin + info->dlpi_phdr[i].p_memsz) {
      q->begin = begin;
      q->size = info->dlpi_phdr[i].p_memsz;
      q->module = info->dlpi_name;
      q->found = true;
      return 1;
    }
  }
  return 0;
}

/* Only the calling thread's blocks: dl_iterate_phdr reports ours. */
static bool describe_tls(ffipin_buf_t *b, uintptr_t addr) {
  tls_query_t q = {addr, 0, 0, NULL, 0, false};
  dl_iterate_phdr(find_tls_cb, &q);
  if (!q.found) return false;
  if (!q.module || !*q.module) { /* the executable */
    uintptr_t base;
    if (!ffipin_find_module(q.module_addr, &q.module, &base)) q.module = NULL;
  }
  ffipin_buf_printf(b,
                    FFIPIN_ADDR " is located %lu bytes inside of the %lu-byte TLS "
                                "block of '%s' of thread T%u",
                    addr, addr - q.begin, q.size, q.module ? q.module : "?",
                    ffipin_thread_current()->tid);
  return true;
}

static bool describe_stack(ffipin_buf_t *b, uintptr_t addr, const char *map_name) {
  uintptr_t lo, hi;
  if (ffipin_thread_stack_bounds(&lo, &hi) && addr >= lo && addr < hi) {
    ffipin_buf_printf(b, FFIPIN_ADDR " is located in the stack of thread T%u", addr,
                      ffipin_thread_current()->tid);
    return true;
  }
  if (ffipin_str_eq(map_name, "[stack]")) { /* the main thread's */
    ffipin_buf_printf(b, FFIPIN_ADDR " is located in the stack of thread T0", addr);
    return true;
  }
  return false;
}

// Entry point

void ffipin_describe_address(ffipin_buf_t *b, uintptr_t addr) {
  if (describe_global(b, addr) || describe_sanitizer_heap(b, addr)) return;
  static char name[1024];
  uintptr_t lo = 0, hi = 0;
  bool mapped = ffipin_find_mapping(addr, &lo, &hi, name, sizeof(name));
  if (!mapped) name[0] = '\0';
  if (mapped && ffipin_str_eq(name, "[heap]") && describe_glibc_heap(b, addr, lo, hi)) return;
  if (describe_tls(b, addr) || describe_stack(b, addr, name)) return;
  if (mapped && !name[0] && describe_mmapped_chunk(b, addr, lo, hi)) return;
  if (!mapped)
    ffipin_buf_printf(b, FFIPIN_ADDR " is not mapped", addr);
  else if (!name[0])
    ffipin_buf_printf(
        b, FFIPIN_ADDR " is located in an anonymous mapping [" FFIPIN_ADDR "," FFIPIN_ADDR ")",
        addr, lo, hi);
  else
    ffipin_buf_printf(
        b, FFIPIN_ADDR " is located in a mapping [" FFIPIN_ADDR "," FFIPIN_ADDR ") of '%s'", addr,
        lo, hi, name);
}
