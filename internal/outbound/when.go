package outbound

import (
	"regexp"
	"strconv"
	"time"
)

// mention is a date (or a day named relative to publication) written in
// a post, with its span. A mention is a whole day: a post saying "Saturday
// the 21st" tells a reader where to be that day, whatever the hour.
type mention struct {
	day        time.Time // midnight, in the publication's location
	start, end int
}

var monthNames = map[string]time.Month{}

func init() {
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},   // en
		{"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"},    // fr (folded)
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}, // nl
		{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},   // sv
		{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},      // nb
		{"januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},      // de (folded)
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},                                         // abbreviations
		{"janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "okt", "nov", "des"},                                  // more abbreviations
	}
	for _, l := range lists {
		for i, name := range l {
			if _, dup := monthNames[name]; !dup {
				monthNames[name] = time.Month(i + 1)
			}
		}
	}
	monthNames["maerz"] = time.March
	monthNames["dez"] = time.December
}

// relativeDays are words naming a day from the publication's: today,
// tonight, tomorrow in the six languages (folded; multi-word forms are
// matched word by word).
var relativeDays = []struct {
	words  []string
	offset int
}{
	{[]string{"today"}, 0}, {[]string{"tonight"}, 0}, {[]string{"this", "evening"}, 0}, {[]string{"tomorrow"}, 1},
	{[]string{"aujourd", "hui"}, 0}, {[]string{"ce", "soir"}, 0}, {[]string{"demain"}, 1},
	{[]string{"vandaag"}, 0}, {[]string{"vanavond"}, 0}, {[]string{"morgen"}, 1},
	{[]string{"idag"}, 0}, {[]string{"i", "dag"}, 0}, {[]string{"ikvall"}, 0}, {[]string{"i", "kvall"}, 0}, {[]string{"imorgon"}, 1}, {[]string{"i", "morgon"}, 1},
	{[]string{"i", "kveld"}, 0}, {[]string{"i", "morgen"}, 1},
	{[]string{"heute"}, 0}, {[]string{"heute", "abend"}, 0},
}

var (
	isoDate     = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	numericDate = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?\b`)
	// a time right before a numeric date-like pair means the pair is a
	// time ("kl. 18.30"), which numericDate would read as a day and month.
	clockCue = regexp.MustCompile(`(?i)(?:^|\s)(kl|klo|um|at|à|om|vers)\.?\s*$`)
)

// mentions finds the days a text names: ISO dates, day/month numbers (day
// first, as in all six languages), day and month name in either order, and
// today/tonight/tomorrow. A year left out is the one that puts the day
// nearest to the publication.
func mentions(text string, ts []token, pub time.Time) []mention {
	loc := pub.Location()
	day0 := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, loc)
	var out []mention
	overlaps := func(start, end int) bool {
		for _, o := range out {
			if start < o.end && o.start < end {
				return true
			}
		}
		return false
	}
	add := func(y int, m time.Month, d, start, end int) {
		if m < 1 || m > 12 || d < 1 || d > 31 || overlaps(start, end) {
			return
		}
		if y == 0 {
			best := time.Time{}
			for _, cy := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
				c := time.Date(cy, m, d, 0, 0, 0, 0, loc)
				if c.Day() != d { // 31 November
					continue
				}
				if best.IsZero() || absDur(c.Sub(day0)) < absDur(best.Sub(day0)) {
					best = c
				}
			}
			if !best.IsZero() {
				out = append(out, mention{best, start, end})
			}
			return
		}
		if y < 100 {
			y += 2000
		}
		t := time.Date(y, m, d, 0, 0, 0, 0, loc)
		if t.Day() != d { // 31 November
			return
		}
		out = append(out, mention{t, start, end})
	}
	for _, m := range isoDate.FindAllStringSubmatchIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		d, _ := strconv.Atoi(text[m[6]:m[7]])
		add(y, time.Month(mo), d, m[0], m[1])
	}
	for _, m := range numericDate.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > 0 && (text[m[0]-1] == '-' || text[m[0]-1] == ':') { // inside an ISO date or a clock time
			continue
		}
		if m[1] < len(text) && text[m[1]] == ':' {
			continue
		}
		if clockCue.MatchString(text[max(0, m[0]-8):m[0]]) && m[6] < 0 {
			continue
		}
		d, _ := strconv.Atoi(text[m[2]:m[3]])
		mo, _ := strconv.Atoi(text[m[4]:m[5]])
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(text[m[6]:m[7]])
		}
		add(y, time.Month(mo), d, m[0], m[1])
	}
	// Day and month names, in either order, with an optional year after.
	for i, t := range ts {
		mo, ok := monthNames[t.fold]
		if !ok {
			continue
		}
		d, start := 0, t.start
		if i > 0 && isDayNumber(ts[i-1].fold) && t.start-ts[i-1].end <= 3 {
			d, _ = strconv.Atoi(ts[i-1].fold)
			start = ts[i-1].start
		} else if i > 1 && ts[i-1].fold == "de" && isDayNumber(ts[i-2].fold) { // "21 de noviembre" style
			d, _ = strconv.Atoi(ts[i-2].fold)
			start = ts[i-2].start
		} else if i+1 < len(ts) && isDayNumber(ts[i+1].fold) && ts[i+1].start-t.end <= 2 { // "November 21"
			d, _ = strconv.Atoi(ts[i+1].fold)
		} else {
			continue
		}
		end := t.end
		if i+1 < len(ts) && ts[i+1].start-t.end <= 2 && isDayNumber(ts[i+1].fold) && start == t.start {
			end = ts[i+1].end
		}
		y := 0
		for _, k := range []int{i + 1, i + 2} {
			if k < len(ts) && len(ts[k].fold) == 4 && ts[k].start-end <= 3 {
				if v, err := strconv.Atoi(ts[k].fold); err == nil && v >= 2000 && v < 2200 {
					y, end = v, ts[k].end
					break
				}
			}
		}
		add(y, mo, d, start, end)
	}
	for _, rd := range relativeDays {
		// Exact words: "morgens" (in the mornings) is not "morgen".
		for _, m := range findExact(ts, rd.words) {
			if overlaps(m.start, m.end) {
				continue
			}
			out = append(out, mention{day0.AddDate(0, 0, rd.offset), m.start, m.end})
		}
	}
	return out
}

func isDayNumber(s string) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	d, err := strconv.Atoi(s)
	return err == nil && d >= 1 && d <= 31
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
