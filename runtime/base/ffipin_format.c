/* Fixed-buffer formatting: nothing here allocates, writes anywhere or calls
 * libc (vsnprintf is intercepted by ASan, may allocate for some conversions
 * and takes locale locks). The printf subset the runtime uses: conversions
 * d i u x X p s c %, flags '-' and '0', a width (digits or '*'), a
 * precision for s (digits or '*'), length modifiers hh h l ll z t j. */
#include "base/ffipin_format.h"

#include "base/ffipin_string.h"

// Buffers

void ffipin_buf_init(ffipin_buf_t *b, char *storage, size_t cap) {
  b->data = storage;
  b->cap = cap;
  b->len = 0;
  b->truncated = false;
  if (cap > 0) storage[0] = '\0';
}

/* len never passes cap - 1, so data stays NUL-terminated. */
static void put(ffipin_buf_t *b, const char *s, size_t n) {
  if (b->cap == 0) {
    b->truncated = b->truncated || n > 0;
    return;
  }
  size_t room = b->cap - 1 - b->len;
  if (n > room) {
    n = room;
    b->truncated = true;
  }
  ffipin_mem_copy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void put_repeat(ffipin_buf_t *b, char c, size_t n) {
  for (size_t i = 0; i < n; i++) put(b, &c, 1);
}

void ffipin_buf_append(ffipin_buf_t *b, const char *s, size_t n) { put(b, s, n); }

// Conversions

typedef struct {
  bool left, zero;
  size_t width;
} spec_t;

static void put_padded(ffipin_buf_t *b, const spec_t *sp, const char *s, size_t n) {
  size_t pad = sp->width > n ? sp->width - n : 0;
  if (!sp->left) put_repeat(b, ' ', pad);
  put(b, s, n);
  if (sp->left) put_repeat(b, ' ', pad);
}

/* prefix: "-", "0x" or "" before the digits; zero padding goes between. */
static void put_number(ffipin_buf_t *b, const spec_t *sp, const char *prefix, uint64_t v,
                       unsigned base, bool upper) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[24];
  size_t n = 0;
  do {
    tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
    v /= base;
  } while (v);
  size_t plen = ffipin_str_len(prefix);
  size_t total = plen + n;
  size_t pad = sp->width > total ? sp->width - total : 0;
  if (!sp->left && !sp->zero) put_repeat(b, ' ', pad);
  put(b, prefix, plen);
  if (!sp->left && sp->zero) put_repeat(b, '0', pad);
  put(b, tmp + sizeof(tmp) - n, n);
  if (sp->left) put_repeat(b, ' ', pad);
}

enum { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static uint64_t arg_unsigned(va_list *ap, int len) {
  switch (len) {
  case LEN_CHAR:
    return (unsigned char)va_arg(*ap, unsigned);
  case LEN_SHORT:
    return (unsigned short)va_arg(*ap, unsigned);
  case LEN_LONG:
    return va_arg(*ap, unsigned long);
  case LEN_LLONG:
    return va_arg(*ap, unsigned long long);
  case LEN_SIZE:
    return va_arg(*ap, size_t);
  default:
    return va_arg(*ap, unsigned);
  }
}

static int64_t arg_signed(va_list *ap, int len) {
  switch (len) {
  case LEN_CHAR:
    return (signed char)va_arg(*ap, int);
  case LEN_SHORT:
    return (short)va_arg(*ap, int);
  case LEN_LONG:
    return va_arg(*ap, long);
  case LEN_LLONG:
    return va_arg(*ap, long long);
  case LEN_SIZE:
    return (int64_t)va_arg(*ap, size_t); /* %zd: ssize_t */
  default:
    return va_arg(*ap, int);
  }
}

static size_t parse_count(const char **f, va_list *ap) {
  if (**f == '*') {
    (*f)++;
    int n = va_arg(*ap, int);
    return n > 0 ? (size_t)n : 0;
  }
  size_t n = 0;
  for (; **f >= '0' && **f <= '9'; (*f)++) n = n * 10 + (size_t)(**f - '0');
  return n;
}

/* One conversion after its '%'; returns the format position after it. */
static const char *convert(ffipin_buf_t *b, const char *f, va_list *ap) {
  spec_t sp = {false, false, 0};
  for (;; f++) {
    if (*f == '-')
      sp.left = true;
    else if (*f == '0')
      sp.zero = true;
    else
      break;
  }
  sp.width = parse_count(&f, ap);
  bool has_prec = false;
  size_t prec = 0;
  if (*f == '.') {
    f++;
    has_prec = true;
    prec = parse_count(&f, ap);
  }
  int len = LEN_INT;
  if (f[0] == 'h' && f[1] == 'h')
    len = LEN_CHAR, f += 2;
  else if (f[0] == 'h')
    len = LEN_SHORT, f++;
  else if (f[0] == 'l' && f[1] == 'l')
    len = LEN_LLONG, f += 2;
  else if (f[0] == 'l' || f[0] == 'j')
    len = LEN_LONG, f++;
  else if (f[0] == 'z' || f[0] == 't')
    len = LEN_SIZE, f++;
  switch (*f) {
  case 'd':
  case 'i': {
    int64_t v = arg_signed(ap, len);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    put_number(b, &sp, v < 0 ? "-" : "", mag, 10, false);
    break;
  }
  case 'u':
    put_number(b, &sp, "", arg_unsigned(ap, len), 10, false);
    break;
  case 'x':
  case 'X':
    put_number(b, &sp, "", arg_unsigned(ap, len), 16, *f == 'X');
    break;
  case 'p': {
    void *p = va_arg(*ap, void *);
    if (!p)
      put_padded(b, &sp, "(nil)", 5);
    else
      put_number(b, &sp, "0x", (uintptr_t)p, 16, false);
    break;
  }
  case 's': {
    const char *s = va_arg(*ap, const char *);
    if (!s) s = "(null)";
    size_t n = has_prec ? ffipin_str_nlen(s, prec) : ffipin_str_len(s);
    put_padded(b, &sp, s, n);
    break;
  }
  case 'c': {
    char c = (char)va_arg(*ap, int);
    put_padded(b, &sp, &c, 1);
    break;
  }
  case '%':
    put(b, "%", 1);
    break;
  default: /* not in the subset (the format attribute catches most at build time) */
    put(b, "%?", 2);
    if (!*f) return f;
    break;
  }
  return f + 1;
}

void ffipin_buf_vprintf(ffipin_buf_t *b, const char *fmt, va_list ap) {
  va_list args;
  va_copy(args, ap);
  const char *f = fmt;
  while (*f) {
    const char *pct = ffipin_str_chr(f, '%');
    if (!pct) {
      put(b, f, ffipin_str_len(f));
      break;
    }
    put(b, f, (size_t)(pct - f));
    f = convert(b, pct + 1, &args);
  }
  va_end(args);
}

void ffipin_buf_printf(ffipin_buf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ffipin_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s) {
  size_t n;
  if (s[0] >= 0xc2 && s[0] <= 0xdf)
    n = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef)
    n = 3;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4)
    n = 4;
  else
    return 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  return n;
}

/* JSON strings must be valid UTF-8: paths and names that are not become
 * U+FFFD rather than breaking the consumer's parser. */
void ffipin_buf_json_escape_n(ffipin_buf_t *b, const char *s, size_t max) {
  const unsigned char *p = (const unsigned char *)s;
  const unsigned char *end = p + ffipin_str_nlen(s, max);
  while (p < end) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      ffipin_buf_printf(b, "\\%c", c);
    } else if (c == '\n') {
      put(b, "\\n", 2);
    } else if (c == '\t') {
      put(b, "\\t", 2);
    } else if (c == '\r') {
      put(b, "\\r", 2);
    } else if (c < 0x20 || c == 0x7f) {
      ffipin_buf_printf(b, "\\u%04x", c);
    } else if (c < 0x80) {
      put(b, (const char *)p, 1);
    } else {
      size_t n = utf8_len(p);
      if (n == 0 || p + n > end) {
        put(b, "\\ufffd", 6);
        p++;
        continue;
      }
      put(b, (const char *)p, n);
      p += n;
      continue;
    }
    p++;
  }
}

void ffipin_buf_json_escape(ffipin_buf_t *b, const char *s) {
  ffipin_buf_json_escape_n(b, s, (size_t)-1);
}
