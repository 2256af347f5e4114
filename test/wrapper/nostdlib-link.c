// RUN: %clang -c %s -o %t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -nostdlib %t.o -o %t | FileCheck %s -DRT=%ffipin_rt_static
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -nodefaultlibs %t.o -o %t | FileCheck %s -DRT=%ffipin_rt_static

// Intent: with -nostdlib or -nodefaultlibs the runtime is still linked (as
// clang does with its sanitizer runtimes) but its library dependencies
// (-lpthread -ldl) are left to the user, as clang leaves libc.

// CHECK: -Wl,--whole-archive [[RT]] -Wl,--no-whole-archive -Wl,--export-dynamic-symbol=__ffipin_*{{( -Wl,--wrap=[a-z_0-9]+)+}}{{$}}

int main(void) { return 0; }
