package lexicon

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// automaton is an Aho-Corasick matcher over bytes. It reports every
// occurrence of every pattern, overlapping ones included: the detector
// needs "idiot" inside "jävla idiot" as well as the phrase, and a shorter
// pattern whose word boundaries hold when a longer one's do not. (A
// leftmost-longest matcher would hide both.)
//
// It is a hybrid, laid out for the cache: between two comments the other
// detectors evict it, and a cache or TLB miss costs far more than the
// work done per byte. The states near the root, which almost every byte
// of text passes through, have full DFA rows of 16-bit entries in a small
// table. The deeper states (most of them links of a single chain, one per
// pattern) keep only their children and a failure link in 16-byte nodes,
// numbered so that a chain's states sit side by side. (A full DFA of the
// whole lexicon takes tens of megabytes, and made every byte a miss.)
type automaton struct {
	nodes []node // one per state
	// dense holds the full transition rows of states 0..nDense-1, by byte
	// class (bytes in no pattern share class 0): the target state, with
	// outFlag set when it has outputs.
	dense  []uint16
	nDense int32
	nclass int32
	class  [256]uint16
	outs   []output
	npat   int

	factsOnce sync.Once
	facts     []uint8 // see matchFacts
}

// node is a state. Its children are nodes[first:first+kids&kidMask],
// sorted by label, the byte that leads into each. When it has outputs
// (kids&hasOut), they are outs[out:], up to the one marked last.
type node struct {
	first int32
	fail  int32
	out   int32
	kids  uint16 // number of children, | hasOut when the state has outputs
	label byte
	// kid0 is the first child's label: most states have one child, and
	// the scan then need not read the child's node unless it matches.
	kid0 byte
}

// output is a pattern ending at a state: its id, and its length in bytes
// with lastOut set on the state's last output.
type output struct{ id, len int32 }

const lastOut = 1 << 30

const (
	hasOut  = 1 << 15
	kidMask = hasOut - 1
	// outFlag marks a dense entry whose target has outputs: most bytes
	// then need not look at the target's node at all. A dense row's
	// targets are at most one level deeper than its state, and the
	// states are numbered breadth-first down to that level, so the dense
	// levels are those whose next level's numbers fit below the flag.
	outFlag = 1 << 15
)

// denseBudget bounds the dense rows, in table entries (2 bytes each): the
// deepest level that fits is the last with dense rows. On the real
// lexicon that is depth <= 2 (346 rows, 60 KB); deeper levels (up to 2 MB)
// measured no faster once the other detectors have evicted the cache.
const denseBudget = 1 << 15

// linearMax is the number of children up to which a state's children are
// searched one by one rather than by bisection.
const linearMax = 8

// compile builds the automaton for patterns; pattern i has id i.
func compile(patterns []string) *automaton { return compileDense(patterns, denseBudget) }

// compileDense is compile with the dense rows bounded by maxDense table
// entries (the root's row is always dense); tests use it to reach every
// path of the scan with small pattern sets.
func compileDense(patterns []string, maxDense int) *automaton {
	np := int32(len(patterns))
	a := &automaton{npat: len(patterns)}
	plen := make([]int32, np)
	for id, p := range patterns {
		plen[id] = int32(len(p))
	}
	// The trie's states are the distinct prefixes. Sorted, the patterns
	// under one state form a run, and its children split that run by the
	// next byte, in byte order; so the trie is built level by level
	// (breadth-first ids) without a map per state. Equal patterns keep id
	// order, which is the order of a state's own outputs.
	order := make([]int32, np)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		if c := strings.Compare(patterns[x], patterns[y]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	// Per state while building: its run of order, and how many of the run
	// end at it (they come first: a prefix sorts before its extensions).
	runLo := []int32{0}
	runHi := []int32{np}
	own := []int32{0}
	label := []byte{0}
	var first []int32    // first child; children end at first[s+1]
	var depthEnd []int32 // depthEnd[d]: the first state deeper than d
	for s, depth := int32(0), int32(0); s < int32(len(runLo)); s++ {
		if s > 0 && s == depthEnd[depth] {
			depth++
		}
		if int(depth) == len(depthEnd) {
			// s is the first state of its depth: all of this depth are
			// numbered and none deeper yet.
			depthEnd = append(depthEnd, int32(len(runLo)))
		}
		lo, hi := runLo[s], runHi[s]
		for lo < hi && plen[order[lo]] == depth {
			lo++
		}
		own[s] = lo - runLo[s]
		first = append(first, int32(len(runLo)))
		for lo < hi {
			c := patterns[order[lo]][depth]
			end := lo + 1
			for end < hi && patterns[order[end]][depth] == c {
				end++
			}
			runLo = append(runLo, lo)
			runHi = append(runHi, end)
			own = append(own, 0)
			label = append(label, c)
			lo = end
		}
	}
	n := int32(len(runLo))
	first = append(first, n)

	// Failure links, breadth-first: a state's target is shallower, so
	// complete before it.
	fail := make([]int32, n)
	child := func(s int32, c byte) int32 {
		lo, hi := first[s], first[s+1]
		k, ok := slices.BinarySearch(label[lo:hi], c)
		if !ok {
			return -1
		}
		return lo + int32(k)
	}
	for s := int32(1); s < n; s++ {
		for t := first[s]; t < first[s+1]; t++ {
			for f := fail[s]; ; f = fail[f] {
				if g := child(f, label[t]); g >= 0 {
					fail[t] = g
					break
				}
				if f == 0 {
					break
				}
			}
		}
	}

	// Outputs: a state's own patterns, then those of its failure target
	// (every pattern that ends here, longest first).
	outAt := make([]int32, n+1)
	var outs []int32
	for s := int32(0); s < n; s++ {
		outAt[s] = int32(len(outs))
		outs = append(outs, order[runLo[s]:runLo[s]+own[s]]...)
		if s > 0 {
			f := fail[s]
			outs = append(outs, outs[outAt[f]:outAt[f+1]]...)
		}
		outAt[s+1] = int32(len(outs))
	}

	// Byte classes for the dense rows.
	used := [256]bool{}
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	a.nclass = 1
	for b := 0; b < 256; b++ {
		if used[b] {
			a.class[b] = uint16(a.nclass)
			a.nclass++
		}
	}
	// Dense rows for the shallowest levels that fit (the root's at least).
	a.nDense = 1
	for d, e := range depthEnd {
		targets := n // the rows' targets are numbered below this
		if d+1 < len(depthEnd) {
			targets = depthEnd[d+1]
		}
		if int64(e)*int64(a.nclass) > int64(maxDense) || targets > outFlag {
			break
		}
		a.nDense = e
	}
	bfsEnd := n // the states numbered breadth-first: down to the dense rows' targets
	for d := range depthEnd {
		if depthEnd[d] == a.nDense && d+1 < len(depthEnd) {
			bfsEnd = depthEnd[d+1]
		}
	}

	// Final numbering: breadth-first down to bfsEnd (as built), then
	// depth-first by blocks of children, so that a chain's states follow
	// one another in memory.
	newID := make([]int32, n)
	oldID := make([]int32, n)
	for s := int32(0); s < bfsEnd; s++ {
		newID[s], oldID[s] = s, s
	}
	next := bfsEnd
	var stack []int32
	for s := bfsEnd - 1; s >= 0 && s >= firstOfLevel(depthEnd, bfsEnd); s-- {
		stack = append(stack, s)
	}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for t := first[u]; t < first[u+1]; t++ {
			newID[t], oldID[next] = next, t
			next++
		}
		for t := first[u+1] - 1; t >= first[u]; t-- {
			stack = append(stack, t)
		}
	}

	a.nodes = make([]node, n)
	a.outs = make([]output, 0, len(outs))
	for id := int32(0); id < n; id++ {
		s := oldID[id]
		nd := node{fail: newID[fail[s]], label: label[s], kids: uint16(first[s+1] - first[s])}
		if nd.kids > 0 {
			nd.first, nd.kid0 = newID[first[s]], label[first[s]]
		}
		if outAt[s] < outAt[s+1] {
			nd.out = int32(len(a.outs))
			nd.kids |= hasOut
			for _, p := range outs[outAt[s]:outAt[s+1]] {
				a.outs = append(a.outs, output{p, plen[p]})
			}
			a.outs[len(a.outs)-1].len |= lastOut
		}
		a.nodes[id] = nd
	}

	nc := a.nclass
	a.dense = make([]uint16, a.nDense*nc)
	for s := int32(0); s < a.nDense; s++ {
		row := a.dense[s*nc : (s+1)*nc]
		if s > 0 {
			// Inherit the failure state's row (shallower, so done), then
			// override with the state's own children.
			f := a.nodes[s].fail
			copy(row, a.dense[f*nc:(f+1)*nc])
		} else if a.nodes[0].kids&hasOut != 0 {
			// An empty pattern: back at the root is a match too.
			for c := range row {
				row[c] = outFlag
			}
		}
		nd := a.nodes[s]
		for t := nd.first; t < nd.first+int32(nd.kids&kidMask); t++ {
			row[a.class[a.nodes[t].label]] = uint16(t)
			if a.nodes[t].kids&hasOut != 0 {
				row[a.class[a.nodes[t].label]] |= outFlag
			}
		}
	}
	return a
}

// firstOfLevel returns the first state of the level that ends at end.
func firstOfLevel(depthEnd []int32, end int32) int32 {
	for d := len(depthEnd) - 1; d > 0; d-- {
		if depthEnd[d] == end {
			return depthEnd[d-1]
		}
	}
	return 0
}

// scan calls f(id, start, end) for every occurrence of every pattern in
// text, by increasing end, and for one end in the order of the state's
// outputs (longest first).
func (a *automaton) scan(text string, f func(id, start, end int32)) {
	nodes, dense, outs, class := a.nodes, a.dense, a.outs, &a.class
	nd, nc := a.nDense, a.nclass
	s := int32(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		for s >= nd {
			n := &nodes[s]
			if k := int32(n.kids & kidMask); k == 1 {
				if n.kid0 == c {
					s = n.first
					goto sparse
				}
			} else if k > 1 && c >= n.kid0 {
				lo, hi := n.first, n.first+k
				if k <= linearMax {
					for ; lo < hi; lo++ {
						if nodes[lo].label == c {
							s = lo
							goto sparse
						}
					}
				} else {
					for lo < hi {
						m := int32(uint32(lo+hi) >> 1)
						if nodes[m].label < c {
							lo = m + 1
						} else {
							hi = m
						}
					}
					if lo < n.first+k && nodes[lo].label == c {
						s = lo
						goto sparse
					}
				}
			}
			s = n.fail
		}
		if v := dense[s*nc+int32(class[c])]; v&outFlag == 0 {
			s = int32(v)
			continue
		} else {
			s = int32(v &^ outFlag)
			goto emit
		}
	sparse:
		if nodes[s].kids&hasOut == 0 {
			continue
		}
	emit:
		for k := nodes[s].out; ; k++ {
			o := outs[k]
			f(o.id, int32(i+1)-o.len&^lastOut, int32(i+1))
			if o.len&lastOut != 0 {
				break
			}
		}
	}
}

// states is the number of automaton states, for reporting.
func (a *automaton) states() int { return len(a.nodes) }

// size is the memory held by the automaton's tables, in bytes.
func (a *automaton) size() int {
	return 16*len(a.nodes) + 8*len(a.outs) + 2*(len(a.dense)+len(a.class))
}

// What a pattern's entries all lack, so the detector can reject a match
// inside a word from these bits alone: reading its entries would be a
// cache miss per match, and most matches are pieces of longer words.
const (
	factNoPre     = 1 << iota // no entry has a leading '*'
	factNoSuf                 // no entry has a trailing '*'
	factNoInflect             // no entry takes inflectional endings (flag i)
)

// matchFacts returns the fact bits of each pattern, built on first use.
func (lx *lexicon) matchFacts() []uint8 {
	lx.ac.factsOnce.Do(func() {
		facts := make([]uint8, len(lx.byPat))
		for id, es := range lx.byPat {
			f := uint8(factNoPre | factNoSuf | factNoInflect)
			for _, ei := range es {
				e := &lx.entries[ei]
				if e.pre {
					f &^= factNoPre
				}
				if e.suf {
					f &^= factNoSuf
				}
				if e.flags&fInflect != 0 {
					f &^= factNoInflect
				}
			}
			facts[id] = f
		}
		lx.ac.facts = facts
	})
	return lx.ac.facts
}
