// RUN: %clang -c %s -o %t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin %t.o %ffipin_rt_static -o %t \
// RUN:   | FileCheck %s -DRT=%ffipin_rt_static --implicit-check-not=libclang_rt.ffipin
// RUN: env FFIPIN_CLANG=echo %clang_ffipin %t.o -Wl,--whole-archive,%ffipin_rt_static,--no-whole-archive -o %t \
// RUN:   | FileCheck %s --check-prefix=WL --implicit-check-not=libclang_rt.ffipin

// Intent: when the user's command already names the runtime archive, the
// wrapper does not add it a second time (the hooks would be defined twice),
// but still adds the other link flags.

// CHECK: {{^}}-g {{[^ ]+}} [[RT]] -o {{[^ ]+}} -Wl,--export-dynamic-symbol=__ffipin_* {{.*}}-lpthread -ldl{{$}}
// WL: {{^}}-g {{[^ ]+}} -Wl,--whole-archive,{{[^ ]+}}libclang_rt.ffipin-x86_64.a,--no-whole-archive -o {{[^ ]+}} -Wl,--export-dynamic-symbol=__ffipin_* {{.*}}-lpthread -ldl{{$}}

int main(void) { return 0; }
