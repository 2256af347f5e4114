// RUN: %clang -c %s -o %t.o
// RUN: %clang_ffipin -### %t.o -o %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LD -DRT=%ffipin_rt_static -DALLOC=%ffipin_rt_alloc \
// RUN:       --implicit-check-not=libclang_rt.ffipin --implicit-check-not=-fpass-plugin
// RUN: env FFIPIN_CLANG=echo %clang_ffipin %t.o -o %t \
// RUN:   | FileCheck %s --check-prefix=ARGV -DRT=%ffipin_rt_static -DALLOC=%ffipin_rt_alloc \
// RUN:       -DOBJ=%t.o -DEXE=%t

// Intent: linking an executable with -fsanitize=ffi-pin adds the static
// runtime once, as a whole archive, exports the __ffipin_* hooks, wraps the
// intercepted libc functions, adds the interposed allocator (exported, so
// shared libraries' malloc and free reach it) and -lpthread -ldl; a
// link-only command gets none of the compile flags.

// LD: "{{[^"]*}}/ld"
// LD-SAME: "--whole-archive" "[[RT]]" "--no-whole-archive"
// LD-SAME: "--export-dynamic-symbol=__ffipin_*"
// LD-SAME: "--wrap=free"
// LD-SAME: "--whole-archive" "[[ALLOC]]" "--no-whole-archive"
// LD-SAME: "--export-dynamic-symbol=malloc"
// LD-SAME: "--export-dynamic-symbol=free"
// LD-SAME: "-lpthread" "-ldl"

// ARGV: {{^}}-g [[OBJ]] -o [[EXE]] -Wl,--whole-archive [[RT]] -Wl,--no-whole-archive -Wl,--export-dynamic-symbol=__ffipin_*{{( -Wl,--wrap=[a-z_0-9]+)+}} -Wl,--whole-archive [[ALLOC]] -Wl,--no-whole-archive{{( -Wl,--export-dynamic-symbol=[a-z_]+)+}} -lpthread -ldl{{$}}

int main(void) { return 0; }
