// RUN: %clang_unit_wrapper %s -o %t
// RUN: printf '%%s\n' "-DX='a b'" '"-I/with space"' 'back\\slash @%t.rsp2' > %t.rsp
// RUN: printf '%%s\n' '-fsanitize=address,ffi-pin' > %t.rsp2
// RUN: %run %t @%t.rsp x.c | FileCheck %s

// Intent: the wrapper's tokenizer reads response files as clang does on
// Linux (quotes, a backslash escaping the next character, nested @files) and the classifier decides
// what each command does: compile or link, executable or not, which
// -fsanitize lists keep what once ffi-pin is taken out.

#include <stdio.h>
#include <string.h>

#include "ffipin_cc.h"

static void classify(const char *what, int argc, char **argv) {
  ffipin_arglist args = {0};
  ffipin_cmd cmd;
  ffipin_expand_args(argc, argv, &args);
  ffipin_classify(&args, &cmd);
  printf("%s: ffipin=%d stop=%d noexe=%d link=%d lto=%d lld=%d need=%u rt=%d", what, cmd.ffipin,
         cmd.stops_before_link, cmd.not_executable, cmd.links_something, cmd.lto, cmd.lld, cmd.need,
         cmd.names_runtime);
  for (size_t i = 0; i < args.n; i++)
    if (args.v[i].action != FFIPIN_ARG_KEEP)
      printf(" [%s]", args.v[i].action == FFIPIN_ARG_DROP ? "-" : args.v[i].rewritten);
  printf("\n");
}

int main(int argc, char **argv) {
  ffipin_arglist args = {0};
  ffipin_expand_args(argc, argv, &args);
  for (size_t i = 0; i < args.n; i++)
    printf("token %zu <%s> rsp=%d origin=%d\n", i, args.v[i].text, args.v[i].from_rsp,
           args.v[i].origin);
  char *compile[] = {"cc", "-fsanitize=ffi-pin", "-c", "a.c", "-o", "a.o", NULL};
  classify("compile", 6, compile);
  char *link[] = {"cc", "-fsanitize=fuzzer,ffi-pin", "a.o", "-flto", "-fuse-ld=lld", NULL};
  classify("link", 5, link);
  char *shared[] = {"cc", "-fsanitize=ffi-pin", "-Wl,-shared", "a.o", NULL};
  classify("shared", 4, shared);
  char *off[] = {"cc", "-fsanitize=ffi-pin", "-fno-sanitize=all", "a.c", NULL};
  classify("off", 4, off);
  char *asm_only[] = {"cc", "-fsanitize=ffi-pin", "-c", "x.s", "libclang_rt.ffipin-x86_64.a", NULL};
  classify("asm", 5, asm_only);
  return 0;
}

// CHECK: token 0 <-DX=a b> rsp=1 origin=1
// CHECK-NEXT: token 1 <-I/with space> rsp=1 origin=1
// CHECK-NEXT: token 2 <back\slash> rsp=1 origin=1
// CHECK-NEXT: token 3 <-fsanitize=address,ffi-pin> rsp=1 origin=1
// CHECK-NEXT: token 4 <x.c> rsp=0 origin=2
// Each changed argument is shown as [its rewrite], or [-] when dropped.
// CHECK-NEXT: compile: ffipin=1 stop=1 noexe=0 link=1 lto=0 lld=0 need=3 rt=0 [-]
// CHECK-NEXT: link: ffipin=1 stop=0 noexe=0 link=1 lto=1 lld=1 need=0 rt=0 [-fsanitize=fuzzer]
// CHECK-NEXT: shared: ffipin=1 stop=0 noexe=1 link=1 lto=0 lld=0 need=0 rt=0 [-]
// CHECK-NEXT: off: ffipin=0 stop=0 noexe=0 link=1 lto=0 lld=0 need=3 rt=0 [-]
// CHECK-NEXT: asm: ffipin=1 stop=1 noexe=0 link=1 lto=0 lld=0 need=0 rt=1 [-]
