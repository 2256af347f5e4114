// RUN: %clang_unit %s %ffipin_rt_link -o %t && %run %t | FileCheck %s

// Intent: suppression globs match as ASan's do: a substring match unless
// anchored with '^' / '$', '*' any run (also empty), '?' one character,
// backtracking past a '*' that matched too little.

#include <stdio.h>
#include <string.h>

#include "diag/ffipin_suppress.h"

static void try(const char *pat, bool start, bool end, const char *s) {
  printf("%s%s%s ~ %s: %d\n", start ? "^" : "", pat, end ? "$" : "", s,
         ffipin_glob_match(pat, strlen(pat), s, start, end));
}

int main(void) {
  try("vde", false, false, "init_vde_context");
  try("vde", true, false, "init_vde_context");
  try("init", true, false, "init_vde_context");
  try("context", false, true, "init_vde_context");
  try("vde", false, true, "init_vde_context");
  try("i*t", true, true, "init_vde_context");
  try("i*_*_c?ntext", true, true, "init_vde_context");
  try("a*b*c", true, true, "aXbYbZc");
  try("a*b*c", true, true, "aXbYbZ");
  try("*", true, true, "");
  try("?", true, true, "");
  try("lib*.so", false, false, "/usr/lib/libvde.so.1");
  return 0;
}

// CHECK: vde ~ init_vde_context: 1
// CHECK-NEXT: ^vde ~ init_vde_context: 0
// CHECK-NEXT: ^init ~ init_vde_context: 1
// CHECK-NEXT: context$ ~ init_vde_context: 1
// CHECK-NEXT: vde$ ~ init_vde_context: 0
// CHECK-NEXT: ^i*t$ ~ init_vde_context: 1
// CHECK-NEXT: ^i*_*_c?ntext$ ~ init_vde_context: 1
// CHECK-NEXT: ^a*b*c$ ~ aXbYbZc: 1
// CHECK-NEXT: ^a*b*c$ ~ aXbYbZ: 0
// CHECK-NEXT: ^*$ ~ : 1
// CHECK-NEXT: ^?$ ~ : 0
// CHECK-NEXT: lib*.so ~ /usr/lib/libvde.so.1: 1
