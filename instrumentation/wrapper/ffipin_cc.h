/* ffipin-cc / ffipin-c++: the clang wrapper for -fsanitize=ffi-pin.
 *
 * Flow (ffipin_cc.c's main): expand response files into tokens
 * (ffipin_cc_rsp.c), classify each token, keeping, dropping or rewriting it
 * and recording what the command does (ffipin_cc_args.c), find our files
 * (ffipin_cc_paths.c), build the new argv (ffipin_cc_argv.c), exec clang.
 * Helpers: ffipin_cc_util.c. */
#ifndef FFIPIN_CC_H
#define FFIPIN_CC_H

#include <stdbool.h>
#include <stddef.h>

#ifdef FFIPIN_CC_CXX
#define FFIPIN_CC_NAME "ffipin-c++"
#else
#define FFIPIN_CC_NAME "ffipin-cc"
#endif

/* Set in clang's environment once a wrapper has put the runtime on a link
 * line, so a wrapper started under it (FFIPIN_CLANG naming a script that
 * calls ffipin-cc again) does not link it a second time. */
#define FFIPIN_CC_NESTED_ENV "FFIPIN_CC_NESTED"

/* Growable array of strings; v[n] is always NULL, so v can be an argv. */
typedef struct {
  const char **v;
  size_t n, cap;
} ffipin_strvec;

void ffipin_strvec_push(ffipin_strvec *sv, const char *s);

__attribute__((noreturn, format(printf, 1, 2))) void ffipin_cc_die(const char *fmt, ...);
void *ffipin_xmalloc(size_t n);
char *ffipin_xstrdup(const char *s);
__attribute__((format(printf, 1, 2))) char *ffipin_xasprintf(const char *fmt, ...);

/* What happens to one token of the user's command on its way to clang. */
typedef enum { FFIPIN_ARG_KEEP, FFIPIN_ARG_DROP, FFIPIN_ARG_REWRITE } ffipin_arg_action;

typedef struct {
  const char *text; /* the token as clang would see it */
  int origin;       /* index of the argv element it came from */
  bool from_rsp;    /* read out of a response file (@file) */
  ffipin_arg_action action;
  char *rewritten;     /* for FFIPIN_ARG_REWRITE */
  bool end_of_options; /* this token is "--": our additions go before it */
  bool pass_option;    /* -mllvm -ffipin-... (both tokens) or -mllvm=-ffipin-... */
} ffipin_arg;

typedef struct {
  ffipin_arg *v;
  size_t n, cap;
} ffipin_arglist;

/* argv[1..] as tokens, @file arguments replaced by their contents (nested
 * files too). An unreadable @file stays one literal token, as clang keeps it. */
void ffipin_expand_args(int argc, char **argv, ffipin_arglist *out);

/* Kinds of input, each asking for a different set of compile flags. */
enum {
  FFIPIN_NEED_CC1 = 1, /* code generation: pass plugin, frame pointers */
  FFIPIN_NEED_CPP = 2, /* preprocessing: -isystem <root>/include */
};

/* What the whole command does, as far as the wrapper cares. */
typedef struct {
  bool ffipin;             /* -fsanitize=ffi-pin in effect (last one wins) */
  bool immediate;          /* --version, -print-*, ...: clang runs nothing */
  bool no_codegen;         /* -E, -M, -MM, -fsyntax-only */
  bool stops_before_link;  /* -c, -S, -E, -M, -MM, -fsyntax-only, ... */
  bool not_executable;     /* -shared, -r, -Wl,-r */
  bool links_something;    /* an input that reaches the linker */
  bool no_std_libs;        /* -nostdlib, -nodefaultlibs */
  bool names_runtime;      /* the user already put our runtime on the line */
  bool other_allocator;    /* another sanitizer that brings its own malloc is named */
  bool lto;                /* -flto[=...] in effect at this command */
  bool lld;                /* the linker is lld (-fuse-ld=lld, --ld-path) */
  bool lang_active_at_end; /* a "-x <lang>" other than none is in effect at the end */
  bool omit_frame_pointer; /* the user's last word on it: -fomit-frame-pointer */
  bool pass_options;       /* -mllvm -ffipin-...: an option of our pass */
  bool assembles;          /* an assembler input (.s, .S, .sx, -x assembler...) */
  unsigned need;           /* FFIPIN_NEED_* from the inputs */
  const char *bad_target;  /* an option selecting a non-x86_64 target */
} ffipin_cmd;

/* Classifies every token (sets action/rewritten) and fills *cmd. */
void ffipin_classify(ffipin_arglist *args, ffipin_cmd *cmd);

/* Where our pieces are: <root>/lib/ffipin/..., <root>/include. */
typedef struct {
  char *root;
  char *plugin;
  char *rt_static;
  char *rt_alloc; /* the interposed allocator (runtime/entry/ffipin_alloc_interceptors.c) */
  char *include_dir;
  char *header;
  const char *clang;
  const char *clang_env; /* the variable that overrides clang */
} ffipin_paths;

void ffipin_find_paths(ffipin_paths *paths);
/* Exits with an error naming path and FFIPIN_ROOT, which overrides it. */
void ffipin_require_file(const char *path, const char *what);

/* Exits with an error if the command targets something other than x86_64
 * Linux with -fsanitize=ffi-pin in effect (ffipin_cc_args.c). */
void ffipin_check_target(const ffipin_cmd *cmd);
/* Exits with an error if clang names this wrapper (it would exec itself
 * forever; ffipin_cc_paths.c). */
void ffipin_check_not_self(const char *clang);

/* The argv to exec: clang, the user's arguments as classified, then ours
 * (before a "--"). Returns whether it added the runtime's link flags. */
bool ffipin_build_argv(int argc, char **argv, const ffipin_arglist *args, const ffipin_cmd *cmd,
                       const ffipin_paths *paths, bool nested, ffipin_strvec *out);

/* Runs clang with argv[1..] in a temporary response file (the command line
 * was too long for exec) and returns clang's exit status (ffipin_cc_rsp.c). */
int ffipin_run_via_response_file(const char *clang, const char *const *argv);

#endif
