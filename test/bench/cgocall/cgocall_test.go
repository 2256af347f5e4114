package cgocall

import "testing"

func BenchmarkScalarCall(b *testing.B) {
	s := 0
	for i := 0; i < b.N; i++ {
		s = Add(s, 1)
	}
	if s != b.N {
		b.Fatalf("Add: got %d, want %d", s, b.N)
	}
}

func BenchmarkGoPointerCall(b *testing.B) {
	buf := make([]byte, 64)
	for i := 0; i < b.N; i++ {
		Touch(buf)
	}
}

func BenchmarkGoPointerStoredCall(b *testing.B) {
	buf := make([]byte, 64)
	for i := 0; i < b.N; i++ {
		HoldAndRelease(buf)
	}
}
