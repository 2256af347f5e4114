/* ffipin-cc / ffipin-c++: clang with -fsanitize=ffi-pin understood.
 *
 * Removes ffi-pin from -fsanitize= lists and, when it is in effect, adds the
 * pass plugin and frame pointers to compiles and the runtime to executable
 * links, then execs clang, so that clang's output and exit status are the
 * command's. Prints nothing itself except errors: configure scripts and cgo
 * read the compiler's output. */
#include "ffipin_cc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  ffipin_arglist args = {0};
  ffipin_expand_args(argc, argv, &args);
  ffipin_cmd cmd;
  ffipin_classify(&args, &cmd);
  ffipin_check_target(&cmd);

  ffipin_paths paths;
  ffipin_find_paths(&paths);
  ffipin_check_not_self(paths.clang);

  const char *nested = getenv(FFIPIN_CC_NESTED_ENV);
  ffipin_strvec new_argv = {0};
  bool linked = ffipin_build_argv(argc, argv, &args, &cmd, &paths, nested && *nested, &new_argv);
  if (linked) setenv(FFIPIN_CC_NESTED_ENV, "1", 1);

  execvp(paths.clang, (char *const *)new_argv.v);
  if (errno == E2BIG) return ffipin_run_via_response_file(paths.clang, new_argv.v);
  ffipin_cc_die("cannot run %s: %s (set %s to the clang to use)", paths.clang, strerror(errno),
                paths.clang_env);
}
