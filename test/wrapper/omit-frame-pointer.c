// RUN: env FFIPIN_CLANG=echo %clang_ffipin -fomit-frame-pointer -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=OMIT -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%s -DOBJ=%t.o
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -fomit-frame-pointer -fno-omit-frame-pointer -c %s -o %t.o \
// RUN:   | FileCheck %s --check-prefix=KEEP -DPLUGIN=%ffipin_plugin -DINC=%ffipin_include -DSRC=%s -DOBJ=%t.o
// RUN: %clang_ffipin -fomit-frame-pointer -### -c %s -o %t.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CC1

// Intent: the wrapper adds frame pointers unless the user's last word is
// -fomit-frame-pointer, which then holds (stacks end at the first frame
// without a frame pointer; README, "Frame pointers").

// OMIT: {{^}}-g -fomit-frame-pointer -c [[SRC]] -o [[OBJ]] -fpass-plugin=[[PLUGIN]] -isystem [[INC]]{{$}}
// KEEP: {{^}}-g -fomit-frame-pointer -fno-omit-frame-pointer -c [[SRC]] -o [[OBJ]] -fpass-plugin=[[PLUGIN]] -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -isystem [[INC]]{{$}}
// CC1: "-cc1"
// CC1-SAME: "-mframe-pointer=none"

int main(void) { return 0; }
