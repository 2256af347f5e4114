// RUN: %clang_ffipin --version | FileCheck %s --check-prefix=VERSION
// RUN: %clang_ffipin -dumpversion | FileCheck %s --check-prefix=DUMPVERSION
// RUN: %clang_ffipin -print-prog-name=ld | FileCheck %s --check-prefix=PROG
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -print-file-name=libc.so | FileCheck %s --check-prefix=ARGV
// RUN: env FFIPIN_CLANG=echo %clang_ffipin -v | FileCheck %s --check-prefix=VERBOSE

// Intent: commands that only ask clang something (--version, -dumpversion,
// -print-*, -v without inputs) get no flags of ours and answer as clang does.

// VERSION: clang version 19
// DUMPVERSION: {{^19}}
// PROG: {{^/.*ld}}
// ARGV: {{^}}-g -print-file-name=libc.so{{$}}
// VERBOSE: {{^}}-g -v{{$}}
