// RUN: %clang -c %s -o %t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c %s -o %t.o | FileCheck %s --check-prefix=COMPILE -DSRC=%s -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -S %s -o %t.s | FileCheck %s --check-prefix=COMPILE -DSRC=%s -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -fsyntax-only %s | FileCheck %s --check-prefix=PREPROCESS -DSRC=%s -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -E %s | FileCheck %s --check-prefix=PREPROCESS -DSRC=%s -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -M %s | FileCheck %s --check-prefix=PREPROCESS -DSRC=%s -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -MM %s | FileCheck %s --check-prefix=PREPROCESS -DSRC=%s -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -shared -fPIC %s -o %t.so | FileCheck %s --check-prefix=COMPILE -DSRC=%s -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -shared %t.o -o %t.so | FileCheck %s --check-prefix=NOTHING -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -r %t.o -o %t.r.o | FileCheck %s --check-prefix=NOTHING -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -Wl,-r %t.o -o %t.r.o | FileCheck %s --check-prefix=NOTHING -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -Xlinker --relocatable %t.o -o %t.r.o | FileCheck %s --check-prefix=NOTHING -DOBJ=%t.o

// Intent: only a command that links an executable gets the runtime: not
// -c, -S, -E, -M, -MM, -fsyntax-only, -shared (its __ffipin_* references
// bind to the executable's or a preloaded runtime), -r or -Wl,-r. Commands
// that generate no code get the include directory but not the plugin.

// COMPILE: {{^}}-g {{.*}}[[SRC]] -o {{[^ ]+}} -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}
// PREPROCESS: {{^}}-g -{{[A-Za-z-]+}} [[SRC]] -isystem [[INC]]{{$}}
// NOTHING: {{^}}-g {{.*}}[[OBJ]] -o {{[^ ]+}}{{$}}

int main(void) { return 0; }
