// RUN: %ffipin_go build -o %t %s
// RUN: %run %t clean 2>&1 | FileCheck %s --check-prefix=CLEAN --implicit-check-not=FFIPinSanitizer
// RUN: %env_ffipin_opts=halt_on_error=0 %run %t escape 2>&1 | FileCheck %s --check-prefix=ESCAPE --implicit-check-not=FFIPinSanitizer
// REQUIRES: go

// Intent: 8 goroutines making concurrent cgo calls, each pinning an object,
// storing it into its own C slot, clearing the slot and unpinning, give no
// report; the one store that is never pinned is found, exactly once (the
// program runs on with halt_on_error=0, so a false report would show).

package main

/*
void *slots[8];
void *leaked;
void store_slot(int i, void *p) { slots[i] = p; }
void clear_slot(int i) { slots[i] = 0; }
void store_unpinned(void *p) {
	leaked = p;
// ESCAPE: ERROR: FFIPinSanitizer: borrow-escaped on address
// ESCAPE: STORE of foreign pointer by thread T{{[0-9]+}}:
// ESCAPE-NEXT: #0 0x{{[0-9a-f]+}} in store_unpinned {{.*}}concurrent.go:[[@LINE-3]]
}
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"unsafe"
)

type item struct{ n [4]int }

func main() {
	escape := os.Args[1] == "escape"
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				it := &item{}
				var pinner runtime.Pinner
				pinner.Pin(it)
				C.store_slot(C.int(g), unsafe.Pointer(it))
				C.clear_slot(C.int(g))
				pinner.Unpin()
				if escape && g == 5 && i == 1000 {
					C.store_unpinned(unsafe.Pointer(&item{}))
					// ESCAPE: cgo call from Go here:
					// ESCAPE: in main.main.func1 {{.*}}concurrent.go:[[@LINE-2]]
					// ESCAPE: SUMMARY: FFIPinSanitizer: borrow-escaped
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("done")
	// CLEAN: {{^done$}}
	// ESCAPE: {{^done$}}
}
