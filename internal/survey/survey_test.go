package survey

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func readAll(t *testing.T, data string, f Format, o Options) ([]Answer, []Problem) {
	t.Helper()
	var as []Answer
	var ps []Problem
	if err := Read(strings.NewReader(data), f, o, func(a Answer, probs []Problem) error {
		if len(probs) > 0 {
			ps = append(ps, probs...)
			return nil
		}
		as = append(as, a)
		return nil
	}); err != nil {
		t.Fatalf("Read: %v", err)
	}
	return as, ps
}

func readFile(t *testing.T, name string) ([]Answer, []Problem) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := FormatOf(name)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, string(b), f, Options{})
}

// TestReadTestdata reads real-looking exports in five languages: headers
// in the tool's language, semicolons, a BOM, day-first dates, a 1–5 scale
// column, and columns that must not be kept (names).
func TestReadTestdata(t *testing.T) {
	tests := []struct {
		file     string
		answers  int
		problems []string // "line:column" of each problem
		check    func(t *testing.T, as []Answer)
	}{
		{"nps_en.csv", 5, nil, func(t *testing.T, as []Answer) {
			a := as[1]
			if a.Respondent != "C-20418" || a.Score != 3 || a.Scale != 10 || !a.Consent || a.Contact != "+44 20 7946 0301" || a.Location != "Riverside" || a.Line != 3 {
				t.Errorf("answer = %+v", a)
			}
			if as[3].Contact != "" {
				t.Errorf("contact kept without consent: %q", as[3].Contact)
			}
		}},
		{"clinique_fr.csv", 4, []string{"6:Date"}, func(t *testing.T, as []Answer) {
			a := as[1]
			if a.Respondent != "FR-0312" || !a.Date.Equal(time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)) || a.Score != 4 || !strings.Contains(a.Comment, "raccroché au nez deux fois; personne") {
				t.Errorf("answer = %+v", a)
			}
			if as[2].Contact != "" || as[2].Consent {
				t.Errorf("non-consenting answer keeps %q", as[2].Contact)
			}
		}},
		{"zorg_nl_de.jsonl", 3, []string{"5:punkte"}, func(t *testing.T, as []Answer) {
			if as[0].Respondent != "NL-5531" || as[0].Score != 2 || as[0].Contact != "06-12345678" || as[0].Line != 1 {
				t.Errorf("nl answer = %+v", as[0])
			}
			if de := as[2]; de.Respondent != "DE-0042" || de.Lang != "de" || de.Contact != "" || !de.Date.Equal(time.Date(2026, 11, 17, 0, 0, 0, 0, time.UTC)) || de.Line != 4 {
				t.Errorf("de answer = %+v", de)
			}
		}},
		{"betyg_sv_nb.csv", 5, nil, func(t *testing.T, as []Answer) {
			if as[0].Scale != 5 || as[0].Score != 5 || as[3].Lang != "nb" || as[3].Contact != "912 34 567" {
				t.Errorf("answers = %+v", as)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			as, ps := readFile(t, tt.file)
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if len(as) != tt.answers || len(ps) != len(tt.problems) {
				t.Fatalf("%d answers, problems %q; want %d answers, %d problems", len(as), got, tt.answers, len(tt.problems))
			}
			for i, want := range tt.problems {
				line, col, _ := strings.Cut(want, ":")
				if !strings.HasPrefix(ps[i].Error(), "line "+line+", column "+col+":") {
					t.Errorf("problem %q, want at %s", ps[i].Error(), want)
				}
			}
			tt.check(t, as)
		})
	}
}

// TestReadProblems: each problem names its line and column in words a
// person can act on.
func TestReadProblems(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		data string
		want string // a problem containing this
	}{
		{"no header", CSV, "", "line 1: the file is empty"},
		{"missing columns", CSV, "name,comment\nAnna,ok\n", "the header has no respondent, date, score column"},
		{"two score columns", CSV, "client,date,nps,score\nC1,2026-01-02,5,5\n", "column score: is the same field (score)"},
		{"score out of range", CSV, "client,date,nps\nC1,2026-01-02,11\n", "line 2, column nps: 11 is outside 0 to 10"},
		{"five-point scale from the header", CSV, "client,date,rating\nC1,2026-01-02,0\n", "line 2, column rating: 0 is outside 1 to 5"},
		{"not a number", CSV, "client,date,nps\nC1,2026-01-02,good\n", `line 2, column nps: "good" is not a whole number`},
		{"empty respondent", CSV, "client,date,nps\n ,2026-01-02,5\n", "line 2, column client: is empty"},
		{"bad date", CSV, "client;datum;cijfer\nC1;2026-13-45;5\n", "line 2, column datum: \"2026-13-45\" is not a date"},
		{"bad consent", CSV, "client,date,nps,consent\nC1,2026-01-02,5,maybe\n", `line 2, column consent: "maybe" is not yes or no`},
		{"unknown lang", CSV, "client,date,nps,lang\nC1,2026-01-02,5,xx\n", `line 2, column lang: "xx" is not one of`},
		{"invalid utf-8 on line 3", CSV, "client,date,nps,comment\nC1,2026-01-02,5,ok\nC2,2026-01-02,5,caf\xe9\n", "line 3: is not valid UTF-8"},
		{"broken quote", CSV, "client,date,nps,comment\nC1,2026-01-02,5,\"never closed\n", "a quoted field is not closed"},
		{"bare quote, next line still read", CSV, "client,date,nps,comment\nC1,2026-01-02,5,5 \"stars\"\nC2,2026-01-02,11,x\n", "line 3, column nps: 11 is outside"},
		{"bare quote reported", CSV, "client,date,nps,comment\nC1,2026-01-02,5,5 \"stars\"\n", "line 2: a quote inside a field"},
		{"jsonl invalid utf-8", JSONL, "{\"client\":\"C1\",\"date\":\"2026-01-02\",\"nps\":5}\n{\"client\":\"C\xff\"}\n", "line 2: is not valid UTF-8"},
		{"jsonl not an object", JSONL, "[1,2]\n", "line 1: is not a JSON object"},
		{"jsonl bad json", JSONL, "{\"client\": }\n", "line 1: is not valid JSON at column"},
		{"jsonl nested value", JSONL, "{\"client\":{\"id\":1},\"date\":\"2026-01-02\",\"nps\":5}\n", "line 1, column client: must be a string, number or boolean"},
		{"jsonl missing score", JSONL, "\n\n{\"client\":\"C1\",\"date\":\"2026-01-02\"}\n", "line 3, column score: is missing"},
		{"jsonl decimal", JSONL, "{\"client\":\"C1\",\"date\":\"2026-01-02\",\"nps\":4.5}\n", `"4.5" is not a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := readAll(t, tt.data, tt.f, Options{})
			var got []string
			for _, p := range ps {
				got = append(got, p.Error())
			}
			if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, tt.want) }) {
				t.Errorf("problems %q, want one containing %q", got, tt.want)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for in, want := range map[string]Format{"a.CSV": CSV, "text/csv; charset=utf-8": CSV, "application/jsonl": JSONL, "x.ndjson": JSONL, "application/x-ndjson": JSONL} {
		if got, err := FormatOf(in); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := FormatOf("application/pdf"); err == nil {
		t.Errorf("pdf accepted")
	}
}

func TestUnhappy(t *testing.T) {
	neg, err := LexiconNegative()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a    Answer
		want []Reason
	}{
		{Answer{Score: 6, Scale: 10}, []Reason{ReasonLowScore}},
		{Answer{Score: 7, Scale: 10}, nil},
		{Answer{Score: 2, Scale: 5}, []Reason{ReasonLowScore}},
		{Answer{Score: 3, Scale: 5}, nil},
		{Answer{Score: 8, Scale: 10, Comment: "L'attente était beaucoup trop longue, je suis déçue.", Lang: "fr"}, []Reason{ReasonNegative}},
		{Answer{Score: 4, Scale: 5, Comment: "Mycket dålig information om kostnaden, besviken.", Lang: "sv"}, []Reason{ReasonNegative}},
		{Answer{Score: 8, Scale: 10, Comment: "Sehr unfreundlich am Empfang, nie wieder.", Lang: "de"}, []Reason{ReasonNegative}},
		{Answer{Score: 7, Scale: 10, Comment: "Very disappointed, the bill was far higher than the estimate."}, []Reason{ReasonNegative}},
		{Answer{Score: 1, Scale: 5, Comment: "Slechte service, ik ben teleurgesteld.", Lang: "nl"}, []Reason{ReasonLowScore, ReasonNegative}},
		{Answer{Score: 9, Scale: 10, Comment: "Équipe très à l'écoute, merci pour Caramel.", Lang: "fr"}, nil},
		{Answer{Score: 10, Scale: 10, Comment: "Heel vriendelijk personeel, dank jullie wel.", Lang: "nl"}, nil},
	}
	for _, tt := range tests {
		if got := Unhappy(context.Background(), tt.a, neg); !slices.Equal(got, tt.want) {
			t.Errorf("Unhappy(%d/%d %q) = %v, want %v", tt.a.Score, tt.a.Scale, tt.a.Comment, got, tt.want)
		}
	}
}

func TestTaskAndExcerpt(t *testing.T) {
	now := time.Date(2026, 11, 20, 16, 0, 0, 0, time.UTC) // a Friday
	a := Answer{Respondent: "FR-0312", Date: time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC), Score: 4, Scale: 10,
		Comment: "On m'a raccroché au nez deux fois ; personne ne m'a rappelée alors que mon chat était malade depuis trois jours et que je m'inquiétais.",
		Consent: true, Contact: "06 98 76 54 32", Lang: "fr"}
	nt := Task("demo", a, []Reason{ReasonLowScore}, now)
	if !strings.HasPrefix(nt.Title, "Call back FR-0312 about “On m'a raccroché au nez") || !strings.HasSuffix(nt.Title, "…”") {
		t.Errorf("title = %q", nt.Title)
	}
	if !nt.DueAt.Equal(time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("due = %s, want Tuesday (two working days after a Friday)", nt.DueAt)
	}
	if nt.Contact != "06 98 76 54 32" || nt.ClientRef != "FR-0312" || !strings.HasPrefix(nt.SourceKey, "survey:") || strings.Contains(nt.SourceKey, "FR-0312") {
		t.Errorf("task = %+v", nt)
	}
	if !strings.Contains(string(nt.Attachment), `"reasons":["low_score"]`) || strings.Contains(string(nt.Attachment), "06 98") {
		t.Errorf("attachment = %s (the contact belongs on the task only)", nt.Attachment)
	}
	if got := Task("demo", Answer{Respondent: "C1", Score: 1, Scale: 5}, nil, now).Title; got != "Call back C1 about their score of 1/5" {
		t.Errorf("title without comment = %q", got)
	}
	if got := Excerpt("  short\n text ", 80); got != "short text" {
		t.Errorf("Excerpt = %q", got)
	}
}
