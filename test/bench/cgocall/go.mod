module ffipin.invalid/bench/cgocall

go 1.23
