package lexicon

import (
	"strings"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Emphatic full stops: "Sara. Är. En. Hora.", "Dr Hansen. Borde. Dö.",
// "Du. Är. Ett. Äckligt. Kräk." A phrase cut into one-word sentences, for
// weight or to slip past a filter, is one sentence: the patterns of the
// lexicons match inside a sentence only. A run of three or more pieces of
// one or two words each (at least two of one word), ended by full stops or
// exclamation marks and holding nothing but words, is read once more with
// the stops between its pieces taken out. Ordinary sentences are longer,
// and a piece with a comma, a question mark or an emoji is no piece.

const (
	stopMinRun   = 3 // pieces in a run
	stopMaxWords = 2 // words in a piece
)

// unstop returns n with the stops inside its runs of one-word sentences
// removed, or nil when it has none.
func (d *Detector) unstop(n *normalize.Normalized) *normalize.Normalized {
	text := n.String()
	if strings.Count(text, ". ")+strings.Count(text, "! ") < stopMinRun-1 {
		return nil
	}
	type piece struct {
		stop  int // position of the stop that ends it, -1 for none (the end of the text)
		words int // 0: not a piece (punctuation inside, or too many words)
	}
	var pieces [16]piece
	ps := pieces[:0]
	var at [][2]int
	flush := func() {
		// Close the current run: take out the stops between its pieces
		// (the last piece keeps its own, or has none).
		ones := 0
		for _, p := range ps {
			if p.words == 1 {
				ones++
			}
		}
		if len(ps) >= stopMinRun && ones >= 2 {
			for _, p := range ps[:len(ps)-1] {
				at = append(at, [2]int{p.stop, p.stop + 1})
			}
		}
		ps = ps[:0]
	}
	start := 0
	for i := 0; i <= len(text); {
		end := i == len(text)
		if !end {
			c := text[i]
			isStop := (c == '.' || c == '!') && i > 0 && isWordBefore(text, i) && (i+1 == len(text) || text[i+1] == ' ')
			if !isStop {
				_, w := utf8.DecodeRuneInString(text[i:])
				i += w
				continue
			}
		}
		switch words := pieceWords(text[start:i]); {
		case words == 0 || words > stopMaxWords || len(ps) == cap(pieces):
			flush()
		case end:
			ps = append(ps, piece{stop: -1, words: words})
		default:
			ps = append(ps, piece{stop: i, words: words})
		}
		if end {
			break
		}
		i++
		start = i
	}
	flush()
	if len(at) == 0 {
		return nil
	}
	with := make([]string, len(at))
	return n.Replace(at, with)
}

// pieceWords counts the words of s, or returns 0 when s holds anything but
// words and spaces.
func pieceWords(s string) int {
	words, in := 0, false
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			in = false
			i++
			continue
		}
		if !isWordAt(s, i) {
			return 0
		}
		if !in {
			words++
			in = true
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return words
}
