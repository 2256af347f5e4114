// RUN: %clang -c %s -o %t.o
// RUN: echo "-fsanitize=ffi-pin -c '%s'" > %t.flags.rsp
// RUN: env FFIPIN_CLANG=echo %ffipin_cc @%t.flags.rsp -o %t.o \
// RUN:   | FileCheck %s --check-prefix=INLINED -DSRC=%s -DPLUGIN=%ffipin_plugin
// RUN: echo "%t.o" > %t.objs.rsp
// RUN: env FFIPIN_CLANG=echo %clang_ffipin @%t.objs.rsp -o %t \
// RUN:   | FileCheck %s --check-prefix=PASSED -DRSP=%t.objs.rsp -DRT=%ffipin_rt_static
// RUN: %clang_ffipin -### @%t.objs.rsp -o %t 2>&1 | FileCheck %s --check-prefix=LD -DOBJ=%t.o -DRT=%ffipin_rt_static

// Intent: the wrapper reads response files to classify the command. A file
// whose arguments it must change (here -fsanitize=ffi-pin) is replaced by
// its arguments; any other @file reaches clang untouched, and what it holds
// (objects to link) still decides which flags are added.

// INLINED: {{^}}-c [[SRC]] -o {{[^ ]+}} -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem {{[^ ]+}}{{$}}

// PASSED: {{^}}-g @[[RSP]] -o {{[^ ]+}} -Wl,--whole-archive [[RT]] -Wl,--no-whole-archive

// LD: "[[OBJ]]"
// LD-SAME: "--whole-archive" "[[RT]]"

int main(void) { return 0; }
