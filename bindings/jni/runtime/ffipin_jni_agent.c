/* The JVMTI agent: -agentpath:<build>/lib/ffipin/libffipin_jni.so[=options].
 *
 * The library holds the whole runtime (no LD_PRELOAD): Agent_OnLoad puts
 * it in the process's global symbol scope (the JVM loads agents
 * RTLD_LOCAL), so that native libraries built with ffipin-cc, which
 * System.loadLibrary opens later, bind their __ffipin_* references to it;
 * then it starts the runtime with the agent's options and asks JVMTI for
 * what the reports and the native method trampolines need. At VMInit it
 * replaces the JNI function table and puts the fault handler in front of
 * the JVM's. */
#include <dlfcn.h>
#include <jvmti.h>

#include "base/ffipin_message.h"
#include "diag/ffipin_log.h"
#include "entry/ffipin_init.h"
#include "ffipin_jni_java_stack.h"
#include "ffipin_jni_lends.h"
#include "ffipin_jni_natives.h"
#include "ffipin_jni_signals.h"
#include "ffipin_jni_table.h"
#include "ffipin_jni_thread.h"

/* The agent's option string, in FFIPIN_OPTIONS syntax. The runtime applies
 * it as the program's default options, FFIPIN_OPTIONS after it. */
static char agent_options[4096];

FFIPIN_EXPORT const char *__ffipin_default_options(void) { return agent_options; }

static JavaVM *the_vm;

/* Into the global scope, so that libraries loaded after us find the
 * runtime's symbols. */
static void join_global_scope(void) {
  Dl_info info;
  if (!dladdr((void *)join_global_scope, &info) || !info.dli_fname) {
    ffipin_warning("JNI agent: cannot find its own file (dladdr): native libraries built with "
                   "ffipin-cc will not find the runtime");
    return;
  }
  if (!dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL))
    ffipin_warning("JNI agent: cannot make %s global (%s): native libraries built with ffipin-cc "
                   "will not find the runtime",
                   info.dli_fname, dlerror());
}

static void JNICALL vm_init(jvmtiEnv *jvmti, JNIEnv *env, jthread thread) {
  ffipin_jni_java_stack_start(the_vm, jvmti);
  if (ffipin_jni_table_install(jvmti, ffipin_jni_lends_fill_table))
    ffipin_jni_signals_start((const void *)ffipin_jni_real.GetVersion);
  ffipin_verbose(1, "JNI agent: JNI function table replaced; arrays and strings are lent as "
                    "guarded copies");
}

static bool check(jvmtiError err, const char *what) {
  if (err == JVMTI_ERROR_NONE) return true;
  ffipin_error("JNI agent: %s failed (JVMTI error %d)", what, err);
  return false;
}

FFIPIN_EXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved) {
  size_t n = 0;
  for (; options && options[n]; n++) {
    if (n + 1 >= sizeof(agent_options)) {
      ffipin_error("JNI agent: the option string is longer than %zu bytes",
                   sizeof(agent_options) - 1);
      return JNI_ERR;
    }
    agent_options[n] = options[n];
  }
  agent_options[n] = 0;
  join_global_scope();
  ffipin_ready(); /* options: an unknown name or a bad value ends the process here */
  ffipin_jni_thread_init();
  ffipin_jni_signals_note_check_jni();
  the_vm = vm;
  jvmtiEnv *jvmti;
  if ((*vm)->GetEnv(vm, (void **)&jvmti, JVMTI_VERSION_1_2) != JNI_OK) {
    ffipin_error("JNI agent: this JVM offers no JVMTI 1.2 environment");
    return JNI_ERR;
  }
  jvmtiCapabilities caps = {0};
  caps.can_generate_native_method_bind_events = 1; /* the native method trampolines */
  caps.can_get_line_numbers = 1;                   /* Java frames in reports */
  caps.can_get_source_file_name = 1;
  jvmtiEventCallbacks callbacks = {0};
  callbacks.VMInit = vm_init;
  callbacks.NativeMethodBind = ffipin_jni_natives_bind;
  if (!check((*jvmti)->AddCapabilities(jvmti, &caps), "AddCapabilities") ||
      !check((*jvmti)->SetEventCallbacks(jvmti, &callbacks, sizeof(callbacks)),
             "SetEventCallbacks") ||
      !check((*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_VM_INIT, NULL),
             "enabling VMInit") ||
      !check((*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_NATIVE_METHOD_BIND,
                                                NULL),
             "enabling NativeMethodBind"))
    return JNI_ERR;
  return JNI_OK;
}

/* Loading into a running JVM would miss the lends already made and the
 * natives already bound. */
FFIPIN_EXPORT jint JNICALL Agent_OnAttach(JavaVM *vm, char *options, void *reserved) {
  ffipin_error("JNI agent: cannot be attached to a running JVM; start the JVM with "
               "-agentpath:<path>/libffipin_jni.so");
  return JNI_ERR;
}
