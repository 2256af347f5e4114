// RUN: %clang_ffipin -O0 %s -o %t
// RUN: printf '# one rule\npin-outlived:keep_it\n' > %t.s
// RUN: %env_ffipin_opts=verbosity=1:suppressions=%t.s %run %t 2>&1 | FileCheck %s
// RUN: %env_ffipin_opts=verbosity=1:suppressions=%t.s:builtin_suppressions=0 %run %t 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONE

// Intent: at verbosity=1 the count of suppressions loaded from the user's
// file is that file's own, with the built-in ones counted apart (a file of
// one rule was said to hold 8).

int main(void) { return 0; }

// CHECK: loaded 1 suppressions from '{{.*}}.s' (and {{[1-9][0-9]*}} built-in)
// NONE: loaded 1 suppressions from '{{.*}}.s' (and 0 built-in)
