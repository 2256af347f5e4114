/* Classifies the user's arguments: each one is kept, dropped or rewritten
 * (only -fsanitize= and -fno-sanitize= lists naming ffi-pin change), and the
 * command is summarised in an ffipin_cmd: does it compile, link an
 * executable, use LTO, already name our runtime. */
#include "ffipin_cc.h"

#include <string.h>

#define RUNTIME_BASENAME "clang_rt.ffipin-x86_64"

static bool streq(const char *a, const char *b) { return strcmp(a, b) == 0; }

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (streq(s, *list)) return true;
  return false;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* Options that take their value from the next argument when given alone
 * ("-o file", "-x c", "-Xlinker -r"); that value is never an input. */
static const char *const kSeparateValue[] = {"-o",
                                             "-x",
                                             "-I",
                                             "-D",
                                             "-U",
                                             "-L",
                                             "-l",
                                             "-B",
                                             "-F",
                                             "-T",
                                             "-u",
                                             "-z",
                                             "-e",
                                             "-A",
                                             "-include",
                                             "-imacros",
                                             "-idirafter",
                                             "-iprefix",
                                             "-iwithprefix",
                                             "-iwithprefixbefore",
                                             "-isystem",
                                             "-isystem-after",
                                             "-isysroot",
                                             "-iquote",
                                             "-iframework",
                                             "-iframeworkwithsysroot",
                                             "-ivfsoverlay",
                                             "-include-pch",
                                             "-MF",
                                             "-MT",
                                             "-MQ",
                                             "-MJ",
                                             "-Xclang",
                                             "-Xlinker",
                                             "-Xassembler",
                                             "-Xpreprocessor",
                                             "-Xanalyzer",
                                             "-Xopenmp-target",
                                             "-Xcuda-fatbinary",
                                             "-Xcuda-ptxas",
                                             "-mllvm",
                                             "-target",
                                             "-arch",
                                             "-framework",
                                             "-dependency-file",
                                             "-dependency-dot",
                                             "-serialize-diagnostics",
                                             "-resource-dir",
                                             "--sysroot",
                                             "--param",
                                             "-dumpdir",
                                             "-dumpbase",
                                             "-working-directory",
                                             NULL};

static bool takes_separate_value(const char *opt) {
  return in_list(opt, kSeparateValue) || starts_with(opt, "-Xarch_") ||
         starts_with(opt, "-Xopenmp-target=");
}

/* Clang prints something and runs no compile or link. */
static bool is_immediate(const char *opt) {
  static const char *const kImmediate[] = {
      "--version", "-dumpversion", "-dumpmachine", "--help", "-help", "--help-hidden", NULL};
  return in_list(opt, kImmediate) || starts_with(opt, "-print-") || starts_with(opt, "--print-");
}

/* The output is not an executable, so no runtime goes on the line. */
static bool is_non_executable_link_flag(const char *linker_arg) {
  static const char *const kFlags[] = {"-r",       "--relocatable", "-shared",
                                       "--shared", "-Bshareable",   NULL};
  return in_list(linker_arg, kFlags);
}

/* "libclang_rt.ffipin-x86_64.a", ".so", "-lclang_rt.ffipin-x86_64",
 * "-l:libclang_rt.ffipin-x86_64.a", with or without a directory. */
static bool names_runtime(const char *arg) {
  if (starts_with(arg, "-l:"))
    arg += 3;
  else if (starts_with(arg, "-l"))
    return streq(arg + 2, RUNTIME_BASENAME);
  const char *b = base_name(arg);
  return streq(b, "lib" RUNTIME_BASENAME ".a") || streq(b, "lib" RUNTIME_BASENAME ".so");
}

/* One argument handed to the linker (-Wl,a,b or -Xlinker a). */
static void note_linker_arg(ffipin_cmd *cmd, const char *linker_arg) {
  if (is_non_executable_link_flag(linker_arg)) cmd->not_executable = true;
  if (names_runtime(linker_arg)) cmd->names_runtime = true;
}

static void note_wl_list(ffipin_cmd *cmd, const char *list) {
  char *copy = ffipin_xstrdup(list);
  for (char *part = strtok(copy, ","); part; part = strtok(NULL, ",")) note_linker_arg(cmd, part);
}

/* Input kinds, by -x language or file name. */
typedef enum {
  KIND_C_FAMILY,
  KIND_HEADER,
  KIND_ASM_CPP,
  KIND_ASM,
  KIND_IR,
  KIND_OBJECT
} input_kind;

static input_kind kind_of_language(const char *lang) {
  size_t len = strlen(lang);
  if (streq(lang, "assembler")) return KIND_ASM;
  if (streq(lang, "assembler-with-cpp")) return KIND_ASM_CPP;
  if (streq(lang, "ir") || streq(lang, "lto-ir")) return KIND_IR;
  if (len > 7 && streq(lang + len - 7, "-header")) return KIND_HEADER;
  return KIND_C_FAMILY; /* c, c++, objective-c, cpp-output, cuda, ... */
}

static input_kind kind_of_file(const char *path) {
  static const char *const kSource[] = {
      "c", "i",   "cc", "cp",  "cxx", "cpp", "CPP",   "c++",  "C",   "ii",   "m",    "mi",  "mm",
      "M", "mii", "cu", "cui", "hip", "cl",  "clcpp", "cppm", "ccm", "cxxm", "c++m", "ixx", NULL};
  static const char *const kHeader[] = {"h", "hh", "hpp", "hxx", "H", "h++", "hp", "tcc", NULL};
  const char *dot = strrchr(base_name(path), '.');
  if (!dot) return KIND_OBJECT;
  const char *ext = dot + 1;
  if (in_list(ext, kSource)) return KIND_C_FAMILY;
  if (in_list(ext, kHeader)) return KIND_HEADER;
  if (streq(ext, "S") || streq(ext, "sx")) return KIND_ASM_CPP;
  if (streq(ext, "s")) return KIND_ASM;
  if (streq(ext, "ll") || streq(ext, "bc")) return KIND_IR;
  return KIND_OBJECT;
}

static void note_input(ffipin_cmd *cmd, const char *path, const char *lang) {
  input_kind kind;
  if (lang)
    kind = kind_of_language(lang);
  else if (streq(path, "-"))
    kind = KIND_C_FAMILY; /* clang reads stdin as C under -E */
  else
    kind = kind_of_file(path);
  switch (kind) {
  case KIND_C_FAMILY:
  case KIND_HEADER:
  case KIND_ASM_CPP:
    cmd->need |= FFIPIN_NEED_CC1 | FFIPIN_NEED_CPP;
    cmd->assembles |= kind == KIND_ASM_CPP;
    break;
  case KIND_IR:
    cmd->need |= FFIPIN_NEED_CC1;
    break;
  case KIND_ASM: /* cc1as takes none of our flags and warns about them */
    cmd->assembles = true;
    break;
  case KIND_OBJECT:
    if (names_runtime(path)) cmd->names_runtime = true;
    break;
  }
  if (kind != KIND_HEADER) /* a header alone gives a PCH, not a link */
    cmd->links_something = true;
}

/* "-fsanitize=address,ffi-pin" -> "-fsanitize=address"; also for
 * -fno-sanitize=. Sets *named / *named_all when the list names ffi-pin /
 * all; returns the option without ffi-pin, or NULL when nothing is left. */
static char *split_sanitizer_list(const char *opt, bool *named, bool *named_all) {
  const char *eq = strchr(opt, '=');
  size_t prefix_len = (size_t)(eq - opt) + 1;
  char *out = ffipin_xmalloc(strlen(opt) + 1);
  memcpy(out, opt, prefix_len);
  char *w = out + prefix_len;
  char *items = ffipin_xstrdup(eq + 1);
  *named = *named_all = false;
  for (char *item = strtok(items, ","); item; item = strtok(NULL, ",")) {
    if (streq(item, "ffi-pin")) {
      *named = true;
      continue;
    }
    *named_all |= streq(item, "all");
    if (w > out + prefix_len) *w++ = ',';
    size_t len = strlen(item);
    memcpy(w, item, len);
    w += len;
  }
  *w = '\0';
  return w > out + prefix_len ? out : NULL;
}

/* Sanitizers whose runtime defines malloc and free itself: ours must not
 * (runtime/entry/ffipin_alloc_events.c uses their hooks instead). */
static bool names_allocator_sanitizer(const char *list) {
  static const char *const kOwnAllocator[] = {"address", "hwaddress", "memory",
                                              "thread",  "leak",      NULL};
  char *items = ffipin_xstrdup(list);
  bool found = false;
  for (char *item = strtok(items, ","); item; item = strtok(NULL, ","))
    found |= in_list(item, kOwnAllocator);
  return found;
}

/* Like clang, the last -fsanitize= / -fno-sanitize= naming ffi-pin (or
 * -fno-sanitize=all) decides. */
static void classify_sanitize(ffipin_cmd *cmd, ffipin_arg *arg, bool enable) {
  bool named, named_all;
  if (enable && names_allocator_sanitizer(strchr(arg->text, '=') + 1)) cmd->other_allocator = true;
  char *rest = split_sanitizer_list(arg->text, &named, &named_all);
  if (!enable && named_all) cmd->ffipin = false;
  if (!named) return;
  cmd->ffipin = enable;
  arg->action = rest ? FFIPIN_ARG_REWRITE : FFIPIN_ARG_DROP;
  arg->rewritten = rest;
}

static bool is_x86_64_linux(const char *triple) {
  return (starts_with(triple, "x86_64") || starts_with(triple, "amd64")) &&
         strstr(triple, "linux") != NULL;
}

/* State that lives while walking the arguments, folded into cmd at the end. */
typedef struct {
  const char *lang;      /* current -x, NULL for none */
  const char *fuse_ld;   /* last -fuse-ld= */
  const char *ld_path;   /* last --ld-path= */
  const char *bad_march; /* last -m32/-m16/-mx32, cleared by -m64 */
  const char *bad_triple;
} walk_state;

static void classify_option(ffipin_cmd *cmd, walk_state *st, ffipin_arg *arg, const char *value) {
  static const char *const kStop[] = {
      "-c",           "-S",        "-E",        "-M", "-MM", "-fsyntax-only",
      "--precompile", "-emit-ast", "--analyze", NULL};
  static const char *const kNoCodegen[] = {"-E", "-M", "-MM", "-fsyntax-only", NULL};
  const char *t = arg->text;

  if (starts_with(t, "-fsanitize="))
    classify_sanitize(cmd, arg, true);
  else if (starts_with(t, "-fno-sanitize="))
    classify_sanitize(cmd, arg, false);
  else if (streq(t, "-x"))
    st->lang = value && !streq(value, "none") ? value : NULL;
  else if (starts_with(t, "-x"))
    st->lang = streq(t + 2, "none") ? NULL : t + 2;
  else if (in_list(t, kStop)) {
    cmd->stops_before_link = true;
    cmd->no_codegen |= in_list(t, kNoCodegen);
  } else if (streq(t, "-shared") || streq(t, "--shared") || streq(t, "-r"))
    cmd->not_executable = true;
  else if (starts_with(t, "-Wl,"))
    note_wl_list(cmd, t + 4);
  else if (streq(t, "-Xlinker") && value)
    note_linker_arg(cmd, value);
  else if (streq(t, "-l") && value)
    cmd->links_something = true, cmd->names_runtime |= streq(value, RUNTIME_BASENAME);
  else if (starts_with(t, "-l"))
    cmd->links_something = true, cmd->names_runtime |= names_runtime(t);
  else if (streq(t, "-flto") || starts_with(t, "-flto="))
    cmd->lto = true;
  else if (streq(t, "-fno-lto"))
    cmd->lto = false;
  else if (starts_with(t, "-fuse-ld="))
    st->fuse_ld = t + 9;
  else if (starts_with(t, "--ld-path="))
    st->ld_path = t + 10;
  else if (streq(t, "-m32") || streq(t, "-m16") || streq(t, "-mx32"))
    st->bad_march = t;
  else if (streq(t, "-m64"))
    st->bad_march = NULL;
  else if (starts_with(t, "--target="))
    st->bad_triple = is_x86_64_linux(t + 9) ? NULL : t;
  else if (streq(t, "-target") && value)
    st->bad_triple = is_x86_64_linux(value) ? NULL : value;
  else if (streq(t, "-fomit-frame-pointer") || streq(t, "-fno-omit-frame-pointer"))
    cmd->omit_frame_pointer = streq(t, "-fomit-frame-pointer");
  else if ((streq(t, "-mllvm") && value && starts_with(value, "-ffipin-")) ||
           starts_with(t, "-mllvm=-ffipin-"))
    cmd->pass_options = arg->pass_option = true;
  else if (streq(t, "-nostdlib") || streq(t, "-nodefaultlibs"))
    cmd->no_std_libs = true;
  else if (is_immediate(t))
    cmd->immediate = true;
}

static bool is_lld(const char *linker) {
  if (!linker) return false;
  const char *b = base_name(linker);
  return starts_with(b, "lld") || starts_with(b, "ld.lld");
}

/* cc1as parses -mllvm options as well, and has no plugin to load them
 * from: a command that assembles loses the pass's options, the tokens the
 * walk marked (they change only how its checks are laid out; ffipin-go's
 * CGO_CFLAGS reach cgo's .S files too). */
static void drop_pass_options(ffipin_arglist *args, ffipin_cmd *cmd) {
  for (size_t i = 0; i < args->n; i++)
    if (args->v[i].pass_option) args->v[i].action = FFIPIN_ARG_DROP;
  cmd->pass_options = false;
}

void ffipin_classify(ffipin_arglist *args, ffipin_cmd *cmd) {
  memset(cmd, 0, sizeof *cmd);
  walk_state st = {0};
  bool only_inputs = false; /* after "--" */
  for (size_t i = 0; i < args->n; i++) {
    ffipin_arg *arg = &args->v[i];
    const char *t = arg->text;
    if (only_inputs || t[0] != '-' || t[1] == '\0') {
      note_input(cmd, t, st.lang);
      continue;
    }
    if (streq(t, "--")) {
      arg->end_of_options = true;
      only_inputs = true;
      continue;
    }
    const char *value = NULL;
    if (takes_separate_value(t) && i + 1 < args->n) value = args->v[++i].text;
    classify_option(cmd, &st, arg, value);
    if (value && arg->pass_option) args->v[i].pass_option = true; /* the option's value */
  }
  if (cmd->pass_options && cmd->assembles) drop_pass_options(args, cmd);
  cmd->lang_active_at_end = st.lang != NULL;
  cmd->lld = is_lld(st.ld_path ? st.ld_path : st.fuse_ld);
  cmd->bad_target = st.bad_march ? st.bad_march : st.bad_triple;
}

/* A non-x86_64 target with -fsanitize=ffi-pin in effect is an error. */
void ffipin_check_target(const ffipin_cmd *cmd) {
  bool acts = cmd->need || cmd->links_something;
  if (cmd->ffipin && !cmd->immediate && acts && cmd->bad_target)
    ffipin_cc_die("-fsanitize=ffi-pin supports only x86_64 Linux targets; '%s' selects "
                  "another target",
                  cmd->bad_target);
}
