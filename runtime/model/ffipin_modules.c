/* Modules are found in /proc/self/maps (a file mapped at offset 0 whose
 * first bytes are an ELF header) and described from their program headers
 * in memory. A module is instrumented when its dynamic symbol table names a
 * __ffipin_ symbol: instrumented code imports the runtime's callbacks, the
 * executable (or the preloaded runtime) exports them.
 *
 * The table is append-only under a lock; the address index that the
 * allocator hooks search is an immutable sorted array, replaced whole on a
 * refresh (the old ones are kept: a hook may still be reading one, and
 * refreshes are rare). */
#include "model/ffipin_modules.h"

#include <elf.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_string.h"
#include "base/ffipin_sys.h"

enum { MAX_MODULES = FFIPIN_MAX_MODULES, PATHS = 64 * 1024 };

static ffipin_lock_t lock = FFIPIN_LOCK_INIT_TYPE(modules);
static ffipin_module_t modules[MAX_MODULES]; /* ids 1.. at [0..) */
static atomic_uint nmodules;
static char paths[PATHS];
static size_t paths_used;

typedef struct {
  uintptr_t lo, hi;
  unsigned id;
} range_t;
/* The index: its count in the first entry's lo, then the ranges. */
static range_t *_Atomic ranges;
static atomic_bool stale = true;
atomic_uint ffipin_modules_refreshes;
static atomic_uint_fast64_t last_refresh_ns;

void ffipin_modules_lock(void) { ffipin_lock_acquire(&lock); }
void ffipin_modules_unlock(void) { ffipin_lock_release(&lock); }

// Reading a module's ELF structures

/* Unaligned reads through a page reader. */
static bool read_bytes(ffipin_page_reader_t *r, uintptr_t addr, void *out, size_t n) {
  unsigned char *dst = out;
  for (size_t i = 0; i < n;) {
    uintptr_t a = addr + i, aligned = a & ~(uintptr_t)7, word;
    if (!ffipin_page_reader_word(r, aligned, &word)) return false;
    for (size_t b = a - aligned; b < 8 && i < n; b++) dst[i++] = (unsigned char)(word >> (8 * b));
  }
  return true;
}

/* A pointer from the dynamic section: ld.so relocates most in place, but
 * not on every target; a value below the load bias was not. */
static uintptr_t dyn_addr(uintptr_t v, uintptr_t bias) { return v < bias ? v + bias : v; }

/* Whether the dynamic string table [strtab, strtab+size) holds the
 * runtime's prefix (the names of the __ffipin_* symbols an instrumented
 * module imports), read in order a chunk at a time. Walking the symbols
 * read a chunk per name instead, their names being in no order: thousands
 * of safe reads (system calls) at each start for libc and its neighbours,
 * where this takes a few. The prefix anywhere counts, as a linker may store
 * a name as the tail of a longer one; only the runtime's names contain it. */
static bool strings_name_runtime(uintptr_t strtab, size_t size) {
  static const char prefix[] = "__ffipin_";
  enum { P = sizeof(prefix) - 1, CHUNK = 4096 };
  static char buf[P - 1 + CHUNK]; /* only called under the lock */
  size_t kept = 0;                /* bytes of the chunk before, at buf[0] */
  for (size_t off = 0; off < size;) {
    size_t n = size - off < CHUNK ? size - off : CHUNK;
    if (!ffipin_safe_read(strtab + off, buf + kept, n)) return false;
    size_t have = kept + n;
    for (size_t i = 0; i + P <= have; i++)
      if (ffipin_mem_cmp(buf + i, prefix, P) == 0) return true;
    kept = have < P - 1 ? have : P - 1;
    ffipin_mem_move(buf, buf + have - kept, kept);
    off += n;
  }
  return false;
}

/* From the dynamic section: whether the module names the runtime
 * (__ffipin_*), and its DT_SONAME into soname ("" if none). */
static bool read_dynamic(uintptr_t dynamic, uintptr_t bias, char *soname, size_t soname_size) {
  /* Static (a page each): only called under the lock. */
  static ffipin_page_reader_t dyn, strs;
  dyn.page = strs.page = 0;
  uintptr_t strtab = 0, strsz = 0, so = 0;
  bool have_so = false;
  soname[0] = '\0';
  for (uintptr_t d = dynamic;; d += sizeof(Elf64_Dyn)) {
    Elf64_Dyn e;
    if (!read_bytes(&dyn, d, &e, sizeof(e)) || e.d_tag == DT_NULL) break;
    if (e.d_tag == DT_STRTAB) strtab = dyn_addr(e.d_un.d_ptr, bias);
    if (e.d_tag == DT_STRSZ) strsz = e.d_un.d_val;
    if (e.d_tag == DT_SONAME) so = e.d_un.d_val, have_so = true;
  }
  if (!strtab || !strsz) return false;
  /* The name and what follows it in the string table (NUL-terminated there). */
  if (have_so && so < strsz && read_bytes(&strs, strtab + so, soname, soname_size - 1))
    soname[soname_size - 1] = '\0';
  else
    soname[0] = '\0';
  return strings_name_runtime(strtab, strsz);
}

/* The note that marks a module whose code a binding's stack switch starts
 * from (ffipin_modules_set_switch_note); owner_size 0 until one is named. */
static struct {
  char owner[16];
  uint32_t owner_size, type;
} switch_note;

void ffipin_modules_set_switch_note(const char *owner, uint32_t type) {
  ffipin_lock_acquire(&lock);
  size_t n = 0;
  while (owner[n] && n + 1 < sizeof(switch_note.owner)) switch_note.owner[n] = owner[n], n++;
  switch_note.owner[n] = '\0';
  switch_note.owner_size = (uint32_t)n + 1;
  switch_note.type = type;
  ffipin_lock_release(&lock);
}

/* Whether the notes [lo, hi) of a PT_NOTE segment hold the switch note. */
static bool notes_hold_switch_note(ffipin_page_reader_t *r, uintptr_t lo, uintptr_t hi) {
  enum { MAX_NOTES = 16 };
  uint32_t want = switch_note.owner_size;
  if (!want) return false;
  for (unsigned k = 0; k < MAX_NOTES && lo + sizeof(Elf64_Nhdr) <= hi; k++) {
    Elf64_Nhdr nh;
    char owner[sizeof(switch_note.owner)];
    if (!read_bytes(r, lo, &nh, sizeof(nh))) return false;
    uintptr_t name = lo + sizeof(nh);
    /* The name's size counts its NUL, and may count padding after it. */
    if (nh.n_type == switch_note.type && nh.n_namesz >= want && nh.n_namesz <= sizeof(owner) &&
        read_bytes(r, name, owner, want) && ffipin_mem_cmp(owner, switch_note.owner, want) == 0)
      return true;
    /* Name and description are each padded to 4 bytes. */
    uintptr_t next = name + ((nh.n_namesz + 3u) & ~3u) + ((nh.n_descsz + 3u) & ~3u);
    if (next <= lo) return false;
    lo = next;
  }
  return false;
}

/* Describes the module whose ELF header is at base; false if it is none. */
static bool describe(uintptr_t base, ffipin_module_t *m, char *soname, size_t soname_size) {
  static ffipin_page_reader_t r; /* only called under the lock */
  r.page = 0;
  Elf64_Ehdr eh;
  if (!read_bytes(&r, base, &eh, sizeof(eh)) || eh.e_ident[0] != ELFMAG0 ||
      eh.e_ident[1] != ELFMAG1 || eh.e_ident[2] != ELFMAG2 || eh.e_ident[3] != ELFMAG3 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || (eh.e_type != ET_DYN && eh.e_type != ET_EXEC))
    return false;
  uintptr_t first = (uintptr_t)-1, lo = (uintptr_t)-1, hi = 0, dynamic = 0;
  uintptr_t relro_lo = 0, relro_hi = 0, eh_frame_hdr = 0;
  bool switches = false;
  Elf64_Phdr ph[32];
  unsigned n = eh.e_phnum < 32 ? eh.e_phnum : 32;
  for (unsigned i = 0; i < n; i++)
    if (!read_bytes(&r, base + eh.e_phoff + i * sizeof(Elf64_Phdr), &ph[i], sizeof(ph[i])))
      return false;
  for (unsigned i = 0; i < n; i++)
    if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr < first) first = ph[i].p_vaddr;
  if (first == (uintptr_t)-1) return false;
  uintptr_t bias = eh.e_type == ET_DYN ? base - (first & ~(uintptr_t)(FFIPIN_PAGE_SIZE - 1)) : 0;
  m->nsegments = 0;
  for (unsigned i = 0; i < n; i++) {
    uintptr_t s = bias + ph[i].p_vaddr, e = s + ph[i].p_memsz;
    if (ph[i].p_type == PT_DYNAMIC) dynamic = s;
    if (ph[i].p_type == PT_GNU_RELRO) relro_lo = s, relro_hi = e;
    if (ph[i].p_type == PT_GNU_EH_FRAME) eh_frame_hdr = s;
    if (ph[i].p_type == PT_NOTE && !switches) switches = notes_hold_switch_note(&r, s, e);
    if (ph[i].p_type != PT_LOAD) continue;
    if (s < lo) lo = s;
    if (e > hi) hi = e;
  }
  for (unsigned i = 0; i < n && m->nsegments < FFIPIN_MODULE_SEGMENTS; i++) {
    if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_W)) continue;
    uintptr_t s = bias + ph[i].p_vaddr, e = s + ph[i].p_memsz;
    /* Read-only after relocation: nothing stores there at run time. */
    if (relro_lo <= s && s < relro_hi) s = relro_hi < e ? relro_hi : e;
    if (s < e) {
      m->segments[m->nsegments][0] = s;
      m->segments[m->nsegments][1] = e;
      m->nsegments++;
    }
  }
  m->lo = lo;
  m->hi = hi;
  m->switches_stacks = switches;
  m->eh_frame_hdr = eh_frame_hdr;
  soname[0] = '\0';
  m->instrumented = dynamic && read_dynamic(dynamic, bias, soname, soname_size);
  return true;
}

// The table

static const char *keep_path(const char *p) {
  size_t n = 0;
  while (p[n]) n++;
  if (paths_used + n + 1 > PATHS) return "<module>";
  char *dst = paths + paths_used;
  for (size_t i = 0; i <= n; i++) dst[i] = p[i];
  paths_used += n + 1;
  return dst;
}

static bool same_path(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

/* A file mapped at offset 0 may be a module. */
static bool map_line(char *line, size_t len, bool truncated, void *arg) {
  ffipin_maps_line_t ml;
  if (!ffipin_parse_maps_line(line, &ml) || ml.offset != 0 || ml.path[0] != '/') return true;
  uintptr_t lo = ml.lo;
  const char *p = ml.path;
  unsigned n = atomic_load_explicit(&nmodules, memory_order_relaxed);
  for (unsigned i = 0; i < n; i++)
    if (modules[i].loaded == false && modules[i].lo <= lo && lo < modules[i].hi &&
        same_path(modules[i].path, p)) {
      modules[i].loaded = true; /* seen before, still there */
      return true;
    }
  if (n == MAX_MODULES) return true;
  ffipin_module_t m;
  ffipin_mem_set(&m, 0, sizeof(m));
  char soname[128];
  if (!describe(lo, &m, soname, sizeof(soname))) return true;
  m.path = keep_path(p);
  m.name = soname[0] ? keep_path(soname) : m.path;
  m.loaded = true;
  modules[n] = m;
  atomic_store_explicit(&nmodules, n + 1, memory_order_release);
  return true;
}

static uint64_t now_ns(void) {
  struct timespec ts;
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static char maps_buf[4096];

void ffipin_modules_refresh(void) {
  ffipin_lock_acquire(&lock);
  unsigned before = atomic_load_explicit(&nmodules, memory_order_relaxed);
  for (unsigned i = 0; i < before; i++) modules[i].loaded = false;
  atomic_store(&stale, false);
  int err = ffipin_read_lines("/proc/self/maps", maps_buf, sizeof(maps_buf), map_line, NULL);
  unsigned n = atomic_load_explicit(&nmodules, memory_order_relaxed), k = 0;
  range_t *index = ffipin_map_or_die((n + 1) * sizeof(range_t), "the module index");
  range_t *sorted = index + 1;
  for (unsigned i = 0; i < n; i++) {
    if (!modules[i].loaded) continue;
    /* Insertion into the sorted index (a few hundred modules at most). */
    unsigned j = k++;
    while (j > 0 && sorted[j - 1].lo > modules[i].lo) {
      sorted[j] = sorted[j - 1];
      j--;
    }
    sorted[j] = (range_t){modules[i].lo, modules[i].hi, i + 1};
  }
  index[0].lo = k;
  atomic_store_explicit(&ranges, index, memory_order_release);
  atomic_fetch_add_explicit(&ffipin_modules_refreshes, 1, memory_order_release);
  atomic_store(&last_refresh_ns, now_ns());
  ffipin_lock_release(&lock);
  if (err) ffipin_warning("cannot read /proc/self/maps (errno %d): modules unknown", err);
}

void ffipin_modules_refresh_if_stale(void) {
  if (!atomic_load_explicit(&stale, memory_order_relaxed)) return;
  if (atomic_load(&last_refresh_ns) && now_ns() - atomic_load(&last_refresh_ns) < 1000000000u)
    return;
  ffipin_modules_refresh();
}

/* The range this thread found last, and in which index: consecutive
 * lookups are mostly for one module (each block a prebuilt library
 * allocates asks for its caller's). A refresh maps a new index and never
 * unmaps or reuses the old one, so the index's address names it. A signal
 * handler's lookup may interrupt this thread's: seq is odd while the entry
 * is written, and a copy read while it changed is not used. */
static FFIPIN_TLS struct {
  unsigned seq;
  const range_t *index;
  range_t range;
} last_found;

static bool found_before(const range_t *index, uintptr_t pc, unsigned *id) {
  unsigned seq = last_found.seq;
  atomic_signal_fence(memory_order_seq_cst);
  const range_t *in = last_found.index;
  range_t r = last_found.range;
  atomic_signal_fence(memory_order_seq_cst);
  if (seq % 2 || last_found.seq != seq || in != index || pc < r.lo || pc >= r.hi) return false;
  *id = r.id;
  return true;
}

static void found(const range_t *index, const range_t *r) {
  last_found.seq++;
  atomic_signal_fence(memory_order_seq_cst);
  last_found.index = index;
  last_found.range = *r;
  atomic_signal_fence(memory_order_seq_cst);
  last_found.seq++;
}

unsigned ffipin_modules_find(uintptr_t pc) {
  const range_t *index = atomic_load_explicit(&ranges, memory_order_acquire);
  unsigned id;
  if (index && found_before(index, pc, &id)) return id;
  unsigned lo = 0, hi = index ? (unsigned)index[0].lo : 0;
  const range_t *sorted = index ? index + 1 : NULL;
  while (lo < hi) {
    unsigned mid = (lo + hi) / 2;
    if (pc < sorted[mid].lo) {
      hi = mid;
    } else if (pc >= sorted[mid].hi) {
      lo = mid + 1;
    } else {
      found(index, &sorted[mid]);
      return sorted[mid].id;
    }
  }
  atomic_store_explicit(&stale, true, memory_order_relaxed);
  return 0;
}

const ffipin_module_t *ffipin_modules_get(unsigned id) {
  return id && id <= atomic_load_explicit(&nmodules, memory_order_acquire) ? &modules[id - 1]
                                                                           : NULL;
}

unsigned ffipin_modules_count(void) {
  return atomic_load_explicit(&nmodules, memory_order_acquire);
}
