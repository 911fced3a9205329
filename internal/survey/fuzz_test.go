package survey

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"
)

// checkAnswer: whatever the input, an accepted answer is complete,
// in range and valid UTF-8, and never keeps a contact without consent.
func checkAnswer(t *testing.T, a Answer) {
	t.Helper()
	switch {
	case a.Respondent == "" || a.Date.IsZero():
		t.Fatalf("answer without respondent or date accepted: %+v", a)
	case a.Scale != 5 && a.Scale != 10:
		t.Fatalf("scale %d accepted", a.Scale)
	case a.Score < 0 || a.Score > a.Scale || (a.Scale == 5 && a.Score < 1):
		t.Fatalf("score %d/%d accepted", a.Score, a.Scale)
	case !a.Consent && a.Contact != "":
		t.Fatalf("contact kept without consent: %+v", a)
	case !utf8.ValidString(a.Respondent + a.Comment + a.Contact + a.Location):
		t.Fatalf("invalid UTF-8 accepted: %+v", a)
	case len(a.Comment) > MaxCommentBytes || len(a.Respondent) > MaxFieldBytes:
		t.Fatalf("oversized field accepted")
	case a.Line < 1:
		t.Fatalf("answer without a line: %+v", a)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, name := range []string{"nps_en.csv", "clinique_fr.csv", "betyg_sv_nb.csv"} {
		b, _ := os.ReadFile("testdata/" + name)
		f.Add(b, 0)
	}
	f.Add([]byte("client,date,rating\nC1,2026-01-02,3\n"), 5)
	f.Add([]byte("client;date;nps;comment\nC1;02/01/2026;5;\"a \"\"b\"\"\"\n"), 10)
	f.Fuzz(func(t *testing.T, data []byte, scale int) {
		o := Options{}
		if scale == 5 || scale == 10 {
			o.Scale = scale
		}
		_ = ReadCSV(bytes.NewReader(data), o, func(a Answer, probs []Problem) error {
			if len(probs) == 0 {
				checkAnswer(t, a)
			}
			for _, p := range probs {
				if p.Line < 1 || p.Msg == "" {
					t.Fatalf("problem without a line or message: %+v", p)
				}
			}
			return nil
		})
	})
}

func FuzzReadJSONL(f *testing.F) {
	b, _ := os.ReadFile("testdata/zorg_nl_de.jsonl")
	f.Add(b)
	f.Add([]byte(`{"client":"C1","date":"2026-01-02","rating":2,"consent":"oui","phone":"06"}`))
	f.Add([]byte("{\"client\":null}\n[]\n\"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = ReadJSONL(bytes.NewReader(data), Options{}, func(a Answer, probs []Problem) error {
			if len(probs) == 0 {
				checkAnswer(t, a)
			}
			for _, p := range probs {
				if p.Line < 1 || p.Msg == "" {
					t.Fatalf("problem without a line or message: %+v", p)
				}
			}
			return nil
		})
	})
}
