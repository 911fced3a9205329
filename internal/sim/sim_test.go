package sim

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

var t0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday

func week(t testing.TB, cfg Config) []Event {
	t.Helper()
	g := New(cfg)
	end := g.Now().Add(7 * 24 * time.Hour)
	var evs []Event
	for {
		ev := g.Next()
		if !ev.Item.CreatedAt.Before(end) {
			return evs
		}
		evs = append(evs, ev)
	}
}

func TestCorpus(t *testing.T) {
	for _, err := range corpusErrors {
		t.Error(err)
	}
	// Every family ordinary traffic or a storm can ask for.
	var families []string
	for _, ws := range roleBuckets {
		for _, w := range ws {
			families = append(families, w.name)
		}
	}
	for _, sh := range Shapes {
		for _, w := range stormBuckets(&stormState{Storm: Storm{Shape: sh}}, 1) {
			families = append(families, w.name)
		}
	}
	families = append(families, "defend")
	slices.Sort(families)
	families = slices.Compact(families)

	total := 0
	for _, lang := range corpusLangs {
		n := 0
		for _, ts := range templates[lang] {
			n += len(ts)
		}
		total += n
		t.Logf("%s: %d templates", lang, n)
		if lang == "nn" {
			if n < 20 {
				t.Errorf("nn: %d templates, want at least 20", n)
			}
			continue // Nynorsk borrows missing families from Bokmål
		}
		for _, f := range families {
			if len(templates[lang][f]) == 0 && !(f == "pii" || f == "hate" || f == "sexual") {
				t.Errorf("%s: no %q template", lang, f)
			}
		}
		if n < 60 {
			t.Errorf("%s: %d templates, want at least 60", lang, n)
		}
	}
	t.Logf("total: %d templates", total)
}

func TestDeterminism(t *testing.T) {
	gen := func(seed uint64) []Event {
		g := New(Config{Seed: seed, Workspace: "demo", RatePerHour: 200, Start: t0})
		if _, err := g.InjectStorm(Storm{Shape: PileOn, Start: t0.Add(10 * time.Hour), Duration: time.Hour, Multiplier: 5}); err != nil {
			t.Fatal(err)
		}
		evs := make([]Event, 3000)
		for i := range evs {
			evs[i] = g.Next()
		}
		return evs
	}
	a, b := gen(7), gen(7)
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Fatalf("event %d differs for the same seed:\n%+v\n%+v", i, a[i], b[i])
		}
	}
	c := gen(8)
	same := 0
	for i := range a {
		if a[i].Item.Text == c[i].Item.Text {
			same++
		}
	}
	if same > len(a)/10 {
		t.Errorf("seeds 7 and 8 share %d of %d texts", same, len(a))
	}
}

func TestRhythm(t *testing.T) {
	evs := week(t, Config{Seed: 1, RatePerHour: 120, Start: t0})
	var byHour [24]int
	var byDay [7]int
	for _, ev := range evs {
		byHour[ev.Item.CreatedAt.Hour()]++
		byDay[ev.Item.CreatedAt.Weekday()]++
	}
	t.Logf("items in a week: %d (expected about %d); by hour %v; by weekday (Sun first) %v", len(evs), 120*24*7, byHour, byDay)
	if byHour[12] < 5*byHour[3] {
		t.Errorf("12:00 has %d items, 03:00 has %d: want a clear daily rhythm", byHour[12], byHour[3])
	}
	if byHour[20] <= byHour[16] {
		t.Errorf("the evening peak (%d at 20:00) should beat mid-afternoon (%d at 16:00)", byHour[20], byHour[16])
	}
	weekday := float64(byDay[1]+byDay[2]+byDay[3]+byDay[4]+byDay[5]) / 5
	if float64(byDay[0]) > 0.75*weekday {
		t.Errorf("Sunday has %d items against %.0f on an average weekday: want a quiet Sunday", byDay[0], weekday)
	}
	if n := len(evs); n < 120*24*7*9/10 || n > 120*24*7*11/10 {
		t.Errorf("%d items in a week at 120/h: want within 10%% of %d", n, 120*24*7)
	}
}

func TestLabelsAndLanguages(t *testing.T) {
	evs := week(t, Config{Seed: 3, Workspace: "demo", RatePerHour: 120, Start: t0})
	langs := map[string]int{}
	cats := map[detect.Category]int{}
	removed, negative := 0, 0
	for _, ev := range evs {
		tr := ev.Truth
		if tr.Lang == "" || tr.Template == "" || tr.Role == "" {
			t.Fatalf("incomplete truth: %+v", tr)
		}
		if !strings.HasPrefix(tr.Template, tr.Lang+"/") {
			t.Errorf("template %s for language %s", tr.Template, tr.Lang)
		}
		langs[tr.Lang]++
		for _, c := range tr.Categories {
			if _, err := detect.ParseCategory(string(c)); err != nil {
				t.Error(err)
			}
			cats[c]++
		}
		if tr.Remove != hasAny(tr.Categories, removeCats) {
			t.Errorf("Remove=%v for %v", tr.Remove, tr.Categories)
		}
		if tr.Remove {
			removed++
		}
		if tr.Negative {
			negative++
		}
		if ev.Item.Workspace != "demo" || ev.Item.Text == "" || ev.Item.Channel == "" || ev.Item.PlatformID == "" {
			t.Fatalf("incomplete item: %+v", ev.Item)
		}
		if !slices.Contains(ingest.Kinds, ev.Item.Kind) {
			t.Errorf("kind %q", ev.Item.Kind)
		}
		if strings.Contains(ev.Item.Text, "{") || strings.Contains(ev.Item.Text, "}") {
			t.Errorf("unfilled slot in %q (%s)", ev.Item.Text, tr.Template)
		}
	}
	t.Logf("languages %v", langs)
	t.Logf("categories %v", cats)
	t.Logf("removable %.1f%%, negative %.1f%%", 100*float64(removed)/float64(len(evs)), 100*float64(negative)/float64(len(evs)))
	for _, l := range corpusLangs {
		if langs[l] == 0 {
			t.Errorf("no item in %s", l)
		}
	}
	for _, c := range detect.Categories {
		if cats[c] == 0 {
			t.Errorf("no item of category %s", c)
		}
	}
	if share := float64(removed) / float64(len(evs)); share < 0.03 || share > 0.15 {
		t.Errorf("removable share %.3f: want a minority between 3%% and 15%%", share)
	}
}

func TestIDsThreadsAndPayloads(t *testing.T) {
	evs := week(t, Config{Seed: 4, RatePerHour: 60, Start: t0})
	seen := map[string]ingest.Item{}
	replies := 0
	var last time.Time
	for _, ev := range evs {
		it := ev.Item
		if !it.CreatedAt.After(last) {
			t.Fatalf("time went back or stood still: %v after %v", it.CreatedAt, last)
		}
		last = it.CreatedAt
		key := it.Channel + "\x00" + it.PlatformID
		if _, dup := seen[key]; dup {
			t.Fatalf("duplicate platform id %s", key)
		}
		if it.ThreadID == "" {
			t.Errorf("no thread id: %+v", it)
		}
		if it.ParentID != "" {
			replies++
			p, ok := seen[it.Channel+"\x00"+it.ParentID]
			if !ok {
				t.Fatalf("parent %s of %s is not an earlier item of %s", it.ParentID, it.PlatformID, it.Channel)
			}
			if it.ThreadID != p.ThreadID {
				t.Errorf("reply %s in thread %s, its parent in %s", it.PlatformID, it.ThreadID, p.ThreadID)
			}
			if it.Kind != ingest.KindReply {
				t.Errorf("reply of kind %s", it.Kind)
			}
		}
		seen[key] = it
		var raw map[string]any
		if err := json.Unmarshal(it.Raw, &raw); err != nil {
			t.Fatalf("raw payload of %s: %v", it.Channel, err)
		}
		if it.Channel != "mastodon:@clinic@social.example" && !strings.Contains(string(it.Raw), jsonString(it.Text)) {
			t.Errorf("raw payload of %s lacks the text: %s", it.Channel, it.Raw)
		}
	}
	if share := float64(replies) / float64(len(evs)); share < 0.1 || share > 0.5 {
		t.Errorf("reply share %.2f", share)
	}
	// Same seed, same ids.
	again := week(t, Config{Seed: 4, RatePerHour: 60, Start: t0})
	if again[len(again)-1].Item.PlatformID != evs[len(evs)-1].Item.PlatformID {
		t.Error("platform ids are not stable for a seed")
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func TestAuthorsRecur(t *testing.T) {
	evs := week(t, Config{Seed: 5, RatePerHour: 60, Start: t0})
	perAuthor := map[string]int{}
	type tally struct{ n, removable, praise int }
	byRole := map[Role]*tally{}
	for _, ev := range evs {
		if ev.Item.AuthorID != "" {
			perAuthor[ev.Item.Channel+"/"+ev.Item.AuthorID]++
		}
		r := byRole[ev.Truth.Role]
		if r == nil {
			r = &tally{}
			byRole[ev.Truth.Role] = r
		}
		r.n++
		if ev.Truth.Remove {
			r.removable++
		}
		if slices.Contains(ev.Truth.Categories, detect.Praise) {
			r.praise++
		}
	}
	recurring := 0
	for _, n := range perAuthor {
		if n >= 5 {
			recurring++
		}
	}
	t.Logf("%d authors, %d with 5 items or more", len(perAuthor), recurring)
	if recurring < 20 {
		t.Errorf("only %d recurring authors", recurring)
	}
	for role, r := range byRole {
		t.Logf("%s: %d items, %d removable, %d praise", role, r.n, r.removable, r.praise)
	}
	if r := byRole[RoleOffender]; r == nil || float64(r.removable) < 0.5*float64(r.n) {
		t.Errorf("repeat offenders should mostly write removable items: %+v", r)
	}
	if r := byRole[RoleSupporter]; r == nil || float64(r.praise) < 0.5*float64(r.n) {
		t.Errorf("supporters should mostly praise: %+v", r)
	}
	if r := byRole[RoleSpammer]; r == nil || r.removable != r.n {
		t.Errorf("spammers should only spam: %+v", r)
	}
}

func TestStormMultipliesVolume(t *testing.T) {
	start := t0.Add(24*time.Hour + 11*time.Hour) // Tuesday 11:00
	for _, st := range []Storm{
		{Shape: PileOn, Duration: 2 * time.Hour, Multiplier: 5},
		{Shape: SlowBuild, Duration: 3 * time.Hour, Multiplier: 3},
		{Shape: Campaign, Duration: 2 * time.Hour, Multiplier: 6},
		{Shape: DoxxingWave, Duration: 2 * time.Hour, Multiplier: 4, Channels: []string{"facebook:page", "instagram:clinic"}},
	} {
		t.Run(string(st.Shape), func(t *testing.T) {
			st.Start = start
			end := start.Add(st.Duration)
			g := New(Config{Seed: 11, RatePerHour: 120, Start: t0})
			id, err := g.InjectStorm(st)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, i := range g.storms[0].channels {
				names = append(names, g.channels[i].name)
			}
			// inWindow counts the items on the storm's channels inside its
			// window; base is the same count from a run without the storm.
			var with, storm, fresh, removable int
			reached := map[string]bool{}
			for {
				ev := g.Next()
				at := ev.Item.CreatedAt
				if !at.Before(end) {
					break
				}
				if ev.Truth.Storm != 0 {
					if ev.Truth.Storm != id || at.Before(start) {
						t.Fatalf("storm label %d at %v", ev.Truth.Storm, at)
					}
					storm++
					reached[ev.Item.Channel] = true
					if ev.Truth.AuthorNew {
						fresh++
					}
					if ev.Truth.Remove {
						removable++
					}
				}
				if !at.Before(start) && slices.Contains(names, ev.Item.Channel) {
					with++
				}
			}
			base := 0
			plain := New(Config{Seed: 11, RatePerHour: 120, Start: t0})
			for {
				ev := plain.Next()
				if !ev.Item.CreatedAt.Before(end) {
					break
				}
				if !ev.Item.CreatedAt.Before(start) && slices.Contains(names, ev.Item.Channel) {
					base++
				}
			}
			ratio := float64(with) / float64(base)
			want := 1 + (st.Multiplier-1)*meanShape(st.Shape)
			t.Logf("%s on %v: %d items in the window against %d without (×%.2f, expected ×%.2f); %d storm items, %d from new authors, %d removable",
				st.Shape, names, with, base, ratio, want, storm, fresh, removable)
			if ratio < 0.8*want || ratio > 1.2*want {
				t.Errorf("volume ×%.2f, want about ×%.2f", ratio, want)
			}
			if float64(fresh) < 0.5*float64(storm) {
				t.Errorf("%d of %d storm items from new authors: want a crowd of newcomers", fresh, storm)
			}
			if st.Shape == Campaign && len(reached) < 3 {
				t.Errorf("campaign reached only %v", reached)
			}
		})
	}
}

// meanShape is the mean of a shape over its window.
func meanShape(sh Shape) float64 {
	s := &stormState{Storm: Storm{Shape: sh}, start: t0, end: t0.Add(1000 * time.Second)}
	sum := 0.0
	for i := range 1000 {
		sum += s.shape(t0.Add(time.Duration(i)*time.Second + time.Second/2))
	}
	return sum / 1000
}

func TestStormCampaignAndDoxxing(t *testing.T) {
	g := New(Config{Seed: 2, RatePerHour: 120, Start: t0})
	camp, _ := g.InjectStorm(Storm{Shape: Campaign, Start: t0.Add(12 * time.Hour), Duration: time.Hour, Multiplier: 8})
	dox, _ := g.InjectStorm(Storm{Shape: DoxxingWave, Start: t0.Add(15 * time.Hour), Duration: time.Hour, Multiplier: 5})
	var campaignTexts []string
	phones := map[string]bool{}
	for {
		ev := g.Next()
		if ev.Item.CreatedAt.After(t0.Add(17 * time.Hour)) {
			break
		}
		switch ev.Truth.Storm {
		case camp:
			if strings.Contains(ev.Truth.Template, "/campaign/") {
				campaignTexts = append(campaignTexts, ev.Item.Text)
			}
		case dox:
			if slices.Contains(ev.Truth.Categories, detect.Doxxing) {
				phones[g.storms[dox-1].bind.phone] = strings.Contains(ev.Item.Text, g.storms[dox-1].bind.phone) || phones[g.storms[dox-1].bind.phone]
			}
		}
	}
	// Near-identical: once case, accents, mentions and emoji are set
	// aside, the campaign's two base texts account for most items exactly.
	base := map[string]bool{}
	for _, b := range g.storms[camp-1].campaign {
		base[letters(b)] = true
	}
	exact := 0
	for _, s := range campaignTexts {
		if base[letters(s)] {
			exact++
		}
	}
	t.Logf("%d campaign items, %d identical to a base text but for case, accents, punctuation and emoji", len(campaignTexts), exact)
	if len(campaignTexts) < 50 || float64(exact) < 0.7*float64(len(campaignTexts)) {
		t.Errorf("campaign not near-identical: %d of %d", exact, len(campaignTexts))
	}
	for p, seen := range phones {
		if !seen {
			t.Errorf("the doxxing wave never spread its phone number %s", p)
		}
	}
}

// letters keeps the lower-case, accent-free letters of s after any leading
// @mention.
func letters(s string) string {
	if strings.HasPrefix(s, "@") {
		_, s, _ = strings.Cut(s, " ")
	}
	var b strings.Builder
	for _, r := range strings.ToLower(accentFold.Replace(s)) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestInjectStormErrors(t *testing.T) {
	g := New(Config{Seed: 1})
	for _, st := range []Storm{
		{Shape: "tornado", Duration: time.Hour, Multiplier: 2},
		{Shape: PileOn, Duration: 0, Multiplier: 2},
		{Shape: PileOn, Duration: time.Hour, Multiplier: 1},
		{Shape: PileOn, Duration: time.Hour, Multiplier: 2, Channels: []string{"myspace:page"}},
		{Shape: PileOn, Duration: time.Hour, Multiplier: 2, Lang: "fi"},
	} {
		if _, err := g.InjectStorm(st); err == nil {
			t.Errorf("InjectStorm(%+v): no error", st)
		}
	}
}

func TestRunPacesEvents(t *testing.T) {
	g := New(Config{Seed: 1, RatePerHour: 600, Start: t0})
	wall := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return wall }
	sleep := func(_ context.Context, d time.Duration) error { wall = wall.Add(d); return nil }
	var got []Event
	stop := errors.New("enough")
	err := run(context.Background(), g, 60, func(ev Event) error {
		// Each event arrives when its simulated time, scaled down 60 times, is due.
		due := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Add(ev.Item.CreatedAt.Sub(t0) / 60)
		if wall.Before(due) {
			t.Errorf("event due at %v emitted at %v", due, wall)
		}
		got = append(got, ev)
		if len(got) == 100 {
			return stop
		}
		return nil
	}, now, sleep)
	if !errors.Is(err, stop) || len(got) != 100 {
		t.Fatalf("run: %v after %d events", err, len(got))
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err = Run(ctx, New(Config{Seed: 1}), 0, func(Event) error {
		if n++; n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Errorf("Run after cancel: %v, %d events", err, n)
	}
}

// Validators written independently of the generators, from each scheme's
// definition.
func TestFakeNumbersPassChecksums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	digitsOf := func(s string) []int {
		var d []int
		for _, c := range s {
			if c >= '0' && c <= '9' {
				d = append(d, int(c-'0'))
			}
		}
		return d
	}
	for range 200 {
		if d := digitsOf(bsn(rng)); len(d) != 9 || (9*d[0]+8*d[1]+7*d[2]+6*d[3]+5*d[4]+4*d[5]+3*d[6]+2*d[7]-d[8])%11 != 0 {
			t.Fatalf("BSN %v fails the eleven test", d)
		}
		if d := digitsOf(personnummer(rng)); len(d) != 10 || luhn(d) != 0 {
			t.Fatalf("personnummer %v fails Luhn", d)
		}
		if d := digitsOf(fodselsnummer(rng)); len(d) != 11 || !fnrOK(d) {
			t.Fatalf("fødselsnummer %v fails mod 11", d)
		}
		s := nir(rng)
		d := digitsOf(s)
		n, key := uint64(0), d[13]*10+d[14]
		for _, x := range d[:13] {
			n = n*10 + uint64(x)
		}
		if len(d) != 15 || uint64(key) != 97-n%97 {
			t.Fatalf("NIR %s has a bad key", s)
		}
		if id := steuerID(rng); !steuerOK(digitsOf(id)) {
			t.Fatalf("Steuer-ID %s invalid", id)
		}
		if iban := belgianIBAN(rng); !ibanOK(strings.ReplaceAll(iban, " ", "")) {
			t.Fatalf("IBAN %s invalid", iban)
		}
	}
}

func luhn(d []int) int {
	sum := 0
	for i := range d {
		v := d[len(d)-1-i]
		if i%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum % 10
}

func fnrOK(d []int) bool {
	k1 := 11 - (3*d[0]+7*d[1]+6*d[2]+1*d[3]+8*d[4]+9*d[5]+4*d[6]+5*d[7]+2*d[8])%11
	k2 := 11 - (5*d[0]+4*d[1]+3*d[2]+2*d[3]+7*d[4]+6*d[5]+5*d[6]+4*d[7]+3*d[8]+2*d[9])%11
	return k1%11 == d[9] && k2%11 == d[10]
}

func steuerOK(d []int) bool {
	if len(d) != 11 || d[0] == 0 {
		return false
	}
	var counts [10]int
	for _, x := range d[:10] {
		counts[x]++
	}
	twice, missing := 0, 0
	for _, c := range counts {
		switch c {
		case 0:
			missing++
		case 2:
			twice++
		}
	}
	if twice != 1 || missing != 1 {
		return false
	}
	p := 10
	for _, x := range d[:10] {
		s := (x + p) % 10
		if s == 0 {
			s = 10
		}
		p = s * 2 % 11
	}
	return (11-p)%10 == d[10]
}

func ibanOK(s string) bool {
	r := s[4:] + s[:4]
	rem := 0
	for _, c := range r {
		v := int(c - '0')
		if c >= 'A' && c <= 'Z' {
			v = int(c-'A') + 10
			rem = (rem*100 + v) % 97
			continue
		}
		rem = (rem*10 + v) % 97
	}
	return rem == 1
}

func BenchmarkNext(b *testing.B) {
	g := New(Config{Seed: 1, RatePerHour: 120, Start: t0})
	for b.Loop() {
		g.Next()
	}
}
