/* Where the wrapper's pieces live: <root>/bin/ffipin-cc, <root>/lib/ffipin/,
 * <root>/include, the same in the build tree and in an install. <root> is
 * found from /proc/self/exe (argv[0] may be a bare name found in PATH, or a
 * symlink elsewhere), unless FFIPIN_ROOT says otherwise. */
#include "ffipin_cc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FFIPIN_LIBDIR_SUFFIX
#define FFIPIN_LIBDIR_SUFFIX "lib/ffipin"
#endif
#ifndef FFIPIN_DEFAULT_CLANG
#define FFIPIN_DEFAULT_CLANG "clang"
#endif
#ifndef FFIPIN_DEFAULT_CLANGXX
#define FFIPIN_DEFAULT_CLANGXX "clang++"
#endif

#ifdef FFIPIN_CC_CXX
#define CLANG_ENV "FFIPIN_CLANGXX"
#define DEFAULT_CLANG FFIPIN_DEFAULT_CLANGXX
#else
#define CLANG_ENV "FFIPIN_CLANG"
#define DEFAULT_CLANG FFIPIN_DEFAULT_CLANG
#endif

static char *self_exe(void) {
  char *buf = ffipin_xmalloc(PATH_MAX + 1);
  ssize_t n = readlink("/proc/self/exe", buf, PATH_MAX);
  if (n <= 0)
    ffipin_cc_die("cannot resolve /proc/self/exe: %s (set FFIPIN_ROOT to the "
                  "FFIPinSanitizer install prefix)",
                  strerror(errno));
  buf[n] = '\0';
  return buf;
}

/* Strips the last path component in place ("/a/b/c" -> "/a/b"). */
static void strip_last(char *path) {
  char *slash = strrchr(path, '/');
  if (slash && slash != path)
    *slash = '\0';
  else if (slash)
    slash[1] = '\0';
}

static char *find_root(void) {
  const char *env = getenv("FFIPIN_ROOT");
  if (env && *env) return ffipin_xstrdup(env);
  char *root = self_exe();
  strip_last(root); /* <root>/bin */
  strip_last(root); /* <root> */
  return root;
}

void ffipin_find_paths(ffipin_paths *paths) {
  paths->root = find_root();
  paths->plugin = ffipin_xasprintf("%s/%s/ffipin-pass.so", paths->root, FFIPIN_LIBDIR_SUFFIX);
  paths->rt_static =
      ffipin_xasprintf("%s/%s/libclang_rt.ffipin-x86_64.a", paths->root, FFIPIN_LIBDIR_SUFFIX);
  paths->rt_alloc = ffipin_xasprintf("%s/%s/libclang_rt.ffipin_alloc-x86_64.a", paths->root,
                                     FFIPIN_LIBDIR_SUFFIX);
  paths->include_dir = ffipin_xasprintf("%s/include", paths->root);
  paths->header = ffipin_xasprintf("%s/sanitizer/ffipin_interface.h", paths->include_dir);
  const char *env = getenv(CLANG_ENV);
  paths->clang = env && *env ? env : DEFAULT_CLANG;
  paths->clang_env = CLANG_ENV;
}

void ffipin_require_file(const char *path, const char *what) {
  if (access(path, R_OK) != 0)
    ffipin_cc_die("cannot find the %s %s: %s (set FFIPIN_ROOT to the FFIPinSanitizer "
                  "install prefix)",
                  what, path, strerror(errno));
}

/* FFIPIN_CLANG naming this wrapper would exec it forever. */
void ffipin_check_not_self(const char *clang) {
  char self[PATH_MAX], target[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0 || !strchr(clang, '/') || !realpath(clang, target)) return;
  self[n] = '\0';
  if (strcmp(self, target) == 0)
    ffipin_cc_die("FFIPIN_CLANG/FFIPIN_CLANGXX names the wrapper itself (%s); set it to "
                  "a clang",
                  clang);
}
