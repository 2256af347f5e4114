/* The JVM's handler as the first chance, and the -Xcheck:jni note. */
#include "ffipin_jni_signals.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "base/ffipin_message.h"
#include "base/ffipin_sys.h"
#include "entry/ffipin_signals.h"

/* HotSpot's entry for handlers in front of its own (exported by libjvm.so
 * since JDK 1.4): with abort_if_unrecognized 0 it returns 0 for a fault that
 * is not the JVM's instead of reporting a fatal error, and may be called
 * again for it. */
typedef int (*jvm_handle_signal_t)(int sig, siginfo_t *info, void *context,
                                   int abort_if_unrecognized);
static jvm_handle_signal_t jvm_handle_signal;

static bool jvm_first_chance(int sig, void *info, void *context) {
  return jvm_handle_signal(sig, info, context, 0) != 0;
}

void ffipin_jni_signals_start(const void *jvm_function) {
  Dl_info info;
  void *jvm = NULL;
  if (dladdr(jvm_function, &info) && info.dli_fname)
    jvm = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
  jvm_handle_signal = jvm ? (jvm_handle_signal_t)dlsym(jvm, "JVM_handle_linux_signal") : NULL;
  if (jvm_handle_signal)
    ffipin_signals_set_first_chance(jvm_first_chance);
  else
    ffipin_warning("JNI agent: this JVM has no JVM_handle_linux_signal: a report made while other "
                   "threads fault into the JVM (safepoints) may wait up to 30 s");
  ffipin_signals_ensure();
}

// The -Xcheck:jni note: the JVM's options come from the command line
// (/proc/self/cmdline, NUL-separated) and from environment variables; read
// once, at Agent_OnLoad (not a hook).

/* Whether option appears as a word (separated by NUL or a blank) in
 * [s, s+n). */
static bool has_word(const char *s, size_t n, const char *option) {
  size_t len = 0;
  while (option[len]) len++;
  for (size_t i = 0; i + len <= n; i++) {
    if (i > 0 && s[i - 1] != 0 && s[i - 1] != ' ' && s[i - 1] != '\t') continue;
    size_t k = 0;
    while (k < len && s[i + k] == option[k]) k++;
    if (k == len && (i + len == n || s[i + len] == 0 || s[i + len] == ' ' || s[i + len] == '\t'))
      return true;
  }
  return false;
}

static bool given(const char *cmdline, size_t n, const char *option) {
  static const char *const VARS[] = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"};
  if (has_word(cmdline, n, option)) return true;
  for (size_t i = 0; i < sizeof(VARS) / sizeof(VARS[0]); i++) {
    const char *v = ffipin_getenv(VARS[i]);
    size_t len = 0;
    while (v && v[len]) len++;
    if (v && has_word(v, len, option)) return true;
  }
  return false;
}

void ffipin_jni_signals_note_check_jni(void) {
  static char cmdline[16384];
  size_t n = 0;
  int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t r;
    while (n < sizeof(cmdline) && (r = read(fd, cmdline + n, sizeof(cmdline) - n)) > 0)
      n += (size_t)r;
    close(fd);
  }
  if (given(cmdline, n, "-Xcheck:jni") && !given(cmdline, n, "-XX:+AllowUserSignalHandlers"))
    ffipin_warning("-Xcheck:jni will warn \"SIGSEGV handler modified!\": the handler in front "
                   "of the JVM's is the sanitizer's, which hands every fault not on a guarded "
                   "copy to the JVM's handler; add -XX:+AllowUserSignalHandlers to turn that "
                   "check off");
}
