// Package sim owns the traffic simulator shared by the demo, the tests and
// the benchmarks: a seeded, deterministic stream of multilingual items for a
// workspace's channels, as a small organization (a veterinary clinic in a
// French-, Dutch- and English-speaking city) would receive them, each with
// its ground truth kept beside the item, never inside it.
//
// The stream has a daily and weekly rhythm (quiet nights, busy lunch and
// evening, quiet Sundays), threads (replies to earlier items), recurring
// authors (regulars, repeat offenders, supporters, spammers) and storms
// injected on demand (sudden pile-on, slow build, cross-channel campaign,
// doxxing wave) from crowds of new accounts.
//
// Everything is derived from Config.Seed and the calls made: the same seed,
// configuration and calls give the same stream, byte for byte. All personal
// data in it (names, addresses, phone and identity numbers) is invented;
// identity numbers carry valid checksums so that detectors that check them
// fire as they would on real data.
package sim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
)

// Event is one simulated item with the truth about it.
type Event struct {
	Item  ingest.Item
	Truth Truth
}

// Role says what kind of author wrote an item.
type Role string

// The author roles.
const (
	RoleRegular   Role = "regular"   // a client or neighbour, mostly questions, thanks, complaints
	RoleOffender  Role = "offender"  // a repeat offender: abuse is most of what they write
	RoleSupporter Role = "supporter" // an ambassador: praise, and defending the staff under attack
	RoleSpammer   Role = "spammer"   // scams and spam, often from throwaway accounts
	RoleStorm     Role = "storm"     // a newcomer who arrived with a storm
)

// Truth is what a perfect moderator would know about an event.
type Truth struct {
	// Lang is the ISO 639-1 code the text was written in ("nb" or "nn" for
	// Norwegian).
	Lang string
	// Categories are the categories a detector should find; empty for small
	// talk. Sorted in detect.Categories order.
	Categories []detect.Category
	// Remove says whether the item should come down under a typical policy
	// (insult, harassment, threat, hate, sexual harassment, doxxing, spam).
	// Complaints, however harsh, accusations and crisis signals stay up and
	// go to a person instead.
	Remove bool
	// Negative says whether the item counts as negative for tone metrics
	// (complaints and abuse, not spam).
	Negative bool
	// Storm is the id InjectStorm returned for the storm that caused the
	// item, or 0 for ordinary traffic.
	Storm int
	// Role is the author's role; AuthorNew says this is the author's first
	// item in the stream.
	Role      Role
	AuthorNew bool
	// Template names the template the text came from ("fr/threat/3"), to
	// trace a surprising label back to its source.
	Template string
}

// removeCats are the categories that make an item removable.
var removeCats = []detect.Category{detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual, detect.Doxxing, detect.Spam}

// negativeCats are the categories that make an item negative.
var negativeCats = []detect.Category{detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual, detect.Doxxing, detect.Complaint, detect.Accusation, detect.Crisis}

// DefaultChannels are the demo workspace's channels.
var DefaultChannels = []string{
	"facebook:page",
	"instagram:clinic",
	"bluesky:clinic.example",
	"mastodon:@clinic@social.example",
	"survey",
}

// DefaultStaff are the demo clinic's staff, as clients name them.
var DefaultStaff = []string{"Dr Martin", "Dr Janssens", "Dr Dubois", "Sophie", "Lars", "Nadia", "Thomas"}

// DefaultOrgNames are the demo clinic's names, as clients write them.
var DefaultOrgNames = []string{"Clinique Vétérinaire des Tilleuls", "Dierenkliniek De Linden", "les Tilleuls"}

// DefaultLanguages is the demo's language mix: a clinic in Brussels, with a
// German-speaking, a Swedish and a Norwegian clientele.
var DefaultLanguages = map[string]float64{"fr": 0.38, "nl": 0.24, "en": 0.14, "de": 0.08, "sv": 0.07, "nb": 0.07, "nn": 0.02}

// Config sets up a generator. Only Seed matters for determinism; the zero
// value of every other field has a sensible default.
type Config struct {
	Seed      uint64
	Workspace string
	// Channels default to DefaultChannels. The part before the first ':'
	// names the platform (facebook, instagram, bluesky, mastodon, survey);
	// anything else is a generic channel.
	Channels []string
	// RatePerHour is the mean number of items per hour over a week; the
	// rhythm moves it between about a tenth at night and twice at peaks.
	// Default 60.
	RatePerHour float64
	// Start is when simulated time begins. Default Monday 2 March 2026,
	// 00:00 UTC.
	Start time.Time
	// Location is where the daily rhythm is lived. Default Start's location.
	Location *time.Location
	// Languages weighs the languages of ordinary traffic (fr, nl, en, de, sv,
	// nb, nn; other codes are ignored). Default DefaultLanguages.
	Languages map[string]float64
	// Staff and OrgNames are what texts name. Defaults DefaultStaff and
	// DefaultOrgNames.
	Staff    []string
	OrgNames []string
	// Authors is the size of the pool of recurring authors. Default 800.
	Authors int
}

// Generator produces events in simulated time. It is not safe for
// concurrent use: one goroutine drives it (Run does).
type Generator struct {
	cfg      Config
	loc      *time.Location
	rng      *rand.Rand
	now      time.Time
	seq      uint64
	channels []channel
	chanW    []float64 // cumulative weights of channels
	langs    []string
	langW    []float64 // cumulative weights of languages
	authors  []*author
	authW    []float64 // cumulative activity of the pool
	byRole   map[Role][]*author
	storms   []*stormState
	pageID   uint64
}

type channel struct {
	name     string
	platform string
	weight   float64
	recent   []parentRef // ring of recent items, for replies
	next     int
	nposts   int
}

// parentRef is what a reply needs to know about an earlier item.
type parentRef struct {
	platformID string
	threadID   string
	lang       string
	abusive    bool
	storm      int
}

const recentPerChannel = 40

var platformWeights = map[string]float64{
	"facebook":  0.38,
	"instagram": 0.27,
	"bluesky":   0.10,
	"mastodon":  0.10,
	"survey":    0.08,
}

// New returns a generator positioned at cfg.Start.
func New(cfg Config) *Generator {
	if len(cfg.Channels) == 0 {
		cfg.Channels = DefaultChannels
	}
	if cfg.RatePerHour <= 0 {
		cfg.RatePerHour = 60
	}
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	}
	if cfg.Location == nil {
		cfg.Location = cfg.Start.Location()
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = DefaultLanguages
	}
	if len(cfg.Staff) == 0 {
		cfg.Staff = DefaultStaff
	}
	if len(cfg.OrgNames) == 0 {
		cfg.OrgNames = DefaultOrgNames
	}
	if cfg.Authors <= 0 {
		cfg.Authors = 800
	}
	g := &Generator{
		cfg:    cfg,
		loc:    cfg.Location,
		rng:    rand.New(rand.NewPCG(cfg.Seed, 0x5707_3a7c_4000_0001)),
		now:    cfg.Start,
		byRole: map[Role][]*author{},
	}
	g.pageID = 100000000000000 + g.rng.Uint64N(900000000000)
	total := 0.0
	for _, name := range cfg.Channels {
		platform, _, _ := strings.Cut(name, ":")
		w, ok := platformWeights[platform]
		if !ok {
			w = 0.07
		}
		total += w
		g.channels = append(g.channels, channel{name: name, platform: platform, weight: w})
		g.chanW = append(g.chanW, total)
	}
	for i := range g.channels {
		g.channels[i].weight /= total
		g.chanW[i] /= total
	}
	// Languages in a fixed order: map iteration order would break determinism.
	total = 0
	for _, l := range corpusLangs {
		if w := cfg.Languages[l]; w > 0 {
			total += w
			g.langs = append(g.langs, l)
			g.langW = append(g.langW, total)
		}
	}
	if total == 0 {
		g.langs, g.langW, total = []string{"fr"}, []float64{1}, 1
	}
	for i := range g.langW {
		g.langW[i] /= total
	}
	g.buildAuthors()
	return g
}

// Config returns the configuration in force, defaults filled in.
func (g *Generator) Config() Config { return g.cfg }

// Now is the simulated time of the last event (or the start).
func (g *Generator) Now() time.Time { return g.now }

// Context returns what the workspace knows about itself, for detectors.
func (g *Generator) Context() *detect.Context {
	return &detect.Context{StaffNames: slices.Clone(g.cfg.Staff), OrgNames: slices.Clone(g.cfg.OrgNames)}
}

// Next returns the next event in simulated time.
func (g *Generator) Next() Event {
	t, storm, ch := g.nextArrival()
	g.now = t
	g.seq++
	if storm != nil {
		return g.stormEvent(storm, ch)
	}
	return g.baseEvent(ch)
}

// Profile is the relative volume at a local hour (the value at hh:00; the
// rhythm interpolates linearly between them): quiet nights, a morning rise,
// a lunch peak and a bigger evening peak.
var hourProfile = [24]float64{
	0.15, 0.08, 0.05, 0.04, 0.04, 0.07, 0.20, 0.45, 0.75, 0.90, 0.95, 1.15,
	1.60, 1.50, 1.00, 0.95, 1.00, 1.10, 1.25, 1.55, 1.70, 1.50, 1.00, 0.45,
}

// dayProfile is the relative volume per weekday, Sunday first.
var dayProfile = [7]float64{0.55, 1.05, 1.00, 1.00, 1.00, 1.05, 0.85}

// profileMean makes the rhythm average to 1 over a week, so RatePerHour is
// the weekly mean.
var profileMean = func() float64 {
	h, d := 0.0, 0.0
	for _, v := range hourProfile {
		h += v
	}
	for _, v := range dayProfile {
		d += v
	}
	return h / 24 * d / 7
}()

// rhythm is the relative volume at t (weekly mean 1).
func (g *Generator) rhythm(t time.Time) float64 {
	l := t.In(g.loc)
	h := l.Hour()
	frac := (float64(l.Minute())*60 + float64(l.Second())) / 3600
	v := hourProfile[h]*(1-frac) + hourProfile[(h+1)%24]*frac
	return v * dayProfile[l.Weekday()] / profileMean
}

// rhythmBound bounds rhythm on [a, b] when b-a is at most an hour.
func (g *Generator) rhythmBound(a, b time.Time) float64 {
	la, lb := a.In(g.loc), b.In(g.loc)
	m := max(hourProfile[la.Hour()], hourProfile[(la.Hour()+1)%24], hourProfile[lb.Hour()], hourProfile[(lb.Hour()+1)%24])
	d := max(dayProfile[la.Weekday()], dayProfile[lb.Weekday()])
	return m * d / profileMean
}

// nextArrival draws the next arrival of a non-homogeneous Poisson process
// by thinning, piecewise: within each piece (at most an hour, cut at storm
// starts and ends) the rate is bounded, candidates are drawn at the bound
// and kept with probability rate/bound.
func (g *Generator) nextArrival() (time.Time, *stormState, int) {
	t := g.now
	for {
		end := t.Add(time.Hour)
		for _, s := range g.storms {
			if s.start.After(t) && s.start.Before(end) {
				end = s.start
			}
			if s.end.After(t) && s.end.Before(end) {
				end = s.end
			}
		}
		base := g.cfg.RatePerHour * g.rhythmBound(t, end)
		bound := base
		for _, s := range g.storms {
			if s.active(t) {
				bound += base * (s.Multiplier - 1) * s.share
			}
		}
		dt := time.Duration(g.rng.ExpFloat64() / bound * float64(time.Hour))
		if dt < time.Millisecond {
			dt = time.Millisecond // keeps timestamps strictly increasing
		}
		cand := t.Add(dt)
		if !cand.Before(end) {
			t = end
			continue
		}
		t = cand
		rate := g.cfg.RatePerHour * g.rhythm(t)
		total := rate
		for _, s := range g.storms {
			if s.active(t) {
				total += rate * (s.Multiplier - 1) * s.share * s.shape(t)
			}
		}
		u := g.rng.Float64() * bound
		if u >= total {
			continue
		}
		if u < rate {
			return t, nil, pick(g.rng, g.chanW)
		}
		u -= rate
		for _, s := range g.storms {
			if !s.active(t) {
				continue
			}
			extra := rate * (s.Multiplier - 1) * s.share * s.shape(t)
			if u < extra {
				return t, s, s.channels[pick(g.rng, s.chanW)]
			}
			u -= extra
		}
		// Rounding left u past the last storm: count it as ordinary traffic.
		return t, nil, pick(g.rng, g.chanW)
	}
}

// pick returns an index drawn from cumulative weights ending at 1.
func pick(rng *rand.Rand, cum []float64) int {
	u := rng.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, u)
	return min(i, len(cum)-1)
}

// baseEvent is one item of ordinary traffic on channel ci.
func (g *Generator) baseEvent(ci int) Event {
	ch := &g.channels[ci]
	a := g.pickAuthor()
	parent, reply := g.maybeReply(ch, a.role == RoleSpammer)
	lang := a.lang
	if reply && parent.lang != "" && g.rng.Float64() < 0.7 {
		lang = parent.lang // people answer in the thread's language
	}
	bucket := g.pickBucket(a, ch, reply && parent.abusive)
	tp := pickTemplate(g.rng, lang, bucket)
	b := g.binding(tp.lang)
	text := render(g.rng, tp, b)
	return g.finish(ch, a, tp, text, parent, reply, 0)
}

// finish wraps a rendered text into an event.
func (g *Generator) finish(ch *channel, a *author, tp *template, text string, parent parentRef, reply bool, storm int) Event {
	cats := tp.cats
	ev := Event{Truth: Truth{
		Lang:       tp.lang,
		Categories: cats,
		Remove:     hasAny(cats, removeCats),
		Negative:   hasAny(cats, negativeCats),
		Storm:      storm,
		Role:       a.role,
		AuthorNew:  a.items == 0,
		Template:   tp.id,
	}}
	a.items++
	if ch.platform == "mastodon" || ch.platform == "bluesky" {
		if !reply && g.rng.Float64() < 0.6 {
			text = mentionOf(ch) + " " + text // a mention names the account it mentions
		}
	}
	it := ingest.Item{
		Workspace:  g.cfg.Workspace,
		Channel:    ch.name,
		Kind:       g.kind(ch, reply),
		Text:       text,
		AuthorName: a.name,
		CreatedAt:  g.now,
	}
	if reply {
		it.ParentID = parent.platformID
		it.ThreadID = parent.threadID
	}
	g.identify(ch, a, &it, ev.Truth, storm)
	ev.Item = it
	ch.remember(parentRef{platformID: it.PlatformID, threadID: it.ThreadID, lang: tp.lang, abusive: ev.Truth.Remove, storm: storm})
	return ev
}

func hasAny(cats, of []detect.Category) bool {
	for _, c := range cats {
		if slices.Contains(of, c) {
			return true
		}
	}
	return false
}

func (ch *channel) remember(p parentRef) {
	if len(ch.recent) < recentPerChannel {
		ch.recent = append(ch.recent, p)
		return
	}
	ch.recent[ch.next] = p
	ch.next = (ch.next + 1) % recentPerChannel
}

var replyShare = map[string]float64{"facebook": 0.30, "instagram": 0.25, "bluesky": 0.35, "mastodon": 0.35, "survey": 0}

// maybeReply decides whether the next item answers an earlier one on the
// same channel, favouring the most recent.
func (g *Generator) maybeReply(ch *channel, spam bool) (parentRef, bool) {
	p, ok := replyShare[ch.platform]
	if !ok {
		p = 0.2
	}
	if spam {
		p /= 2
	}
	if len(ch.recent) == 0 || g.rng.Float64() >= p {
		return parentRef{}, false
	}
	// Age 0 is the newest; squaring a uniform draw leans to recent items.
	u := g.rng.Float64()
	age := int(u * u * float64(len(ch.recent)))
	i := (ch.next - 1 - age + 2*len(ch.recent)) % len(ch.recent)
	if len(ch.recent) < recentPerChannel {
		i = len(ch.recent) - 1 - age
	}
	return ch.recent[i], true
}

func (g *Generator) kind(ch *channel, reply bool) ingest.Kind {
	if reply {
		return ingest.KindReply
	}
	switch ch.platform {
	case "survey":
		return ingest.KindSurvey
	case "bluesky", "mastodon":
		return ingest.KindMention
	case "facebook":
		switch u := g.rng.Float64(); {
		case u < 0.06:
			return ingest.KindReview // a page recommendation
		case u < 0.12:
			return ingest.KindMessage
		}
	case "instagram":
		if g.rng.Float64() < 0.05 {
			return ingest.KindMention
		}
	}
	return ingest.KindComment
}

// bucket weights per role for ordinary traffic. Buckets are template
// families; most are named after the category they carry.
var roleBuckets = map[Role][]weighted{
	RoleRegular: {
		{"question", 30}, {"praise", 33}, {"neutral", 8}, {"complaint", 17}, {"crisis", 1.2},
		{"accusation", 1}, {"insult", 1.6}, {"harassment", 0.5}, {"threat", 0.3}, {"hate", 0.2},
		{"sexual", 0.3}, {"doxxing", 0.1}, {"pii", 1},
	},
	RoleOffender: {
		{"insult", 25}, {"harassment", 20}, {"threat", 12}, {"hate", 8}, {"sexual", 7},
		{"doxxing", 5}, {"accusation", 10}, {"complaint", 8}, {"crisis", 5},
	},
	RoleSupporter: {{"praise", 70}, {"question", 15}, {"neutral", 15}},
	RoleSpammer:   {{"spam", 1}},
}

// surveyBuckets: a satisfaction survey gets answers, not conversations.
var surveyBuckets = []weighted{{"praise", 55}, {"complaint", 35}, {"question", 4}, {"crisis", 3}, {"accusation", 2}, {"insult", 1}}

type weighted struct {
	name string
	w    float64
}

func pickWeighted(rng *rand.Rand, ws []weighted) string {
	total := 0.0
	for _, w := range ws {
		total += w.w
	}
	u := rng.Float64() * total
	for _, w := range ws {
		if u < w.w {
			return w.name
		}
		u -= w.w
	}
	return ws[len(ws)-1].name
}

func (g *Generator) pickBucket(a *author, ch *channel, underAbuse bool) string {
	if ch.platform == "survey" && a.role != RoleSpammer {
		return pickWeighted(g.rng, surveyBuckets)
	}
	if underAbuse && (a.role == RoleSupporter || a.role == RoleRegular) && g.rng.Float64() < 0.5 {
		return "defend" // someone stands up for the staff
	}
	return pickWeighted(g.rng, roleBuckets[a.role])
}

// binding draws the slot values of ordinary traffic.
func (g *Generator) binding(lang string) *binding {
	return &binding{
		lang:  lang,
		staff: g.cfg.Staff[g.rng.IntN(len(g.cfg.Staff))],
		pet:   petNames[g.rng.IntN(len(petNames))],
		org:   g.cfg.OrgNames,
	}
}

// identify gives the item its platform id, author id, URL and raw payload.
func (g *Generator) identify(ch *channel, a *author, it *ingest.Item, tr Truth, storm int) {
	salt := g.rng.Uint64N(97)
	postOf := func() uint64 {
		if storm > 0 && g.rng.Float64() < 0.85 {
			return g.storms[storm-1].post // a storm gathers under one post
		}
		return g.postID(ch)
	}
	switch ch.platform {
	case "facebook":
		var post uint64
		if _, p, ok := strings.Cut(it.ThreadID, "_"); ok {
			post, _ = strconv.ParseUint(p, 10, 64) // a reply sits under its thread's post
		} else {
			post = postOf()
		}
		it.PlatformID = fmt.Sprintf("%d_%d", post, 1000000000000000+g.seq*97+salt)
		if it.ThreadID == "" {
			it.ThreadID = fmt.Sprintf("%d_%d", g.pageID, post)
		}
		it.AuthorID = a.id("facebook")
		it.URL = fmt.Sprintf("https://www.facebook.com/%d/posts/%d?comment_id=%s", g.pageID, post, it.PlatformID)
	case "instagram":
		it.PlatformID = fmt.Sprintf("%d", 17900000000000000+g.seq*97+salt)
		if it.ThreadID == "" {
			it.ThreadID = fmt.Sprintf("%d", 17800000000000000+postOf())
		}
		it.AuthorID = a.id("instagram")
		it.URL = "https://www.instagram.com/p/" + shortcode(g.seq)
	case "bluesky":
		did := a.id("bluesky")
		it.PlatformID = "at://" + did + "/app.bsky.feed.post/" + tid(g.now, g.seq)
		it.AuthorID = did
		it.URL = "https://bsky.app/profile/" + a.handle("bluesky") + "/post/" + tid(g.now, g.seq)
	case "mastodon":
		it.PlatformID = fmt.Sprintf("%d", uint64(g.now.UnixMilli())<<16|g.seq&0xffff)
		it.AuthorID = a.id("mastodon")
		it.URL = "https://" + a.instance() + "/@" + a.handle("mastodon") + "/" + it.PlatformID
	case "survey":
		it.PlatformID = fmt.Sprintf("resp_%08d", g.seq)
		if a.surveyID != "" {
			it.AuthorID = a.surveyID
		} else {
			it.AuthorName = "" // an anonymous answer
		}
	default:
		it.PlatformID = fmt.Sprintf("%s-%d", ch.name, g.seq)
		it.AuthorID = a.id("generic")
	}
	if it.ThreadID == "" {
		it.ThreadID = it.PlatformID // a root item is its own thread
	}
	if (ch.platform == "bluesky" || ch.platform == "mastodon") && g.rng.Float64() < 0.7 {
		it.Lang = tr.Lang // clients of these platforms tag a post's language, mostly
	}
	it.Raw = g.payload(ch, a, it, tr)
}

// postID is the clinic's own post that top-level comments of a Facebook or
// Instagram channel sit under: one new post a day, comments mostly on the
// latest.
func (g *Generator) postID(ch *channel) uint64 {
	day := int(g.now.Sub(g.cfg.Start) / (24 * time.Hour))
	if g.rng.Float64() < 0.25 && day > 0 {
		day -= 1 + g.rng.IntN(min(day, 3))
	}
	return 4000000000000 + uint64(day)*7919 + uint64(len(ch.name))
}

func mentionOf(ch *channel) string {
	_, acct, _ := strings.Cut(ch.name, ":")
	if acct == "" {
		return "@clinic"
	}
	if ch.platform == "bluesky" && !strings.HasPrefix(acct, "@") {
		return "@" + acct
	}
	// Mastodon text shows the short form of a handle.
	if at := strings.LastIndex(acct, "@"); at > 0 {
		return acct[:at]
	}
	return acct
}

// base32 sortable alphabet of AT Protocol record keys (TIDs).
const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

// tid encodes a time and a sequence like an AT Protocol TID: 53 bits of
// microseconds and 10 bits of clock id, 13 characters.
func tid(t time.Time, seq uint64) string {
	v := uint64(t.UnixMicro())<<10 | seq&0x3ff
	var b [13]byte
	for i := 12; i >= 0; i-- {
		b[i] = tidAlphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

const shortAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func shortcode(seq uint64) string {
	v := seq*2654435761 + 0x9e3779b97f4a7c15
	var b [11]byte
	for i := range b {
		b[i] = shortAlphabet[v&63]
		v >>= 6
		if v == 0 {
			v = seq + uint64(i) + 1
		}
	}
	return string(b[:])
}
