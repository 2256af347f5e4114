// RUN: %clang_ffipin -### -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CC1 -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include \
// RUN:       --implicit-check-not=ffi-pin --implicit-check-not=whole-archive
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=ARGV -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%s -DOBJ=%t.o

// Intent: a compile with -fsanitize=ffi-pin loses the ffi-pin option and
// gains, after the user's arguments, the pass plugin, frame pointers
// (leaf functions included) and the interface header's include directory;
// nothing is linked.

// CC1: "-cc1"
// CC1-SAME: "-mframe-pointer=all"
// CC1-SAME: "-isystem" "[[INC]]"
// CC1-SAME: "-fpass-plugin=[[PLUGIN]]"

// ARGV: {{^}}-g -c [[SRC]] -o [[OBJ]] -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}

int main(void) { return 0; }
