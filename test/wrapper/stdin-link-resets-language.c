// RUN: env FFIPIN_CLANG=echo %clang_ffipin -x c - -o %t < %s \
// RUN:   | FileCheck %s -DPLUGIN=%ffipin_plugin -DRT=%ffipin_rt_static
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -xc -c - -o %t.o < %s | FileCheck %s --check-prefix=COMPILE

// Intent: a source read from stdin ("-x c -", also cgo's "-xc") is a
// compile; when the same command links, "-x none" precedes the runtime
// archive, or clang would compile the archive as C.

// CHECK: {{^}}-g -x c - -o {{[^ ]+}} -fpass-plugin=[[PLUGIN]] {{.*}} -x none -Wl,--whole-archive [[RT]] -Wl,--no-whole-archive
// COMPILE: {{^}}-g -xc -c - -o {{[^ ]+}} -fpass-plugin={{[^ ]+}} -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem {{[^ ]+}}{{$}}

int main(void) { return 0; }
