//go:build linux

package lexicon

import (
	"runtime"
	"syscall"
	"unsafe"
)

// offHeapMin is the size from which a table goes outside the heap: below
// it the garbage collector's headroom is not worth a mapping.
const offHeapMin = 1 << 20

// tableOf returns a zeroed table of n T for owner. A large one lives in
// its own anonymous mapping, outside the garbage-collected heap, and is
// unmapped once owner is unreachable: the automaton's tables are tens of
// megabytes that never change and hold no pointers, and in the heap the
// collector lets the heap grow to twice what is live before it runs, so
// every byte of them cost two of the process's peak memory. T must hold no
// pointers (the collector does not scan the mapping).
func tableOf[T, O any](owner *O, n int) []T {
	var zero T
	size := n * int(unsafe.Sizeof(zero))
	if size < offHeapMin {
		return make([]T, n)
	}
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n) // the heap will do
	}
	// Transparent huge pages where the system offers them on request:
	// the scan reads the tables at random, and with 4 KB pages most of
	// its cache misses were TLB misses too.
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE)
	runtime.AddCleanup(owner, func(m []byte) { syscall.Munmap(m) }, mem)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(mem))), n)
}
