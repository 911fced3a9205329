//go:build !linux

package lexicon

// offHeapMin is offheap_linux.go's threshold (unused here: every table is
// in the heap).
const offHeapMin = 1 << 20

// tableOf returns a zeroed table of n T for owner (in the heap: the
// mapping outside it is Linux's, offheap_linux.go).
func tableOf[T, O any](owner *O, n int) []T {
	return make([]T, n)
}
