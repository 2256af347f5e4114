// RUN: %clang -O2 -fpass-plugin=%ffipin_plugin -c %s -o %t.o -Xclang -stats-file=%t.json
// RUN: FileCheck %s --input-file=%t.json
// Intent: the pass's counters count with Debian's release libLLVM (where
// LLVM's STATISTIC compiles to nothing): -stats-file writes them, as the
// benchmark reads them (test/bench/run, -save-stats).

void *global_slot;
void *other_slot;
static const char local_buf[16];

void stash(void *p) { global_slot = p; }
void stash_global(void) { other_slot = (void *)local_buf; }

// CHECK-DAG: "ffipin.NumInstrumentedStores": 1
// CHECK-DAG: "ffipin.NumSkippedNotForeign": 1
