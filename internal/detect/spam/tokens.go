package spam

import "unicode/utf8"

// token is one word of the original text: its byte range there and its
// folded form in the scratch buffer.
type token struct {
	start, end int // byte offsets in the original text
	fs, fe     int // folded form: buf[fs:fe]
	mention    bool
}

// byteRange is a half-open range of the original text.
type byteRange struct{ start, end int }

// tokenize splits s into folded words, appending their bytes to buf and the
// words to toks. Words starting inside one of skip (sorted, disjoint: the
// links) are left out, so phrases are matched on prose only.
//
// Apostrophes join a word ("won't" is "wont", "you've" is "youve") except
// after a one-letter or "qu" elision ("l'équipe" is "l" "equipe").
func tokenize(s string, buf []byte, toks []token, skip []byteRange) ([]byte, []token) {
	first := len(toks)
	open := false
	var cur token
	afterAt := false
	si := 0
	// The word is closed inline rather than by a closure: a closure that
	// writes open, cur, toks and buf moves them to memory, and this loop
	// runs once per byte of every comment.
	for i := 0; i < len(s); {
		// Before the next link starts (most bytes), there is nothing to
		// skip: the links are sorted and each ends after it starts.
		if si < len(skip) && i >= skip[si].start {
			for si < len(skip) && skip[si].end <= i {
				si++
			}
			if si < len(skip) && i >= skip[si].start {
				if open {
					cur.end, cur.fe = i, len(buf)
					toks = append(toks, cur)
					open = false
				}
				i = skip[si].end
				afterAt = false
				continue
			}
		}
		n := len(buf)
		var cl, w int
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, the common case: foldRune by table.
			cl, w = int(asciiFold[c].cl), 1
			if cl == clWord {
				buf = append(buf, asciiFold[c].b)
			}
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			buf, cl = foldRune(buf, r)
		}
		switch cl {
		case clWord:
			if !open {
				open = true
				cur = token{start: i, fs: n, mention: afterAt}
			}
			if s[i] < utf8.RuneSelf {
				// The rest of an ASCII word in one go, up to the next
				// link at most: each of its bytes would take the whole
				// loop above only to be appended.
				end := len(s)
				if si < len(skip) {
					end = skip[si].start // > i: a link starting at i was skipped
				}
				for i+1 < end {
					c := s[i+1]
					if c >= utf8.RuneSelf || asciiFold[c].cl != clWord {
						break
					}
					buf = append(buf, asciiFold[c].b)
					i++
				}
			}
		case clJoin:
			// invisible: neither starts nor ends a word
		default:
			if open && (cl != clApos || i+w >= len(s) || !startsWord(s[i+w:]) || elision(buf[cur.fs:])) {
				cur.end, cur.fe = i, len(buf)
				toks = append(toks, cur)
				open = false
			}
		}
		afterAt = cl == clAt
		i += w
	}
	if open {
		cur.end, cur.fe = len(s), len(buf)
		toks = append(toks, cur)
	}
	return buf, mergeSpelled(s, buf, toks, first)
}

// elision reports whether a word before an apostrophe is an elided one
// that the apostrophe ends ("l'équipe", "qu'il") rather than joins.
func elision(word []byte) bool {
	return len(word) == 1 || string(word) == "qu" || string(word) == "jusqu" || string(word) == "lorsqu" || string(word) == "puisqu"
}

// asciiFold is foldRune for ASCII: the class and the folded byte.
var asciiFold = func() (t [utf8.RuneSelf]struct{ b, cl byte }) {
	for c := range t {
		out, cl := foldRune(nil, rune(c))
		t[c].cl = byte(cl)
		if len(out) == 1 {
			t[c].b = out[0]
		}
	}
	return t
}()

// mergeSpelled joins words spelled out letter by letter ("E.a.r.n",
// "c-a-s-h", "f r e e" — with spaces only from four letters on) into one
// word, from index from on. The folded letters are contiguous in buf, so
// the merged word is their range.
func mergeSpelled(s string, buf []byte, toks []token, from int) []token {
	start := -1
	for i := from; i+1 < len(toks); i++ {
		if toks[i].fe-toks[i].fs == 1 && toks[i+1].fe-toks[i+1].fs == 1 && toks[i+1].start-toks[i].end == 1 {
			start = i
			break
		}
	}
	if start < 0 {
		return toks // the common case: nothing spelled out
	}
	from = start
	out := toks[:from]
	for i := from; i < len(toks); {
		j := i
		var sep byte // the separator of this run: one kind only
		for j+1 < len(toks) && single(buf, toks[j]) && single(buf, toks[j+1]) && toks[j+1].start-toks[j].end == 1 && toks[j+1].fs == toks[j].fe {
			c := s[toks[j].end]
			if c != ' ' && c != '.' && c != '-' && c != '*' && c != '_' || sep != 0 && c != sep {
				break
			}
			sep = c
			j++
		}
		spaces := sep == ' '
		if n := j - i + 1; n >= 3 && (!spaces || n >= 4) {
			t := toks[i]
			t.end, t.fe = toks[j].end, toks[j].fe
			out = append(out, t)
			i = j + 1
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out
}

// single reports whether t is one folded letter or digit.
func single(buf []byte, t token) bool { return t.fe-t.fs == 1 && t.end-t.start <= 4 }

// startsWord reports whether s begins with a letter or digit.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	var buf [8]byte // only the class is wanted: room for the fold on the stack
	_, cl := foldRune(buf[:0], r)
	return cl == clWord
}
