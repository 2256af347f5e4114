/* The fault handler and the JVM's own use of SIGSEGV (implicit null checks,
 * safepoint polls, stack banging). The runtime's handler is put in front of
 * the JVM's at VMInit (the JVM installs its handlers after Agent_OnLoad) and
 * before each lend; it takes only faults on guarded copies and calls the
 * JVM's handler, with the same siginfo and context, for every other one, so
 * the JVM resumes, throws or writes its hs_err file as it would alone.
 *
 * HotSpot has a protocol for handlers in front of its own: libjsig. When the
 * JVM installs its handlers it looks these three functions up with
 * dlsym(RTLD_DEFAULT) (the agent is in the global scope by then); finding
 * them, it takes the handler in front as intended, and -Xcheck:jni does not
 * warn "SIGSEGV handler modified!" and dump the handlers on stdout. The
 * agent keeps no one else's handlers: JVM_get_signal_action returns NULL,
 * and the JVM chains to what was installed before it, as without libjsig. */
#include <signal.h>

#include "base/ffipin_common.h"

FFIPIN_EXPORT void JVM_begin_signal_setting(void) {}
FFIPIN_EXPORT void JVM_end_signal_setting(void) {}
FFIPIN_EXPORT struct sigaction *JVM_get_signal_action(int sig) {
  (void)sig;
  return NULL;
}
