// RUN: env FFIPIN_CLANG=echo %clang_ffipin -mllvm -ffipin-low-bound-first -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=ARGV -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%s -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -mllvm=-ffipin-low-bound-first -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=JOINED -DPLUGIN=%ffipin_plugin
// RUN: env FFIPIN_CLANG=echo %ffipin_cc -mllvm -ffipin-low-bound-first -E %s \
// RUN:   | FileCheck %s --check-prefix=CPP -DPLUGIN=%ffipin_plugin -DSRC=%s
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -mllvm -x86-asm-syntax=intel -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=OTHER -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%s -DOBJ=%t.o
// RUN: %clang_ffipin -O2 -mllvm -ffipin-low-bound-first -S %s -o - | FileCheck %s --check-prefix=ASM
// RUN: %ffipin_cc -mllvm -ffipin-low-bound-first -E %s -o /dev/null
// RUN: printf '.text\n' > %t.S
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -mllvm -ffipin-low-bound-first -c %t.S -mllvm=-ffipin-low-bound-first -o %t.o \
// RUN:   | FileCheck %s --check-prefix=ASSEMBLE -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%t.S -DOBJ=%t.o
// RUN: %clang_ffipin -mllvm -ffipin-low-bound-first -c %t.S -o %t.o

// Intent: an option of the pass given with -mllvm (clang parses those
// before it loads a -fpass-plugin) makes the wrapper load the plugin first
// with -Xclang -load, and the option reaches the pass; also where the pass
// does not run (preprocessing, no -fsanitize=ffi-pin), which then does not
// fail on an unknown option. Other -mllvm options load nothing. A command
// that assembles (.S) loses them instead, in both forms: the assembler
// parses -mllvm too and has no plugin to load.

// ARGV: {{^}}-g -mllvm -ffipin-low-bound-first -c [[SRC]] -o [[OBJ]] -Xclang -load -Xclang [[PLUGIN]] -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}
// JOINED: -Xclang -load -Xclang [[PLUGIN]] -fpass-plugin=[[PLUGIN]]
// CPP: {{^}}-mllvm -ffipin-low-bound-first -E [[SRC]] -Xclang -load -Xclang [[PLUGIN]]{{$}}
// OTHER: {{^}}-g -mllvm -x86-asm-syntax=intel -c [[SRC]] -o [[OBJ]] -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}
// ASSEMBLE: {{^}}-g -c [[SRC]] -o [[OBJ]] -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}
// ASM-LABEL: keep:
// ASM: cmpq __ffipin_foreign_bounds(%rip),
// ASM-NEXT: jae .LBB{{[0-9_]+}}

void *kept;
void keep(void *p) { kept = p; }
int main(void) { return kept != 0; }
