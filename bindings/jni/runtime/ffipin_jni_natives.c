/* Native method trampolines. A stub (made at bind time, 32 bytes in an
 * executable page) loads its record into r11 and jumps to the one
 * trampoline below, which moves the return address into the JVM onto the
 * agent's per-thread stack, calls the native method with every argument
 * register and stack argument where the JVM put them, checks, and returns
 * to the JVM. r11 is free at a call on x86-64 (neither an argument nor
 * callee-saved). The native method's frame-pointer chain runs through the
 * trampoline into the JVM's frames, so its stacks show one frame of the
 * agent (ffipin_jni_native_call) between the native method and the JVM. */
#include "ffipin_jni_natives.h"

#include <sys/mman.h>

#include "base/ffipin_format.h"
#include "base/ffipin_lock.h"
#include "base/ffipin_message.h"
#include "base/ffipin_thread.h"
#include "diag/ffipin_report.h"
#include "entry/ffipin_init.h"
#include "ffipin_jni_java_stack.h"
#include "ffipin_jni_table.h"
#include "ffipin_jni_thread.h"
#include "model/ffipin_guard.h"

typedef struct {
  void *target; /* the native method's code: the trampoline calls *record */
  jmethodID method;
} record_t;

enum { STUB_SIZE = 32, CHUNK = 64 << 10 };

extern char ffipin_jni_native_call[] FFIPIN_INTERNAL;

/* Entered from a stub with rsp = 8 mod 16 and the return address at
 * (%rsp); the C calls are made with rsp = 0 mod 16. The native method gets
 * rsp as the JVM's call gave it (our return address in the JVM's slot). */
__asm__(".text\n"
        ".p2align 4\n"
        ".hidden ffipin_jni_native_call\n"
        ".type ffipin_jni_native_call,@function\n"
        "ffipin_jni_native_call:\n"
        "  pushq %rdi\n  pushq %rsi\n  pushq %rdx\n  pushq %rcx\n"
        "  pushq %r8\n  pushq %r9\n  pushq %r11\n  pushq %rax\n"
        "  subq $136, %rsp\n"
        "  movdqu %xmm0, 0(%rsp)\n  movdqu %xmm1, 16(%rsp)\n"
        "  movdqu %xmm2, 32(%rsp)\n  movdqu %xmm3, 48(%rsp)\n"
        "  movdqu %xmm4, 64(%rsp)\n  movdqu %xmm5, 80(%rsp)\n"
        "  movdqu %xmm6, 96(%rsp)\n  movdqu %xmm7, 112(%rsp)\n"
        "  movq %r11, %rdi\n"
        "  movq 200(%rsp), %rsi\n"
        "  leaq 208(%rsp), %rdx\n"
        "  call ffipin_jni_native_enter\n"
        "  movdqu 0(%rsp), %xmm0\n  movdqu 16(%rsp), %xmm1\n"
        "  movdqu 32(%rsp), %xmm2\n  movdqu 48(%rsp), %xmm3\n"
        "  movdqu 64(%rsp), %xmm4\n  movdqu 80(%rsp), %xmm5\n"
        "  movdqu 96(%rsp), %xmm6\n  movdqu 112(%rsp), %xmm7\n"
        "  addq $136, %rsp\n"
        "  popq %rax\n  popq %r11\n  popq %r9\n  popq %r8\n"
        "  popq %rcx\n  popq %rdx\n  popq %rsi\n  popq %rdi\n"
        "  addq $8, %rsp\n"
        "  callq *(%r11)\n"
        "  pushq %rax\n  pushq %rdx\n"
        "  subq $32, %rsp\n"
        "  movdqu %xmm0, 0(%rsp)\n  movdqu %xmm1, 16(%rsp)\n"
        "  leaq 48(%rsp), %rdi\n"
        "  call ffipin_jni_native_exit\n"
        "  movq %rax, %r11\n"
        "  movdqu 0(%rsp), %xmm0\n  movdqu 16(%rsp), %xmm1\n"
        "  addq $32, %rsp\n"
        "  popq %rdx\n  popq %rax\n"
        "  jmpq *%r11\n"
        ".size ffipin_jni_native_call, .-ffipin_jni_native_call\n");

// Stubs

static ffipin_lock_t stubs_lock = FFIPIN_LOCK_INIT_TYPE(agent_stubs);
/* The runtime's fork handlers take it (base/ffipin_locks.inc). */
void ffipin_agent_stubs_lock(void) { ffipin_lock_acquire(&stubs_lock); }
void ffipin_agent_stubs_unlock(void) { ffipin_lock_release(&stubs_lock); }
static unsigned char *stub_next, *stub_end;
static record_t *record_next, *record_end;

/* movabs $record, %r11; jmp *0(%rip); .quad ffipin_jni_native_call */
static void *make_stub(void *target, jmethodID method) {
  ffipin_lock_acquire(&stubs_lock);
  if (stub_next == stub_end) {
    void *p =
        mmap(NULL, CHUNK, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      ffipin_lock_release(&stubs_lock);
      return NULL;
    }
    stub_next = p;
    stub_end = stub_next + CHUNK;
  }
  if (record_next == record_end) {
    record_next = ffipin_map_or_die(CHUNK, "the JNI agent's native method records");
    record_end = record_next + CHUNK / sizeof(record_t);
  }
  unsigned char *s = stub_next;
  record_t *r = record_next++;
  stub_next += STUB_SIZE;
  ffipin_lock_release(&stubs_lock);
  *r = (record_t){target, method};
  uintptr_t rec = (uintptr_t)r, call = (uintptr_t)ffipin_jni_native_call;
  s[0] = 0x49, s[1] = 0xbb; /* movabs imm64, %r11 */
  for (int i = 0; i < 8; i++) s[2 + i] = (unsigned char)(rec >> (8 * i));
  s[10] = 0xff, s[11] = 0x25; /* jmp *0(%rip) */
  for (int i = 0; i < 4; i++) s[12 + i] = 0;
  for (int i = 0; i < 8; i++) s[16 + i] = (unsigned char)(call >> (8 * i));
  __atomic_thread_fence(__ATOMIC_RELEASE);
  return s;
}

void JNICALL ffipin_jni_natives_bind(jvmtiEnv *jvmti, JNIEnv *env, jthread thread, jmethodID method,
                                     void *address, void **new_address) {
  jvmtiPhase phase;
  if ((*jvmti)->GetPhase(jvmti, &phase) != JVMTI_ERROR_NONE || phase != JVMTI_PHASE_LIVE) return;
  if (!ffipin_jni_table_installed()) return;
  jclass cls = NULL;
  jobject loader = NULL;
  if ((*jvmti)->GetMethodDeclaringClass(jvmti, method, &cls) != JVMTI_ERROR_NONE) return;
  (*jvmti)->GetClassLoader(jvmti, cls, &loader);
  ffipin_jni_real.DeleteLocalRef(env, cls);
  if (!loader) return; /* the boot loader's: the JDK's own */
  ffipin_jni_real.DeleteLocalRef(env, loader);
  void *stub = make_stub(address, method);
  if (stub) *new_address = stub;
}

// Calls

void ffipin_jni_native_enter(const void *record, uintptr_t return_pc, uintptr_t sp) {
  ffipin_jni_thread_t *jt = ffipin_jni_thread();
  if (jt->native_depth >= FFIPIN_JNI_MAX_NATIVE_DEPTH)
    ffipin_fatal("JNI agent: native methods nested more than %d deep on one thread",
                 FFIPIN_JNI_MAX_NATIVE_DEPTH);
  jt->native[jt->native_depth++] =
      (ffipin_jni_native_frame_t){return_pc, sp, record, ffipin_jni_critical_depth};
}

/* invalid-call for each critical region the native method opened and left
 * open; the regions are closed (their lends stay until released). */
static void report_open_regions(const ffipin_jni_native_frame_t *f) {
  ffipin_jni_thread_t *jt = ffipin_jni_thread();
  ffipin_thread_t *t = ffipin_enter();
  for (unsigned i = f->critical_at_entry; t && i < ffipin_jni_critical_depth; i++) {
    ffipin_jni_critical_t open = jt->critical[i];
    ffipin_lend_t lend = {0};
    ffipin_guard_find_live((const void *)open.copy, &lend);
    char msg[512];
    ffipin_buf_t b;
    ffipin_buf_init(&b, msg, sizeof(msg));
    ffipin_buf_printf(&b, "native method ");
    ffipin_jni_java_method_name(&b, ((const record_t *)f->method)->method);
    ffipin_buf_printf(&b,
                      " returned with a critical region open: %s lent " FFIPIN_ADDR
                      " and it was not released (the JVM would keep its GC blocked)",
                      open.function, open.copy);
    ffipin_report_t r = {
        .kind = FFIPIN_BUG_INVALID_CALL,
        .range_begin = open.copy,
        .message = msg,
        .stacks = {{lend.lend_stack ? "critical region opened" : NULL, lend.lend_stack,
                    lend.lend_tid}},
    };
    ffipin_report_error(&r);
  }
  if (t) ffipin_leave(t);
  ffipin_jni_critical_depth = f->critical_at_entry;
}

uintptr_t ffipin_jni_native_exit(uintptr_t sp) {
  ffipin_jni_thread_t *jt = ffipin_jni_thread();
  while (jt->native_depth > 0) {
    ffipin_jni_native_frame_t f = jt->native[--jt->native_depth];
    if (f.sp < sp) continue; /* a deeper call left by a longjmp */
    if (ffipin_jni_critical_depth > f.critical_at_entry) report_open_regions(&f);
    return f.return_pc;
  }
  ffipin_fatal("JNI agent: a native method returned that the agent did not see called");
}
