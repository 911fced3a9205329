package policy

import (
	"fmt"
	"testing"
)

func TestCapabilityGaps(t *testing.T) {
	p := Default()
	all := func(ActionName) bool { return true }
	if gaps := CapabilityGaps(p, all); len(gaps) != 0 {
		t.Errorf("everything possible: gaps %v", gaps)
	}
	// Mastodon alone: no hide.
	noHide := func(a ActionName) bool { return a != ActionHide }
	gaps := CapabilityGaps(p, noHide)
	if len(gaps) == 0 {
		t.Fatal("the default policy hides, yet no gap without hide")
	}
	for _, g := range gaps {
		if fmt.Sprint(g.Actions) != "[hide]" || g.RuleID == "" {
			t.Errorf("gap %+v", g)
		}
		r, _ := p.Rule(g.RuleID)
		found := false
		for _, a := range r.Actions {
			found = found || a.Name == ActionHide
		}
		if !found {
			t.Errorf("rule %s reported without a hide action", g.RuleID)
		}
	}
	// Escalate and review never make a gap.
	none := func(ActionName) bool { return false }
	for _, g := range CapabilityGaps(p, none) {
		for _, a := range g.Actions {
			if a == ActionEscalate || a == ActionReview || a == ActionAllow {
				t.Errorf("gap on %s in %s", a, g.RuleID)
			}
		}
	}
}
