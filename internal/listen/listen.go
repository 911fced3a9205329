// Package listen watches a workspace's traffic as time series and raises
// early warnings of social-media storms and coordinated campaigns.
//
// Every observed item (an Obs) is counted per workspace, channel and topic
// (a keyword set or a staff member's name) in minute buckets: volume,
// negative items, items per category, first-time authors. Series keeps
// those counts in memory and hands them to the store as upserts of
// counters (minute rows, rolled up into hour rows); Detector compares short
// and long sliding windows of the same counts with a baseline that follows
// the daily and weekly rhythm (plus a CUSUM trend test that accumulates a
// rise too gentle for any one window, weighing each newcomer by its
// tone), and Campaigns looks at content and
// authors (near-identical texts from many authors, one author on several
// channels).
// RunBench measures both on the simulator's storms.
package listen

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"golang.org/x/text/unicode/norm"
)

// Obs is one item as listening sees it: where and when, who, and what the
// detectors (or, in the benchmark, the simulator's truth) said about it.
type Obs struct {
	Workspace string
	Channel   string
	ItemID    int64
	At        time.Time
	// AuthorID identifies the author on the channel; AuthorName is the
	// display name, used to follow one person across channels.
	AuthorID   string
	AuthorName string
	Text       string
	// Negative says the item is abusive or a complaint; Categories are the
	// categories found.
	Negative   bool
	Categories []detect.Category
	// NewAuthor says this is the author's first item in the workspace.
	NewAuthor bool
}

// NegativeCats make an item negative for listening: abuse and complaints.
// Spam is not tone; a crisis signal (death, police, press) is news, not
// negativity.
var NegativeCats = []detect.Category{detect.Insult, detect.Harassment, detect.Threat, detect.Hate, detect.Sexual, detect.Doxxing, detect.Accusation, detect.Complaint}

// MinScore is the least score of a signal listening counts, and
// MinScores the least per category where the default policy asks for
// more before it acts (policy/default.yaml): the trained model reports
// every category it weighs, down to 0.1 ("ohhh la bouille" is 0.36
// insult), and a veiled-threat cue alone scores 0.5 ("3 ans qu'on vient
// chez vous ... merci !"); counting those made half the "negative" items
// praise and questions, and a thank-you repeated by five clients looked
// like a campaign.
const MinScore = 0.5

// MinScores: see MinScore.
var MinScores = map[detect.Category]float64{
	detect.Threat: 0.7, detect.Hate: 0.7, detect.Sexual: 0.7, detect.Harassment: 0.7,
	detect.Doxxing: 0.6, detect.Accusation: 0.6, detect.Complaint: 0.6,
}

// FromSignals is what listening takes from the detectors' signals: the
// categories found with at least their minimum score, once each in
// order, and whether the item is negative. The live listener and the
// benchmark share it, so the benchmark measures what production sees.
func FromSignals(sigs []detect.Signal) (negative bool, cats []detect.Category) {
	for _, s := range sigs {
		if s.Score < max(MinScore, MinScores[s.Category]) {
			continue
		}
		if !slices.Contains(cats, s.Category) {
			cats = append(cats, s.Category)
		}
		if slices.Contains(NegativeCats, s.Category) {
			negative = true
		}
	}
	return negative, cats
}

// Topic is a named set of keywords; an item is about the topic when its
// text contains one of them as whole words (case and accents ignored).
// A staff member's name is a topic of one keyword.
type Topic struct {
	Name     string
	Keywords []string
}

// StaffTopics makes one topic per staff name.
func StaffTopics(names []string) []Topic {
	out := make([]Topic, 0, len(names))
	for _, n := range names {
		out = append(out, Topic{Name: n, Keywords: []string{n}})
	}
	return out
}

// All is the channel or topic name of the aggregate over every channel or
// over all items, whatever their topic.
const All = "*"

// Key names one series.
type Key struct {
	Workspace string
	Channel   string // a channel, or All
	Topic     string // a topic name, or All
}

// matcher finds topics in texts.
type matcher struct {
	topics []Topic
	folded [][]string // folded keywords per topic
}

func newMatcher(topics []Topic) *matcher {
	m := &matcher{topics: topics}
	for _, t := range topics {
		var ks []string
		for _, k := range t.Keywords {
			if f := fold(k); f != "" {
				ks = append(ks, f)
			}
		}
		m.folded = append(m.folded, ks)
	}
	return m
}

// match returns the names of the topics text is about.
func (m *matcher) match(text string) []string {
	if len(m.topics) == 0 {
		return nil
	}
	f := fold(text)
	var out []string
	for i, ks := range m.folded {
		for _, k := range ks {
			if containsWord(f, k) {
				out = append(out, m.topics[i].Name)
				break
			}
		}
	}
	return out
}

// keys expands an observation into the series it counts in: its channel
// and all channels, each overall and per matched topic.
func (m *matcher) keys(o Obs, buf []Key) []Key {
	buf = buf[:0]
	topics := append([]string{All}, m.match(o.Text)...)
	for _, ch := range []string{o.Channel, All} {
		for _, tp := range topics {
			buf = append(buf, Key{Workspace: o.Workspace, Channel: ch, Topic: tp})
		}
	}
	return buf
}

// fold lowercases and strips accents, so "Dr Dubois" matches "dr dubois"
// and "Sophie" matches "SOPHIE".
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// containsWord reports whether k occurs in s with no letter or digit
// directly before or after it: "lars" is not in "larsson".
func containsWord(s, k string) bool {
	for i := 0; i <= len(s)-len(k); {
		j := strings.Index(s[i:], k)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(k):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		i = j + 1
	}
	return false
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
