package main

import (
	"fmt"
	"os"
	"strconv"
)

// nestingVar counts the ffipin-go processes above this one: each sets it,
// one higher, for the go command it runs. A go command that is a script
// running ffipin-go again (which findGo's same-file test cannot see) would
// otherwise start processes until the machine refuses to fork.
const nestingVar = "FFIPIN_GO_NESTING"

// maxNesting leaves room for real nesting (a test that runs ffipin-go
// under ffipin-go test), which never goes this deep.
const maxNesting = 8

// nesting is this process's depth, refusing a malformed or too deep one.
func nesting() (int, error) {
	v := os.Getenv(nestingVar)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fail("%s=%q is not a count of ffipin-go processes (it is ffipin-go's own; unset it)", nestingVar, v)
	}
	if n >= maxNesting {
		return 0, fail("ffipin-go is %d levels deep in ffipin-go: the go command it runs runs ffipin-go again (set FFIPIN_GO to the real go command)", n)
	}
	return n, nil
}

// childNesting is the environment entry for the go command this process runs.
func childNesting(n int) string { return fmt.Sprintf("%s=%d", nestingVar, n+1) }
