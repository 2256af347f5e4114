/* The scanner reads through one mmap'd buffer (a static array would put a
 * copy of every word it reads in .bss, which other scans read), a chunk per
 * process_vm_readv. Large ranges first ask /proc/self/pagemap which pages
 * are present or swapped out: the rest were never touched and hold zeros. */
#include "model/ffipin_scan.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"

enum {
  CHUNK = 64 * 1024,
  PAGE = FFIPIN_PAGE_SIZE,
  PAGEMAP_MIN_PAGES = 16, /* smaller ranges are read without asking */
  PAGEMAP_BATCH = 512,    /* pagemap entries read at once: 2 MiB of memory */
};

static ffipin_lock_t buffer_lock = FFIPIN_LOCK_INIT_TYPE(scan_buffer);
static uintptr_t *buffer;

void ffipin_scan_lock(void) { ffipin_lock_acquire(&buffer_lock); }
void ffipin_scan_unlock(void) { ffipin_lock_release(&buffer_lock); }

typedef struct {
  uintptr_t lo, hi;    /* the range asked for */
  uintptr_t vlo, span; /* values in [vlo, vlo+span) are passed on */
  ffipin_scan_fn fn;
  void *arg;
  bool stop;
  size_t bytes;
} words_t;

/* Reads the pages [p, p+len) (len <= CHUNK) and passes the matching words
 * that lie in the range asked for; pages that cannot be read in one go are
 * read one by one, and unreadable ones skipped. */
static void scan_pages(words_t *w, uintptr_t p, size_t len) {
  uintptr_t own = (uintptr_t)buffer;
  if (p < own + CHUNK && own < p + len) {
    /* The buffer holds copies of what was read last: never its own input. */
    for (size_t off = 0; off < len && !w->stop; off += PAGE)
      if (p + off < own || p + off >= own + CHUNK) scan_pages(w, p + off, PAGE);
    return;
  }
  if (!ffipin_safe_read(p, buffer, len)) {
    if (len > PAGE)
      for (size_t off = 0; off < len && !w->stop; off += PAGE) scan_pages(w, p + off, PAGE);
    return;
  }
  w->bytes += len;
  uintptr_t a = p < w->lo ? w->lo : p, e = p + len > w->hi ? w->hi : p + len;
  for (; a + sizeof(uintptr_t) <= e; a += sizeof(uintptr_t)) {
    uintptr_t v = buffer[(a - p) / sizeof(uintptr_t)];
    if (v - w->vlo >= w->span) continue;
    if (!w->fn(a, v, w->arg)) {
      w->stop = true;
      return;
    }
  }
}

/* Pages [lo, hi) in runs of at most CHUNK; with pagemap >= 0 only the pages
 * it says were touched (present, bit 63, or swapped out, bit 62). */
static void scan_span(words_t *w, uintptr_t lo, uintptr_t hi, int pagemap) {
  static uint64_t entries[PAGEMAP_BATCH]; /* 4 KiB: under buffer_lock, like the buffer */
  for (uintptr_t base = lo; base < hi && !w->stop; base += PAGEMAP_BATCH * (uintptr_t)PAGE) {
    size_t npages = (hi - base) / PAGE < PAGEMAP_BATCH ? (hi - base) / PAGE : PAGEMAP_BATCH;
    size_t known = 0;
    if (pagemap >= 0) {
      long got = syscall(SYS_pread64, pagemap, entries, npages * sizeof(uint64_t),
                         (off_t)(base / PAGE * sizeof(uint64_t)));
      known = got > 0 ? (size_t)got / sizeof(uint64_t) : 0;
    }
    for (size_t i = 0; i < npages && !w->stop;) {
      if (i < known && !(entries[i] >> 62)) {
        i++;
        continue;
      }
      size_t run = 1;
      while (i + run < npages && (run + 1) * PAGE <= CHUNK &&
             (i + run >= known || (entries[i + run] >> 62)))
        run++;
      scan_pages(w, base + i * PAGE, run * PAGE);
      i += run;
    }
  }
}

size_t ffipin_scan_words(uintptr_t lo, uintptr_t hi, uintptr_t vlo, uintptr_t vhi,
                         ffipin_scan_fn fn, void *arg) {
  lo = (lo + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  if (lo >= hi || vlo >= vhi) return 0;
  words_t w = {lo, hi, vlo, vhi - vlo, fn, arg, false, 0};
  uintptr_t first = lo & ~(uintptr_t)(PAGE - 1), last = (hi + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
  ffipin_lock_acquire(&buffer_lock);
  if (!buffer) buffer = ffipin_map_or_die(CHUNK, "the memory scanner's buffer");
  int pagemap = -1;
  if ((last - first) / PAGE >= PAGEMAP_MIN_PAGES)
    pagemap = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  scan_span(&w, first, last, pagemap);
  if (pagemap >= 0) syscall(SYS_close, pagemap);
  ffipin_lock_release(&buffer_lock);
  return w.bytes;
}

// Writable mappings

typedef struct {
  bool (*fn)(const ffipin_region_t *r, void *arg);
  void *arg;
} regions_t;

static bool starts_with(const char *s, const char *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return false;
  return true;
}

static bool region_line(char *line, size_t len, bool truncated, void *arg) {
  regions_t *q = arg;
  ffipin_maps_line_t m;
  if (!ffipin_parse_maps_line(line, &m) || m.perms[0] != 'r' || m.perms[1] != 'w') return true;
  const char *p = m.path;
  /* Devices (GPU memory, /dev/mem) can have side effects when read; the
   * kernel's pages hold nothing the program stored. */
  if (starts_with(p, "/dev/") || starts_with(p, "[vvar") || starts_with(p, "[vsyscall"))
    return true;
  ffipin_region_t r = {m.lo, m.hi, *p == '\0' || *p == '[', p};
  return q->fn(&r, q->arg);
}

static ffipin_lock_t maps_lock = FFIPIN_LOCK_INIT_TYPE(scan_maps);
static char maps_buf[4096];

void ffipin_scan_maps_lock(void) { ffipin_lock_acquire(&maps_lock); }
void ffipin_scan_maps_unlock(void) { ffipin_lock_release(&maps_lock); }

void ffipin_scan_writable_regions(bool (*fn)(const ffipin_region_t *r, void *arg), void *arg) {
  regions_t q = {fn, arg};
  ffipin_lock_acquire(&maps_lock);
  int err = ffipin_read_lines("/proc/self/maps", maps_buf, sizeof(maps_buf), region_line, &q);
  ffipin_lock_release(&maps_lock);
  if (err) ffipin_warning("cannot read /proc/self/maps (errno %d): memory not scanned", err);
}
