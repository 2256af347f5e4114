/* Our JNI function table. A slot's trampoline is five instructions: load
 * this thread's open-critical count, and if it is zero jump to the JVM's
 * function with every register and the stack as the caller left them (so
 * one trampoline serves every signature, variadic ones included). Only
 * with a region open does it save the argument registers and call C. */
#include "ffipin_jni_table.h"

#include "base/ffipin_message.h"
#include "ffipin_jni_thread.h"

struct JNINativeInterface_ ffipin_jni_real;
static struct JNINativeInterface_ ours;
static bool installed;

enum { SLOTS = sizeof(struct JNINativeInterface_) / sizeof(void *) };

/* The list must match jni.h slot for slot. */
#define FFIPIN_JNI_FUNCTION(Index, Name)                                                           \
  _Static_assert(__builtin_offsetof(struct JNINativeInterface_, Name) == (Index) * sizeof(void *), \
                 "ffipin_jni_functions.inc: " #Name " is not slot " #Index);
#include "ffipin_jni_functions.inc"
enum {
  LISTED = 0
#define FFIPIN_JNI_FUNCTION(Index, Name) +1
#include "ffipin_jni_functions.inc"
};
_Static_assert(LISTED + 4 == SLOTS, "ffipin_jni_functions.inc misses a slot of jni.h");

static const char *const slot_names[SLOTS] = {
#define FFIPIN_JNI_FUNCTION(Index, Name) [Index] = #Name,
#include "ffipin_jni_functions.inc"
};

/* The trampolines. r11 is free at a call (neither an argument nor
 * callee-saved); r10 too, once the slot number is in r11. */
#define FFIPIN_JNI_FUNCTION(Index, Name)                                                           \
  __asm__(".text\n"                                                                                \
          ".p2align 4\n"                                                                           \
          ".hidden ffipin_jni_slot_" #Index "\n"                                                   \
          ".type ffipin_jni_slot_" #Index ",@function\n"                                           \
          "ffipin_jni_slot_" #Index ":\n"                                                          \
          "  movq ffipin_jni_critical_depth@gottpoff(%rip), %r11\n"                                \
          "  cmpl $0, %fs:(%r11)\n"                                                                \
          "  jne 1f\n"                                                                             \
          "  jmpq *ffipin_jni_real+" #Index "*8(%rip)\n"                                           \
          "1:\n"                                                                                   \
          "  movl $" #Index ", %r11d\n"                                                            \
          "  jmp ffipin_jni_slot_in_critical\n"                                                    \
          ".size ffipin_jni_slot_" #Index ", .-ffipin_jni_slot_" #Index "\n");                     \
  extern void ffipin_jni_slot_##Index(void) FFIPIN_INTERNAL;
#include "ffipin_jni_functions.inc"

static void (*const trampolines[SLOTS])(void) = {
#define FFIPIN_JNI_FUNCTION(Index, Name) [Index] = ffipin_jni_slot_##Index,
#include "ffipin_jni_functions.inc"
};

/* The slow path: a frame of its own (so the report's stack starts at the
 * native caller), every argument register saved around the C call, then
 * on to the JVM's function. Entered with rsp = 8 mod 16; the call is made
 * with rsp = 0 mod 16. */
__asm__(".text\n"
        ".p2align 4\n"
        ".hidden ffipin_jni_slot_in_critical\n"
        ".type ffipin_jni_slot_in_critical,@function\n"
        "ffipin_jni_slot_in_critical:\n"
        "  pushq %rbp\n"
        "  movq %rsp, %rbp\n"
        "  pushq %rdi\n  pushq %rsi\n  pushq %rdx\n  pushq %rcx\n"
        "  pushq %r8\n  pushq %r9\n  pushq %rax\n  pushq %r11\n"
        "  subq $128, %rsp\n"
        "  movdqu %xmm0, 0(%rsp)\n  movdqu %xmm1, 16(%rsp)\n"
        "  movdqu %xmm2, 32(%rsp)\n  movdqu %xmm3, 48(%rsp)\n"
        "  movdqu %xmm4, 64(%rsp)\n  movdqu %xmm5, 80(%rsp)\n"
        "  movdqu %xmm6, 96(%rsp)\n  movdqu %xmm7, 112(%rsp)\n"
        "  movl %r11d, %edi\n"
        "  movq 8(%rbp), %rsi\n"
        "  movq %rbp, %rdx\n"
        "  call ffipin_jni_table_call_in_critical\n"
        "  movdqu 0(%rsp), %xmm0\n  movdqu 16(%rsp), %xmm1\n"
        "  movdqu 32(%rsp), %xmm2\n  movdqu 48(%rsp), %xmm3\n"
        "  movdqu 64(%rsp), %xmm4\n  movdqu 80(%rsp), %xmm5\n"
        "  movdqu 96(%rsp), %xmm6\n  movdqu 112(%rsp), %xmm7\n"
        "  addq $128, %rsp\n"
        "  popq %r11\n  popq %rax\n  popq %r9\n  popq %r8\n"
        "  popq %rcx\n  popq %rdx\n  popq %rsi\n  popq %rdi\n"
        "  popq %rbp\n"
        "  leaq ffipin_jni_real(%rip), %r10\n"
        "  jmpq *(%r10,%r11,8)\n"
        ".size ffipin_jni_slot_in_critical, .-ffipin_jni_slot_in_critical\n");

__attribute__((used)) void ffipin_jni_table_call_in_critical(unsigned slot, uintptr_t pc,
                                                             uintptr_t bp) {
  ffipin_jni_check_not_in_critical(slot < SLOTS ? slot_names[slot] : "?", pc, bp);
}

bool ffipin_jni_table_installed(void) { return __atomic_load_n(&installed, __ATOMIC_ACQUIRE); }

bool ffipin_jni_table_install(jvmtiEnv *jvmti, void (*fill)(struct JNINativeInterface_ *table)) {
  jniNativeInterface *current;
  jvmtiError err = (*jvmti)->GetJNIFunctionTable(jvmti, &current);
  if (err != JVMTI_ERROR_NONE) {
    ffipin_warning("JNI agent: GetJNIFunctionTable failed (JVMTI error %d): arrays and strings "
                   "are lent without guarded copies",
                   err);
    return false;
  }
  ffipin_jni_real = *current;
  (*jvmti)->Deallocate(jvmti, (unsigned char *)current);
  ours = ffipin_jni_real;
  void **slots = (void **)&ours;
  for (unsigned i = 0; i < SLOTS; i++)
    if (trampolines[i]) slots[i] = (void *)trampolines[i];
  fill(&ours);
  /* Set before the JVM sees the table: a wrapper called at once must not
   * pass its lends through. */
  __atomic_store_n(&installed, true, __ATOMIC_RELEASE);
  err = (*jvmti)->SetJNIFunctionTable(jvmti, &ours);
  if (err != JVMTI_ERROR_NONE) {
    __atomic_store_n(&installed, false, __ATOMIC_RELEASE);
    ffipin_warning("JNI agent: SetJNIFunctionTable failed (JVMTI error %d): arrays and strings "
                   "are lent without guarded copies",
                   err);
    return false;
  }
  return true;
}
