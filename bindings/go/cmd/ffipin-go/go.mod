module ffipin.dev/ffipin-go

go 1.22
