package lexicon

import (
	"runtime"
	"testing"
)

// TestTableOf: small and large tables are zeroed, as long as asked, and
// writable; a large one stays valid while its owner is reachable, through
// garbage collections.
func TestTableOf(t *testing.T) {
	for _, n := range []int{0, 10, offHeapMin/16 + 1, 4 * offHeapMin / 16} {
		owner := new(automaton)
		tab := tableOf[node](owner, n)
		if len(tab) != n {
			t.Fatalf("n=%d: len %d", n, len(tab))
		}
		for i := range tab {
			if tab[i] != (node{}) {
				t.Fatalf("n=%d: entry %d not zero", n, i)
			}
			tab[i].first = int32(i)
		}
		runtime.GC()
		for i := range tab {
			if tab[i].first != int32(i) {
				t.Fatalf("n=%d: entry %d lost", n, i)
			}
		}
		runtime.KeepAlive(owner)
	}
}
