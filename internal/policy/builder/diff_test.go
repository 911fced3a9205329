package builder

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // ops, one char per line
	}{
		{"both empty", "", "", ""},
		{"same", "a\nb\n", "a\nb\n", "  "},
		{"from nothing", "", "a\nb\n", "++"},
		{"to nothing", "a\nb\n", "", "--"},
		{"insert in the middle", "a\nc\n", "a\nb\nc\n", " + "},
		{"delete in the middle", "a\nb\nc\n", "a\nc\n", " - "},
		{"replace one line", "a\nb\nc\n", "a\nB\nc\n", " -+ "},
		{"no final newline", "a\nb", "a\nb\n", "  "},
		{"classic", "a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc", ""}, // checked by replay below
	}
	for _, tt := range tests {
		got := Diff(tt.old, tt.new)
		var ops strings.Builder
		for _, l := range got {
			ops.WriteByte(byte(l.Op))
		}
		if tt.want != "" && ops.String() != tt.want {
			t.Errorf("%s: ops %q, want %q", tt.name, ops.String(), tt.want)
		}
		checkReplay(t, tt.old, tt.new, got)
	}
	// Myers finds a shortest script: 5 edits for the classic example.
	ins, del := Changed(Diff("a\nb\nc\na\nb\nb\na", "c\nb\na\nb\na\nc"))
	if ins+del != 5 {
		t.Errorf("classic example: %d edits, want 5", ins+del)
	}
}

// checkReplay: the kept and deleted lines give the old text, the kept and
// inserted ones the new text, with consistent line numbers.
func checkReplay(t *testing.T, old, new string, ls []Line) {
	t.Helper()
	var a, b []string
	for _, l := range ls {
		if l.Op != Insert {
			a = append(a, l.Text)
			if l.OldLine != len(a) {
				t.Fatalf("old line number %d, want %d", l.OldLine, len(a))
			}
		}
		if l.Op != Delete {
			b = append(b, l.Text)
			if l.NewLine != len(b) {
				t.Fatalf("new line number %d, want %d", l.NewLine, len(b))
			}
		}
	}
	if !slices2(a, splitLines(old)) || !slices2(b, splitLines(new)) {
		t.Fatalf("replay of the diff does not give the texts back:\n%v\n%v", a, b)
	}
}

func slices2(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// lcs is the textbook dynamic programme, to check Myers' edit count.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

func TestDiffIsMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func() string {
		n := r.IntN(25)
		var ls []string
		for range n {
			ls = append(ls, string(rune('a'+r.IntN(4))))
		}
		return strings.Join(ls, "\n")
	}
	for range 500 {
		a, b := gen(), gen()
		d := Diff(a, b)
		checkReplay(t, a, b, d)
		ins, del := Changed(d)
		la, lb := splitLines(a), splitLines(b)
		if want := len(la) + len(lb) - 2*lcs(la, lb); ins+del != want {
			t.Fatalf("%q -> %q: %d edits, shortest is %d", a, b, ins+del, want)
		}
	}
}

// Two versions of a real policy: only the changed lines show.
func TestDiffPolicies(t *testing.T) {
	a, _ := Preset(Municipality, "sv")
	r1, _ := Build(a, "1")
	a.Never = append(a.Never, "insults")
	r2, _ := Build(a, "2")
	d := Diff(string(r1.PolicyYAML), string(r2.PolicyYAML))
	checkReplay(t, string(r1.PolicyYAML), string(r2.PolicyYAML), d)
	ins, del := Changed(d)
	if ins != 3 || del != 3 { // version, R9's actions and its public text
		for _, l := range d {
			if l.Op != Equal {
				t.Logf("%c %s", l.Op, l.Text)
			}
		}
		t.Errorf("+%d -%d, want +3 -3", ins, del)
	}
}

func FuzzDiff(f *testing.F) {
	f.Add("a\nb\nc", "a\nc\nd")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		checkReplay(t, a, b, Diff(a, b))
	})
}

// Two unrelated long texts: beyond maxEdit the diff gives up on a
// shortest script but stays correct (everything removed, then added).
func TestDiffUnrelatedLongTexts(t *testing.T) {
	var a, b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&a, "a%d\n", i)
		fmt.Fprintf(&b, "b%d\n", i)
	}
	d := Diff(a.String(), b.String())
	checkReplay(t, a.String(), b.String(), d)
	if ins, del := Changed(d); ins != 3000 || del != 3000 {
		t.Errorf("+%d -%d", ins, del)
	}
}

func BenchmarkDiffPolicies(b *testing.B) {
	a, _ := Preset(Municipality, "sv")
	r1, _ := Build(a, "1")
	a.Never = append(a.Never, "insults")
	a.Extra = []string{"en"}
	r2, _ := Build(a, "2")
	b.ResetTimer()
	for b.Loop() {
		Diff(string(r1.PolicyYAML), string(r2.PolicyYAML))
	}
}
