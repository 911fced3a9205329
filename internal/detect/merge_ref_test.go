package detect

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// refMerge is Merge as first written (a map of keys, sort.SliceStable),
// kept to prove the allocation-light version merges the same way.
func refMerge(sigs []Signal) []Signal {
	if len(sigs) == 0 {
		return []Signal{}
	}
	type key struct {
		c Category
		e string
	}
	idx := map[key]int{}
	var out []Signal
	for _, s := range sigs {
		k := key{s.Category, s.Entity}
		i, ok := idx[k]
		if !ok {
			s.Spans = append([]Span(nil), s.Spans...)
			idx[k] = len(out)
			out = append(out, s)
			continue
		}
		m := &out[i]
		if s.Score > m.Score {
			m.Score = s.Score
		}
		if s.Severity > m.Severity {
			m.Severity = s.Severity
		}
		m.Spans = append(m.Spans, s.Spans...)
		if !strings.Contains(m.Detector, s.Detector) {
			m.Detector += "+" + s.Detector
			m.Version += "+" + s.Version
		}
		if s.Explanation != "" && !strings.Contains(m.Explanation, s.Explanation) {
			if m.Explanation != "" {
				m.Explanation += "; "
			}
			m.Explanation += s.Explanation
		}
	}
	for i := range out {
		spans := out[i].Spans
		if len(spans) < 2 {
			if spans == nil {
				spans = []Span{}
			}
			out[i].Spans = spans
			continue
		}
		sort.Slice(spans, func(a, b int) bool {
			if spans[a][0] != spans[b][0] {
				return spans[a][0] < spans[b][0]
			}
			return spans[a][1] < spans[b][1]
		})
		u := spans[:1]
		for _, s := range spans[1:] {
			last := &u[len(u)-1]
			if s[0] <= last[1] {
				if s[1] > last[1] {
					last[1] = s[1]
				}
				continue
			}
			u = append(u, s)
		}
		out[i].Spans = u
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].Entity < out[j].Entity
	})
	return out
}

func TestMergeMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cats := []Category{Insult, Hate, PII, Doxxing, Complaint, Spam}
	scores := []float64{0, 0.25, 0.5, 0.5, 0.75, 1}
	for n := range 2000 {
		sigs := make([]Signal, rng.IntN(24))
		for i := range sigs {
			s := Signal{
				Category: cats[rng.IntN(len(cats))],
				Score:    scores[rng.IntN(len(scores))],
				Severity: rng.IntN(4),
				Detector: []string{"lexicon", "model", "pii"}[rng.IntN(3)],
				Version:  "v1",
			}
			if s.Category == PII || s.Category == Doxxing {
				s.Entity = []string{"email", "phone"}[rng.IntN(2)]
			}
			if rng.IntN(3) > 0 {
				s.Explanation = fmt.Sprintf("why %d", rng.IntN(5))
			}
			for range rng.IntN(4) {
				a := rng.IntN(50)
				s.Spans = append(s.Spans, Span{a, a + rng.IntN(10)})
			}
			sigs[i] = s
		}
		in := append([]Signal(nil), sigs...)
		got, want := Merge(in), refMerge(sigs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: Merge(%v)\n = %v\nwant %v", n, sigs, got, want)
		}
	}
}
