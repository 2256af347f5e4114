/* Builds clang's argv: the user's arguments (response files passed through
 * untouched unless something inside them had to change), then ours. */
#include "ffipin_cc.h"

#include <stdlib.h>
#include <sys/stat.h>

/* --wrap=<name> routes the executable's calls to the runtime's
 * __wrap_<name>, which reaches libc (or another sanitizer's interceptor)
 * through __real_<name>. */
static const char *const kWrapFlags[] = {
#define FFIPIN_INTERCEPTED(name) "-Wl,--wrap=" #name,
#include "entry/ffipin_intercepted.inc"
    NULL};

/* The interposed allocator's functions are exported, so that shared
 * libraries' calls bind to them as well. */
static const char *const kAllocatorExports[] = {
#define FFIPIN_ALLOCATOR(name) "-Wl,--export-dynamic-symbol=" #name,
#include "entry/ffipin_allocators.inc"
    NULL};

static void add_compile_flags(const ffipin_cmd *cmd, const ffipin_paths *paths,
                              ffipin_strvec *out) {
  unsigned need = cmd->need;
  if (cmd->no_codegen) need &= ~(unsigned)FFIPIN_NEED_CC1;
  if (need & FFIPIN_NEED_CC1) {
    ffipin_require_file(paths->plugin, "pass plugin");
    ffipin_strvec_push(out, ffipin_xasprintf("-fpass-plugin=%s", paths->plugin));
    /* The runtime's stacks come from a frame-pointer unwinder. A user who
     * asks for -fomit-frame-pointer gets it, and stacks that end at the
     * first frame without one (README, "Frame pointers"). */
    if (!cmd->omit_frame_pointer) {
      ffipin_strvec_push(out, "-fno-omit-frame-pointer");
      ffipin_strvec_push(out, "-mno-omit-leaf-frame-pointer");
    }
  }
  if (need & FFIPIN_NEED_CPP) {
    ffipin_require_file(paths->header, "interface header");
    ffipin_strvec_push(out, "-isystem");
    ffipin_strvec_push(out, paths->include_dir);
  }
}

/* Libraries rebuilt with the sanitizer by ffipin-deps (instrumentation/
 * deps): FFIPIN_DEPS_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/ffipin-deps;
 * their lib/ directory if it exists, else NULL. */
static char *deps_libdir(void) {
  const char *dir = getenv("FFIPIN_DEPS_DIR"), *cache = getenv("XDG_CACHE_HOME");
  const char *home = getenv("HOME");
  char *lib;
  if (dir && *dir)
    lib = ffipin_xasprintf("%s/lib", dir);
  else if (cache && *cache)
    lib = ffipin_xasprintf("%s/ffipin-deps/lib", cache);
  else if (home && *home)
    lib = ffipin_xasprintf("%s/.cache/ffipin-deps/lib", home);
  else
    return NULL;
  struct stat st;
  if (stat(lib, &st) == 0 && S_ISDIR(st.st_mode)) return lib;
  free(lib);
  return NULL;
}

static bool links_executable(const ffipin_cmd *cmd) {
  return cmd->links_something && !cmd->stops_before_link && !cmd->not_executable;
}

/* Only executables get the runtime. A -shared library's __ffipin_* references
 * stay undefined and bind at load time to the executable's runtime
 * (exported below) or to the preloaded libclang_rt.ffipin-x86_64.so; so
 * -Wl,--no-undefined / -z defs cannot be used for instrumented libraries. */
static bool add_link_flags(const ffipin_cmd *cmd, const ffipin_paths *paths, bool nested,
                           ffipin_strvec *out) {
  if (!links_executable(cmd) || nested) return false;
  if (!cmd->names_runtime) {
    ffipin_require_file(paths->rt_static, "static runtime");
    if (cmd->lang_active_at_end) /* else "-x c" would make clang compile the archive */
      ffipin_strvec_push(out, "-x"), ffipin_strvec_push(out, "none");
    /* Whole archive: nothing references its .preinit_array entry. */
    ffipin_strvec_push(out, "-Wl,--whole-archive");
    ffipin_strvec_push(out, paths->rt_static);
    ffipin_strvec_push(out, "-Wl,--no-whole-archive");
  }
  ffipin_strvec_push(out, "-Wl,--export-dynamic-symbol=__ffipin_*");
  for (const char *const *w = kWrapFlags; *w; w++) ffipin_strvec_push(out, *w);
  /* Our allocator, unless another sanitizer brings its own or there is no
   * libc (-nostdlib) whose allocator it would forward to. */
  if (!cmd->names_runtime && !cmd->other_allocator && !cmd->no_std_libs) {
    ffipin_require_file(paths->rt_alloc, "allocator runtime");
    ffipin_strvec_push(out, "-Wl,--whole-archive");
    ffipin_strvec_push(out, paths->rt_alloc);
    ffipin_strvec_push(out, "-Wl,--no-whole-archive");
    for (const char *const *e = kAllocatorExports; *e; e++) ffipin_strvec_push(out, *e);
  }
  if (!cmd->no_std_libs) ffipin_strvec_push(out, "-lpthread"), ffipin_strvec_push(out, "-ldl");
  /* Found before the system's, for the executable's dependencies and
   * theirs (DT_RPATH: a DT_RUNPATH would not reach indirect ones). */
  char *deps = deps_libdir();
  if (deps) ffipin_strvec_push(out, ffipin_xasprintf("-Wl,--disable-new-dtags,-rpath,%s", deps));
  /* LTO code generation happens in the linker. lld loads pass plugins
   * (verified with lld 19); LLVMgold.so in LLVM 19 accepts neither
   * load-pass-plugin= nor load=, so with GNU ld/gold the pass runs only in
   * the compile step's pre-link pipeline. */
  if (cmd->lto && cmd->lld) {
    ffipin_require_file(paths->plugin, "pass plugin");
    ffipin_strvec_push(out, ffipin_xasprintf("-Wl,--load-pass-plugin=%s", paths->plugin));
  }
  return true;
}

static void emit_arg(const ffipin_arg *arg, ffipin_strvec *out) {
  if (arg->action == FFIPIN_ARG_KEEP)
    ffipin_strvec_push(out, arg->text);
  else if (arg->action == FFIPIN_ARG_REWRITE)
    ffipin_strvec_push(out, arg->rewritten);
}

/* A response file is inlined only when one of its arguments changes or it
 * holds the "--" our flags must precede. */
static bool must_inline(const ffipin_arglist *args, size_t begin, size_t end) {
  for (size_t k = begin; k < end; k++)
    if (args->v[k].from_rsp && (args->v[k].action != FFIPIN_ARG_KEEP || args->v[k].end_of_options))
      return true;
  return false;
}

static void emit_user_args(int argc, char **argv, const ffipin_arglist *args,
                           const ffipin_strvec *ours, ffipin_strvec *out) {
  bool ours_done = false;
  size_t j = 0;
  for (int i = 1; i < argc; i++) {
    size_t begin = j;
    while (j < args->n && args->v[j].origin == i) j++;
    bool expand = must_inline(args, begin, j);
    if (!expand && (j - begin != 1 || args->v[begin].from_rsp)) {
      ffipin_strvec_push(out, argv[i]); /* an @file, passed through */
      continue;
    }
    for (size_t k = begin; k < j; k++) {
      if (args->v[k].end_of_options && !ours_done) {
        for (size_t o = 0; o < ours->n; o++) ffipin_strvec_push(out, ours->v[o]);
        ours_done = true;
      }
      emit_arg(&args->v[k], out);
    }
  }
  if (!ours_done)
    for (size_t o = 0; o < ours->n; o++) ffipin_strvec_push(out, ours->v[o]);
}

/* Clang parses -mllvm options before it loads a -fpass-plugin, so an
 * option of our pass needs the plugin loaded first (the same file: one copy
 * of it in the process). Also where the pass does not run (-E, no
 * -fsanitize=ffi-pin): cgo preprocesses with the flags it compiles with. */
static void add_plugin_for_options(const ffipin_cmd *cmd, const ffipin_paths *paths,
                                   ffipin_strvec *out) {
  if (!cmd->pass_options || !cmd->need || cmd->immediate) return;
  ffipin_require_file(paths->plugin, "pass plugin");
  ffipin_strvec_push(out, "-Xclang");
  ffipin_strvec_push(out, "-load");
  ffipin_strvec_push(out, "-Xclang");
  ffipin_strvec_push(out, paths->plugin);
}

bool ffipin_build_argv(int argc, char **argv, const ffipin_arglist *args, const ffipin_cmd *cmd,
                       const ffipin_paths *paths, bool nested, ffipin_strvec *out) {
  ffipin_strvec ours = {0};
  bool linked = false;
  add_plugin_for_options(cmd, paths, &ours);
  if (cmd->ffipin && !cmd->immediate) {
    add_compile_flags(cmd, paths, &ours);
    linked = add_link_flags(cmd, paths, nested, &ours);
  }
  ffipin_strvec_push(out, paths->clang);
  emit_user_args(argc, argv, args, &ours, out);
  return linked;
}
