package lexicon

import (
	"cmp"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf8"
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
//
// Most patterns may only start a word: every entry of the lexicon's
// pattern "rat" is rejected inside "pirate". Those anchored patterns are
// compiled behind a marker, a byte that never occurs in UTF-8, and the scan
// feeds the marker before every word start of the text (and of every
// pattern, so that a phrase's inner words meet it too). A word's inner
// letters then never begin an anchored match: the scan reports a third as
// many matches, all of which the detector used to throw away, and walks
// the trie's shallow states where it used to follow the pieces of words
// deep into it.
type automaton struct {
	nodes []node // one per state
	// labels[t] is nodes[t].label: a state's children's labels side by
	// side, so that looking for a child reads one cache line rather than
	// a 16-byte node per child.
	labels []byte
	// dense holds the full transition rows of states 0..nDense-1, by byte
	// class (bytes in no pattern share class 0): the target state, with
	// outFlag set when it has outputs.
	dense  []uint16
	nDense int32
	nclass int32
	class  [256]uint16
	outs   []output
	npat   int
	// anchored[id] says pattern id matches only at a word start.
	anchored []bool
	// markerClass is the byte class of the marker (0 when no pattern has
	// a marker: the scan then feeds none).
	markerClass uint16
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
// of text (markers not counted) with lastOut set on the state's last output.
type output struct{ id, len int32 }

const lastOut = 1 << 30

// inWordOut marks an output whose match the detector would drop when a
// word goes on after it (dropInWord): scanWords skips it without a call.
const inWordOut = 1 << 29

// outLen is the length bits of an output.
const outLen = inWordOut - 1

// marker stands for "a word starts here" in the compiled patterns and in
// the stream the scan feeds: 0xff is never a byte of UTF-8 text.
const marker = 0xff

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

// compile builds the automaton for patterns; pattern i has id i and, when
// anchored[i] (and it starts with a letter or digit), matches only at the
// start of a word. anchored may be nil. No pattern may contain the byte
// 0xff (UTF-8 never does): it is the marker.
func compile(patterns []string, anchored []bool) *automaton {
	return compileDense(patterns, anchored, denseBudget)
}

// compileDense is compile with the dense rows bounded by maxDense table
// entries (the root's row is always dense); tests use it to reach every
// path of the scan with small pattern sets.
func compileDense(texts []string, anchored []bool, maxDense int) *automaton {
	np := int32(len(texts))
	a := &automaton{npat: len(texts), anchored: make([]bool, np)}
	plen := make([]int32, np)
	for id, p := range texts {
		plen[id] = int32(len(p))
	}
	// The trie holds the patterns as the scan sees text: with a marker
	// before each word start inside them, and before the first byte of
	// an anchored one.
	patterns := make([]string, np)
	for id, p := range texts {
		a.anchored[id] = id < len(anchored) && anchored[id] && isWordAt(p, 0)
		patterns[id] = marked(p, a.anchored[id])
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
	// The states are the root and, for each pattern in sorted order, its
	// bytes past the prefix it shares with the one before: counted first,
	// the arrays are allocated once (grown by append, their copies were
	// most of the memory the lexicon's load peaked at).
	states := 1
	for i, id := range order {
		p := patterns[id]
		shared := 0
		if i > 0 {
			q := patterns[order[i-1]]
			for shared < len(p) && shared < len(q) && p[shared] == q[shared] {
				shared++
			}
		}
		states += len(p) - shared
	}
	runLo := append(make([]int32, 0, states), 0)
	runHi := append(make([]int32, 0, states), np)
	// own is a byte per state (most own one pattern or none); a state
	// with more equal patterns than a byte counts keeps them in ownMore.
	own := append(make([]uint8, 0, states), 0)
	ownMore := map[int32]int32{}
	label := append(make([]byte, 0, states), 0)
	first := make([]int32, 0, states+1) // first child; children end at first[s+1]
	var depthEnd []int32                // depthEnd[d]: the first state deeper than d
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
		for lo < hi && int32(len(patterns[order[lo]])) == depth {
			lo++
		}
		if c := lo - runLo[s]; c < math.MaxUint8 {
			own[s] = uint8(c)
		} else {
			own[s], ownMore[s] = math.MaxUint8, c
		}
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

	// Byte classes for the dense rows: the last read of the patterns.
	used := [256]bool{}
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	// What the rest needs of the building is each state's children
	// (first, label) and own patterns (runLo, own). The marked patterns
	// and the runs' ends go back to the system before the final tables
	// are mapped: every building array alive next to the final tables
	// adds to the load's peak memory, which is the process's.
	patterns, runHi = nil, nil
	debug.FreeOSMemory()

	// The final tables, filled in the building's (breadth-first)
	// numbering and put in their final order at the end, in place: a
	// second copy of them, or the failure links and output offsets kept
	// aside while they are built, would be tens of megabytes more.
	a.nodes = tableOf[node](a, int(n))
	a.labels = tableOf[byte](a, int(n))
	for s := range n {
		nd := node{label: label[s], kids: uint16(first[s+1] - first[s])}
		if nd.kids > 0 {
			nd.first, nd.kid0 = first[s], label[first[s]]
		}
		a.nodes[s], a.labels[s] = nd, label[s]
	}
	first, label = nil, nil
	debug.FreeOSMemory()
	nodes, labels := a.nodes, a.labels

	// Failure links, breadth-first: a state's target is shallower, so
	// complete before it.
	child := func(s int32, c byte) int32 {
		lo := nodes[s].first
		k, ok := slices.BinarySearch(labels[lo:lo+int32(nodes[s].kids&kidMask)], c)
		if !ok {
			return -1
		}
		return lo + int32(k)
	}
	for s := int32(1); s < n; s++ {
		nd := nodes[s]
		for t := nd.first; t < nd.first+int32(nd.kids&kidMask); t++ {
			for f := nd.fail; ; f = nodes[f].fail {
				if g := child(f, labels[t]); g >= 0 {
					nodes[t].fail = g
					break
				}
				if f == 0 {
					break
				}
			}
		}
	}

	// Outputs: a state's own patterns, then those of its failure target
	// (every pattern that ends here, longest first), at nodes[s].out up
	// to outEnd(s). Counted first (a failure target is shallower, so
	// counted before), then written into a table of the right size.
	ownOf := func(s int32) int32 {
		if own[s] == math.MaxUint8 {
			return ownMore[s]
		}
		return int32(own[s])
	}
	total := int32(0)
	outEnd := func(s int32) int32 {
		if s+1 < n {
			return nodes[s+1].out
		}
		return total
	}
	for s := int32(0); s < n; s++ {
		nodes[s].out = total
		c := ownOf(s)
		if s > 0 {
			f := nodes[s].fail
			c += outEnd(f) - nodes[f].out
		}
		total += c
	}
	a.outs = tableOf[output](a, int(total))
	for s := int32(0); s < n; s++ {
		k, end := nodes[s].out, outEnd(s)
		if k == end {
			continue
		}
		for _, id := range order[runLo[s] : runLo[s]+ownOf(s)] {
			a.outs[k] = output{id, plen[id]}
			k++
		}
		if s > 0 {
			f := nodes[s].fail
			for _, o := range a.outs[nodes[f].out:outEnd(f)] {
				a.outs[k] = output{o.id, o.len &^ lastOut}
				k++
			}
		}
		a.outs[end-1].len |= lastOut
		nodes[s].kids |= hasOut
	}
	order, runLo, own, ownMore, plen = nil, nil, nil, nil, nil
	debug.FreeOSMemory()

	a.nclass = 1
	for b := 0; b < 256; b++ {
		if used[b] {
			a.class[b] = uint16(a.nclass)
			a.nclass++
		}
	}
	a.markerClass = a.class[marker]
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
	for s := int32(0); s < bfsEnd; s++ {
		newID[s] = s
	}
	next := bfsEnd
	var stack []int32
	for s := bfsEnd - 1; s >= 0 && s >= firstOfLevel(depthEnd, bfsEnd); s-- {
		stack = append(stack, s)
	}
	for len(stack) > 0 {
		u := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo, hi := nodes[u].first, nodes[u].first+int32(nodes[u].kids&kidMask)
		for t := lo; t < hi; t++ {
			newID[t] = next
			next++
		}
		for t := hi - 1; t >= lo; t-- {
			stack = append(stack, t)
		}
	}
	// Renumbered links (a state's children stay side by side: they are
	// numbered as a block), then each state moved to its number, cycle by
	// cycle of the permutation.
	for s := range n {
		nodes[s].fail = newID[nodes[s].fail]
		if nodes[s].kids&kidMask > 0 {
			nodes[s].first = newID[nodes[s].first]
		}
	}
	placed := make([]uint64, (n+63)/64)
	for s := range n {
		if placed[s/64]&(1<<(s%64)) != 0 {
			continue
		}
		nd, lb := nodes[s], labels[s]
		for t := newID[s]; t != s; t = newID[t] {
			nodes[t], nd = nd, nodes[t]
			labels[t], lb = lb, labels[t]
			placed[t/64] |= 1 << (t % 64)
		}
		nodes[s], labels[s] = nd, lb
		placed[s/64] |= 1 << (s % 64)
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
// text (anchored ones at word starts only), by increasing end, and for one
// end in the order of the state's outputs (longest first). text is UTF-8
// (a 0xff byte would count as a word start).
func (a *automaton) scan(text string, f func(id, start, end int32)) {
	a.scanOpt(text, false, f)
}

// scanWords is scan without the matches of patterns marked by dropInWord
// that a word character follows: most matches are the start of a longer
// word ("n" in "nice"), and skipping them here saves a call and a read of
// the pattern's facts for each.
func (a *automaton) scanWords(text string, f func(id, start, end int32)) {
	a.scanOpt(text, true, f)
}

// dropInWord marks the patterns whose matches scanWords drops when a word
// character follows them.
func (a *automaton) dropInWord(drop []bool) {
	for k := range a.outs {
		if id := a.outs[k].id; int(id) < len(drop) && drop[id] {
			a.outs[k].len |= inWordOut
		}
	}
}

func (a *automaton) scanOpt(text string, words bool, f func(id, start, end int32)) {
	nodes, outs := a.nodes, a.outs
	s := int32(0)
	prevWord := false
	for i := 0; i < len(text); {
		var out bool
		if i, s, prevWord, out = a.run(text, i, s, prevWord); !out {
			if i == len(text) {
				break
			}
			// A byte that starts a rune beyond ASCII: decoded here, out of
			// run's loop, which then needs no call.
			w := isWordAt(text, i)
			if w && !prevWord {
				s = a.step(s, marker)
			}
			prevWord = w
			s = a.step(s, text[i])
			i++
			if nodes[s].kids&hasOut == 0 {
				continue
			}
		}
		// State s, entered by text[i-1], has outputs.
		for k := nodes[s].out; ; k++ {
			o := outs[k]
			if !words || o.len&inWordOut == 0 || !isWordAt(text, i) {
				f(o.id, int32(i)-o.len&outLen, int32(i))
			}
			if o.len&lastOut != 0 {
				break
			}
		}
	}
	// The tables may live outside the heap (tableOf): a must stay
	// reachable until the last read of them.
	runtime.KeepAlive(a)
}

// run feeds the bytes of text from i on, from state s, until one enters a
// state with outputs (out; next is past that byte) or a byte that starts a
// rune beyond ASCII is next (when there are markers: its word start needs
// decoding), or the text ends. It makes no call (the automaton's step and
// child searches are written out): every byte of every comment goes
// through this loop, and a call in it costs more than the work per byte.
func (a *automaton) run(text string, i int, s int32, prevWord bool) (next int, state int32, word, out bool) {
	nodes, labels, dense, class := a.nodes, a.labels, a.dense, &a.class
	nd, nc := a.nDense, a.nclass
	markers := a.markerClass != 0
	for ; i < len(text); i++ {
		c := text[i]
		// b is the byte fed; more says c is still to feed after a marker.
		b, more := c, false
		if markers {
			if c >= 0xc0 {
				return i, s, prevWord, false
			}
			if c < utf8.RuneSelf {
				w := asciiWord[c]
				if w && !prevWord {
					b, more = marker, true
				}
				prevWord = w
			}
		}
	feed:
		for s >= nd {
			n := &nodes[s]
			if k := int32(n.kids & kidMask); k == 1 {
				if n.kid0 == b {
					s = n.first
					goto sparse
				}
			} else if k > 1 && b >= n.kid0 {
				// The child labelled b, among labels sorted.
				lo, hi := n.first, n.first+k
				if k <= linearMax {
					for t := lo; t < hi; t++ {
						if labels[t] == b {
							s = t
							goto sparse
						}
					}
				} else {
					for lo < hi {
						m := int32(uint32(lo+hi) >> 1)
						if labels[m] < b {
							lo = m + 1
						} else {
							hi = m
						}
					}
					if lo < n.first+k && labels[lo] == b {
						s = lo
						goto sparse
					}
				}
			}
			s = n.fail
		}
		if v := dense[s*nc+int32(class[b])]; v&outFlag == 0 {
			s = int32(v)
		} else {
			s = int32(v &^ outFlag)
			if !more {
				return i + 1, s, prevWord, true
			}
		}
		if more {
			b, more = c, false
			goto feed
		}
		continue
	sparse:
		if more {
			b, more = c, false
			goto feed
		}
		if nodes[s].kids&hasOut != 0 {
			return i + 1, s, prevWord, true
		}
	}
	return i, s, prevWord, false
}

// asciiWord marks the ASCII bytes that are word characters in normalised
// text (isWordAt).
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// child returns the child of n (with more than one child) labelled c, or -1.
func (a *automaton) child(n *node, c byte) int32 {
	k := int32(n.kids & kidMask)
	labels := a.labels[n.first : n.first+k]
	if k <= linearMax {
		for i, l := range labels {
			if l == c {
				return n.first + int32(i)
			}
		}
		return -1
	}
	if i, ok := slices.BinarySearch(labels, c); ok {
		return n.first + int32(i)
	}
	return -1
}

// step is the transition from state s on byte c, failure links included.
func (a *automaton) step(s int32, c byte) int32 {
	for s >= a.nDense {
		n := &a.nodes[s]
		if n.kids&kidMask == 1 {
			if n.kid0 == c {
				return n.first
			}
		} else if t := a.child(n, c); t >= 0 {
			return t
		}
		s = n.fail
	}
	return int32(a.dense[s*a.nclass+int32(a.class[c])] &^ outFlag)
}

// goTo is the trie's own transition from s on c (no failure link), or -1.
func (a *automaton) goTo(s int32, c byte) int32 {
	if s < a.nDense {
		// A dense row also holds the failure transitions: only a
		// child of s is one level deeper, with s as its parent.
		if t := int32(a.dense[s*a.nclass+int32(a.class[c])] &^ outFlag); t > 0 && a.parentIs(t, s) {
			return t
		}
		return -1
	}
	n := &a.nodes[s]
	if n.kids&kidMask == 1 {
		if n.kid0 == c {
			return n.first
		}
		return -1
	}
	return a.child(n, c)
}

// parentIs reports whether t is a child of s.
func (a *automaton) parentIs(t, s int32) bool {
	n := &a.nodes[s]
	return t >= n.first && t < n.first+int32(n.kids&kidMask)
}

// scanFrom calls f(id, from, end) for every anchored pattern that starts
// at byte from of text, as if a word started there, in increasing end. The
// detector needs it inside a word joined from spaced-out letters, where any
// position may start a match; scan reports only the word's own start.
func (a *automaton) scanFrom(text string, from int, f func(id, start, end int32)) {
	if a.markerClass == 0 {
		return
	}
	s := a.goTo(0, marker)
	prevWord := true
	for i := from; s >= 0 && i < len(text); i++ {
		c := text[i]
		if i > from && utf8.RuneStart(c) {
			w := isWordAt(text, i)
			if w && !prevWord {
				if s = a.goTo(s, marker); s < 0 {
					return
				}
			}
			prevWord = w
		}
		if s = a.goTo(s, c); s < 0 {
			return
		}
		n := &a.nodes[s]
		if n.kids&hasOut == 0 {
			continue
		}
		// The state's own patterns come first in its outputs; of those
		// that end here, only anchored ones that start at from are new.
		for k := n.out; ; k++ {
			o := a.outs[k]
			if l := o.len & outLen; int(l) == i+1-from && a.anchored[o.id] {
				f(o.id, int32(from), int32(i+1))
			}
			if o.len&lastOut != 0 {
				break
			}
		}
	}
	// The tables may live outside the heap (tableOf): a must stay
	// reachable until the last read of them.
	runtime.KeepAlive(a)
}

// states is the number of automaton states, for reporting.
func (a *automaton) states() int { return len(a.nodes) }

// size is the memory held by the automaton's tables, in bytes.
func (a *automaton) size() int {
	return 16*len(a.nodes) + len(a.labels) + 8*len(a.outs) + 2*(len(a.dense)+len(a.class))
}

// What a pattern's entries all lack, so the detector can reject a match
// inside a word from these bits alone: reading its entries would be a
// cache miss per match, and most matches are pieces of longer words.
const (
	factNoPre     = 1 << iota // no entry has a leading '*'
	factNoSuf                 // no entry has a trailing '*'
	factNoInflect             // no entry takes inflectional endings (flag i)
)

// matchFacts returns the fact bits of a pattern with entries es.
func (lx *lexicon) matchFacts(es []int32) uint8 {
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
	return f
}

// marked returns p as the automaton stores it: a marker before each word
// start after the first byte, and before the first when anchored.
func marked(p string, anchored bool) string {
	var b []byte
	prevWord := false
	for i := 0; i < len(p); {
		_, size := utf8.DecodeRuneInString(p[i:])
		w := isWordAt(p, i)
		if w && !prevWord && (i > 0 || anchored) {
			if b == nil {
				b = append(make([]byte, 0, len(p)+4), p[:i]...)
			}
			b = append(b, marker)
		}
		if b != nil {
			b = append(b, p[i:i+size]...)
		}
		prevWord = w
		i += size
	}
	if b == nil {
		return p
	}
	return string(b)
}
