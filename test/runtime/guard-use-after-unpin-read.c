// RUN: %clang_ffipin -O0 %s -o %t.O0 && not %run %t.O0 2>&1 | FileCheck %s
// RUN: %clang_ffipin -O2 %s -o %t.O2 && not %run %t.O2 2>&1 | FileCheck %s

// Intent: a read through a pointer kept in a local after a guarded lend was
// released faults and is reported as use-after-unpin: READ, the access
// stack at the reading line, the lend and release stacks, a SUMMARY naming
// the read; the program halts with the exit code, not with the SIGSEGV.

#include <sanitizer/ffipin_interface.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) int read_first(const volatile char *p) {
  return p[0];
}

int main(void) {
  char *managed = malloc(100);
  for (int i = 0; i < 100; i++) managed[i] = (char)i;
  char *lent = __ffipin_lend_copy(managed, 100, 0);
  fprintf(stderr, "lent=%p same=%d first=%d\n", (void *)lent, lent == managed, lent[1]);
  __ffipin_lend_release(lent, FFIPIN_LEND_END);
  fprintf(stderr, "released\n");
  int v = read_first(lent);
  fprintf(stderr, "not reached %d\n", v);
  return 0;
}

// CHECK: lent=0x[[#%x,COPY:]] same=0 first=1
// CHECK-NEXT: {{^released$}}
// CHECK-NEXT: {{^=================================================================$}}
// CHECK-NEXT: {{^}}==[[PID:[0-9]+]]==ERROR: FFIPinSanitizer: use-after-unpin on address 0x[[#%.12x,COPY]] at pc 0x[[#%x,PC:]] bp 0x{{[0-9a-f]+}} sp 0x{{[0-9a-f]+$}}
// CHECK-NEXT: {{^}}0x[[#%.12x,COPY]] is 0 bytes inside of the 100-byte guarded copy {{\[}}0x[[#%.12x,COPY]],0x[[#%.12x,COPY+100]]) of 0x{{[0-9a-f]+}}, whose lend ended{{$}}
// CHECK-NEXT: {{^}}READ of lent memory by thread T0:{{$}}
// CHECK-NEXT: {{^    #0 }}0x[[#%.12x,PC]] in read_first {{.*}}guard-use-after-unpin-read.c:[[@LINE-21]]:{{[0-9]+$}}
// CHECK-NEXT: {{^    #1 0x[0-9a-f]+ in main .*guard-use-after-unpin-read.c:}}[[@LINE-12]]:{{[0-9]+$}}
// CHECK: {{^}}lent by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*guard-use-after-unpin-read.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK: {{^}}released by thread T0 here:{{$}}
// CHECK-NEXT: {{^    #0 0x[0-9a-f]+ in main .*guard-use-after-unpin-read.c:}}[[@LINE-18]]:{{[0-9]+$}}
// CHECK: {{^}}SUMMARY: FFIPinSanitizer: use-after-unpin {{.*}}guard-use-after-unpin-read.c:[[@LINE-27]]:{{[0-9]+}} in read_first{{$}}
// CHECK-NEXT: {{^}}==[[PID]]==ABORTING{{$}}
