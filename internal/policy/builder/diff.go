package builder

import "strings"

// Op is what a diff line does.
type Op byte

// The diff operations.
const (
	Equal  Op = ' '
	Delete Op = '-'
	Insert Op = '+'
)

// Line is one line of a diff: kept, removed from the old text or added in
// the new one, with its line numbers (0 where it has none).
type Line struct {
	Op      Op
	Text    string
	OldLine int
	NewLine int
}

// Diff compares two texts line by line with Myers' algorithm (the shortest
// edit script, O((N+M)·D) time), so two versions of a policy that differ
// in a few lines diff quickly whatever their length.
func Diff(old, new string) []Line {
	a, b := splitLines(old), splitLines(new)
	// Trim the common prefix and suffix: most versions change little.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []Line
	for i := 0; i < pre; i++ {
		out = append(out, Line{Op: Equal, Text: a[i], OldLine: i + 1, NewLine: i + 1})
	}
	for _, l := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		if l.OldLine > 0 {
			l.OldLine += pre
		}
		if l.NewLine > 0 {
			l.NewLine += pre
		}
		out = append(out, l)
	}
	for i := suf; i > 0; i-- {
		out = append(out, Line{Op: Equal, Text: a[len(a)-i], OldLine: len(a) - i + 1, NewLine: len(b) - i + 1})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// maxEdit bounds the edit distance Diff searches; beyond it (two
// unrelated texts) the diff is everything removed, then everything added.
const maxEdit = 2000

// myers returns the edit script from a to b, lines numbered from 1.
func myers(a, b []string) []Line {
	n, m := len(a), len(b)
	maxD := n + m
	if maxD == 0 {
		return nil
	}
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	// trace[d] keeps the frontier before step d, over k in [-d-1, d+1]
	// only: memory grows with the edit distance, not the texts' length.
	var trace [][]int
	for d := 0; d <= maxD && d <= maxEdit; d++ {
		snap := make([]int, 2*d+3)
		copy(snap, v[off-d-1:off+d+2])
		trace = append(trace, snap)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1] // down: an insertion
			} else {
				x = v[off+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, d)
			}
		}
	}
	out := make([]Line, 0, n+m)
	for i, s := range a {
		out = append(out, Line{Op: Delete, Text: s, OldLine: i + 1})
	}
	for i, s := range b {
		out = append(out, Line{Op: Insert, Text: s, NewLine: i + 1})
	}
	return out
}

// backtrack walks the saved frontiers from the end back to the start.
func backtrack(a, b []string, trace [][]int, d int) []Line {
	x, y := len(a), len(b)
	var rev []Line
	for ; d > 0; d-- {
		snap := trace[d]
		at := func(k int) int { return snap[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			rev = append(rev, Line{Op: Equal, Text: a[x-1], OldLine: x, NewLine: y})
			x--
			y--
		}
		if x == px {
			rev = append(rev, Line{Op: Insert, Text: b[y-1], NewLine: y})
		} else {
			rev = append(rev, Line{Op: Delete, Text: a[x-1], OldLine: x})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		rev = append(rev, Line{Op: Equal, Text: a[x-1], OldLine: x, NewLine: y})
		x--
		y--
	}
	out := make([]Line, len(rev))
	for i, l := range rev {
		out[len(rev)-1-i] = l
	}
	return out
}

// Changed counts the inserted and deleted lines of a diff.
func Changed(ls []Line) (ins, del int) {
	for _, l := range ls {
		switch l.Op {
		case Insert:
			ins++
		case Delete:
			del++
		}
	}
	return ins, del
}
