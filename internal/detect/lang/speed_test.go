package lang

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refDropAddresses is dropAddresses as first written, kept to prove the
// allocation-light version returns the same text.
func refDropAddresses(text string) string {
	if !strings.Contains(text, "://") && !strings.Contains(text, "www.") && !strings.Contains(text, "@") {
		return text
	}
	fields := strings.Fields(text)
	kept := fields[:0]
	for _, f := range fields {
		if strings.Contains(f, "://") || strings.HasPrefix(strings.ToLower(f), "www.") || strings.Contains(f, "@") {
			continue
		}
		kept = append(kept, f)
	}
	return strings.Join(kept, " ")
}

func TestDropAddressesMatchesReference(t *testing.T) {
	for _, text := range []string{
		"",
		"plain text without links",
		"@someone you are late",
		"  @a   b\tc\n\nd  ",
		"see https://example.com/x?y=1 and WWW.Example.org or Www.x",
		"mail me: jane@example.org, thanks",
		"only @handles @here",
		"non-breaking\u00a0space @x\u2003em\u0085nel",
		"bad \xff utf8 @x \xe2\x82 www.",
		"wwww.x www. www.é",
		"ünïcödé @ x://y",
	} {
		if got, want := dropAddresses(text), refDropAddresses(text); got != want {
			t.Errorf("dropAddresses(%q) = %q, reference %q", text, got, want)
		}
	}
}

func TestFilterKeepsEveryWord(t *testing.T) {
	for w := range lexicon {
		if !lexFilter.maybe([]byte(w)) {
			t.Fatalf("filter rejects lexicon word %q", w)
		}
	}
}

// refRead is scores.read as first written (no ASCII fast path).
func refRead(s *scores, text string) bool {
	var buf [maxTokenBytes + utf8.UTFMax]byte
	n, tooLong := 0, false
	flush := func() {
		if n > 0 && !tooLong {
			s.add(buf[:n])
		}
		n, tooLong = 0, false
	}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			flush()
			continue
		}
		s.letters++
		if tooLong {
			continue
		}
		if n+utf8.UTFMax > maxTokenBytes {
			tooLong = true
			continue
		}
		n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
	}
	flush()
	return s.letters > 0
}

func TestReadMatchesReference(t *testing.T) {
	for _, text := range []string{
		"", "123 !!", "Hej på dig, hur mår du?", "Eg veit ikkje kva du meiner",
		"C'EST VRAIMENT NUL", "Ich habe drei Wochen gewartet", "ÆØÅ æøå ÄÖÜ ß İstanbul",
		"averyveryveryveryveryveryverylongwordthatgoesonandon de la",
		"ünïcödé wörds \xff\xfe and the dog", "Dat is niet goed, jullie zijn te laat",
	} {
		var got, want scores
		g, w := got.read(text), refRead(&want, text)
		if g != w || got != want {
			t.Errorf("read(%q) = %v %+v, reference %v %+v", text, g, got, w, want)
		}
	}
}
