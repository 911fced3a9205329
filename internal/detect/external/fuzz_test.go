package external

import (
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func checkSignals(t *testing.T, text string, sigs []detect.Signal) {
	t.Helper()
	for _, s := range sigs {
		if _, err := detect.ParseCategory(string(s.Category)); err != nil {
			t.Fatal(err)
		}
		if !validScore(s.Score) {
			t.Fatalf("score %v", s.Score)
		}
		for _, sp := range s.Spans {
			if sp[0] < 0 || sp[1] > len(text) || sp[0] >= sp[1] {
				t.Fatalf("span %v outside %d bytes", sp, len(text))
			}
			if sp[0] < len(text) && !utf8.RuneStart(text[sp[0]]) || sp[1] < len(text) && !utf8.RuneStart(text[sp[1]]) {
				t.Fatalf("span %v splits a rune", sp)
			}
		}
	}
}

func FuzzParsePerspective(f *testing.F) {
	text := "Élodie 😀 est une idiote 🤬 vraiment"
	f.Add([]byte(perspectiveReply(text, "idiote", utf16Index)), text, uint8(0))
	f.Add([]byte(perspectiveReply(text, "idiote", runeIndex)), text, uint8(1))
	f.Add([]byte(`{"attributeScores":{"TOXICITY":{"spanScores":[{"begin":-5,"end":99999,"score":{"value":0.9}}],"summaryScore":{"value":0.5}}}}`), "\xff\xfe", uint8(2))
	f.Add([]byte(`{"attributeScores":{"X":{}}}`), "", uint8(0))
	f.Fuzz(func(t *testing.T, body []byte, text string, unit uint8) {
		sigs, err := parsePerspective(body, text, SpanUnit(unit%3))
		if err == nil {
			checkSignals(t, text, sigs)
		}
	})
}

func FuzzParseOpenAI(f *testing.F) {
	f.Add([]byte(`{"id":"m","model":"omni","results":[{"flagged":true,"categories":{"hate":true},"category_scores":{"hate":0.9,"harassment/threatening":0.5,"self-harm/intent":0.2}}]}`))
	f.Add([]byte(`{"results":[]}`))
	f.Add([]byte(`{"results":[{"category_scores":{"hate":null}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sigs, err := parseOpenAI(body)
		if err == nil {
			checkSignals(t, "", sigs)
		}
	})
}

func FuzzParseClassifier(f *testing.F) {
	f.Add([]byte(`[{"label":"toxic","score":0.93},{"label":"neutral","score":0.07}]`))
	f.Add([]byte(`[[{"label":"THREAT","score":0.5}]]`))
	f.Add([]byte(`[[]]`))
	f.Add([]byte(`{"error":"x"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sigs, err := parseClassifier(body)
		if err == nil {
			checkSignals(t, "", sigs)
		}
	})
}

func FuzzByteSpan(f *testing.F) {
	f.Add("Élodie 😀 idiote", 9, 15, uint8(0))
	f.Add("\xff\xf0\x9f", 0, 2, uint8(1))
	f.Fuzz(func(t *testing.T, text string, begin, end int, unit uint8) {
		sp, ok := byteSpan(text, begin, end, SpanUnit(unit%3))
		if ok {
			checkSignals(t, text, []detect.Signal{{Category: detect.Insult, Spans: []detect.Span{sp}}})
		}
	})
}
