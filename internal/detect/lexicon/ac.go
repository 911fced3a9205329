package lexicon

import "sort"

// automaton is an Aho-Corasick matcher over bytes, compiled to a full DFA
// with bytes folded into the classes that occur in patterns. It reports
// every occurrence of every pattern, overlapping ones included: the
// detector needs "idiot" inside "jävla idiot" as well as the phrase, and a
// shorter pattern whose word boundaries hold when a longer one's do not.
// (A leftmost-longest matcher would hide both.)
type automaton struct {
	class  [256]uint8
	nclass int32
	delta  []int32  // state*nclass + class -> state, when states do not fit 16 bits
	d16    []uint16 // the same, compact (the usual case: half the cache footprint)
	outAt  []int32  // state -> start of its outputs in outs; outAt[s+1] ends them
	// firstOut: states are numbered so that those with outputs come last,
	// and the scan looks at outAt (a cache miss, most bytes) only from here.
	firstOut int32
	outs     []int32 // pattern ids
	plen     []int32 // pattern id -> length in bytes
}

type trieNode struct {
	next map[byte]int32
	out  []int32
}

// compile builds the automaton for patterns; pattern i has id i.
func compile(patterns []string) *automaton {
	a := &automaton{plen: make([]int32, len(patterns))}
	used := [256]bool{}
	for _, p := range patterns {
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	a.nclass = 1 // class 0: bytes in no pattern
	for b := 0; b < 256; b++ {
		if used[b] {
			a.class[b] = uint8(a.nclass)
			a.nclass++
		}
	}
	nodes := []trieNode{{next: map[byte]int32{}}}
	for id, p := range patterns {
		a.plen[id] = int32(len(p))
		s := int32(0)
		for i := 0; i < len(p); i++ {
			n, ok := nodes[s].next[p[i]]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, trieNode{next: map[byte]int32{}})
				nodes[s].next[p[i]] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	nc := a.nclass
	a.delta = make([]int32, int32(len(nodes))*nc)
	fail := make([]int32, len(nodes))
	// Breadth-first: a state's failure target is complete before the state.
	queue := make([]int32, 0, len(nodes))
	keys := func(m map[byte]int32) []int {
		ks := make([]int, 0, len(m))
		for k := range m {
			ks = append(ks, int(k))
		}
		sort.Ints(ks)
		return ks
	}
	for _, b := range keys(nodes[0].next) {
		n := nodes[0].next[byte(b)]
		a.delta[int32(a.class[b])] = n
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		// Inherit the failure state's transitions, then override with our own.
		copy(a.delta[s*nc:(s+1)*nc], a.delta[fail[s]*nc:(fail[s]+1)*nc])
		nodes[s].out = append(nodes[s].out, nodes[fail[s]].out...)
		for _, b := range keys(nodes[s].next) {
			n := nodes[s].next[byte(b)]
			fail[n] = a.delta[fail[s]*nc+int32(a.class[b])]
			a.delta[s*nc+int32(a.class[b])] = n
			queue = append(queue, n)
		}
	}
	// Renumber: states without outputs first (the root stays 0), so the
	// scan can skip the output table with one comparison.
	newID := make([]int32, len(nodes))
	order := make([]int32, 0, len(nodes))
	rootOut := len(nodes[0].out) > 0
	order = append(order, 0)
	for pass := 0; pass < 2; pass++ {
		for st := 1; st < len(nodes); st++ {
			if (len(nodes[st].out) > 0) == (pass == 1) {
				order = append(order, int32(st))
			}
		}
		if pass == 0 {
			a.firstOut = int32(len(order))
		}
	}
	if rootOut {
		a.firstOut = 0
	}
	for n, old := range order {
		newID[old] = int32(n)
	}
	renum := make([]int32, len(a.delta))
	renumNodes := make([]trieNode, len(nodes))
	for n, old := range order {
		for c := int32(0); c < nc; c++ {
			renum[int32(n)*nc+c] = newID[a.delta[old*nc+c]]
		}
		renumNodes[n] = nodes[old]
	}
	a.delta, nodes = renum, renumNodes
	if len(nodes) <= 1<<16 {
		a.d16 = make([]uint16, len(a.delta))
		for i, v := range a.delta {
			a.d16[i] = uint16(v)
		}
		a.delta = nil
	}
	a.outAt = make([]int32, len(nodes)+1)
	for s := range nodes {
		a.outAt[s] = int32(len(a.outs))
		a.outs = append(a.outs, nodes[s].out...)
	}
	a.outAt[len(nodes)] = int32(len(a.outs))
	return a
}

// scan calls f(id, start, end) for every occurrence of every pattern in text.
func (a *automaton) scan(text string, f func(id, start, end int32)) {
	s := int32(0)
	nc := a.nclass
	for i := 0; i < len(text); i++ {
		if a.d16 != nil {
			s = int32(a.d16[s*nc+int32(a.class[text[i]])])
		} else {
			s = a.delta[s*nc+int32(a.class[text[i]])]
		}
		if s < a.firstOut {
			continue
		}
		for k := a.outAt[s]; k < a.outAt[s+1]; k++ {
			id := a.outs[k]
			end := int32(i + 1)
			f(id, end-a.plen[id], end)
		}
	}
}

// states is the number of DFA states, for reporting.
func (a *automaton) states() int { return len(a.outAt) - 1 }

// size is the memory held by the transition table, in bytes.
func (a *automaton) size() int {
	return 2*len(a.d16) + 4*(len(a.delta)+len(a.outAt)+len(a.outs)+len(a.plen))
}
