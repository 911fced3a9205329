package external

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// utf16Index returns the UTF-16 offset of byte offset b in s.
func utf16Index(s string, b int) int {
	n := 0
	for _, r := range s[:b] {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func runeIndex(s string, b int) int { return utf8.RuneCountInString(s[:b]) }

func TestByteSpan(t *testing.T) {
	text := "Élodie 😀 est une idiote 🤬🤬 vraiment"
	idiote := strings.Index(text, "idiote")
	emoji := strings.Index(text, "🤬")
	tests := []struct {
		name       string
		begin, end int
		unit       SpanUnit
		want       string
		ok         bool
	}{
		{"utf16 word after emoji", utf16Index(text, idiote), utf16Index(text, idiote+6), UTF16, "idiote", true},
		{"codepoints word after emoji", runeIndex(text, idiote), runeIndex(text, idiote+6), CodePoints, "idiote", true},
		{"utf16 accented start", 0, 6, UTF16, "Élodie", true},
		{"utf16 emoji pair", utf16Index(text, emoji), utf16Index(text, emoji) + 4, UTF16, "🤬🤬", true},
		{"utf16 end inside a surrogate pair widens", utf16Index(text, emoji), utf16Index(text, emoji) + 1, UTF16, "🤬", true},
		{"utf16 begin inside a surrogate pair widens", utf16Index(text, emoji) + 1, utf16Index(text, emoji) + 2, UTF16, "🤬", true},
		{"whole text utf16", 0, utf16Index(text, len(text)), UTF16, text, true},
		{"whole text codepoints", 0, runeIndex(text, len(text)), CodePoints, text, true},
		{"bytes", idiote, idiote + 6, Bytes, "idiote", true},
		{"bytes inside a rune widen", 1, 2, Bytes, "É", true},
		{"past the end", 0, 1000, UTF16, "", false},
		{"negative", -1, 3, CodePoints, "", false},
		{"empty", 3, 3, CodePoints, "", false},
		{"reversed", 5, 3, UTF16, "", false},
	}
	for _, tc := range tests {
		sp, ok := byteSpan(text, tc.begin, tc.end, tc.unit)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v", tc.name, ok)
			continue
		}
		if ok && text[sp[0]:sp[1]] != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, text[sp[0]:sp[1]], tc.want)
		}
	}
	// The two units differ on the same offsets once an emoji precedes.
	b, e := runeIndex(text, idiote), runeIndex(text, idiote+6)
	sp, _ := byteSpan(text, b, e, UTF16)
	if text[sp[0]:sp[1]] == "idiote" {
		t.Error("code-point offsets read as UTF-16 should be off by the emoji")
	}
}

// fakePerspective speaks the Perspective API and records the last request.
type fakePerspective struct {
	t       *testing.T
	key     string
	lastReq map[string]any
	reply   func(text string) string
}

func (f *fakePerspective) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1alpha1/comments:analyze" {
		http.Error(w, `{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}`, 404)
		return
	}
	if r.URL.Query().Get("key") != f.key {
		w.WriteHeader(403)
		io.WriteString(w, `{"error":{"code":403,"message":"API key not valid.","status":"PERMISSION_DENIED"}}`)
		return
	}
	var req map[string]any
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		w.WriteHeader(400)
		return
	}
	f.lastReq = req
	text := req["comment"].(map[string]any)["text"].(string)
	io.WriteString(w, f.reply(text))
}

func perspectiveReply(text, word string, unit func(string, int) int) string {
	i := strings.Index(text, word)
	b, e := unit(text, i), unit(text, i+len(word))
	return fmt.Sprintf(`{"attributeScores":{
		"TOXICITY":{"spanScores":[{"begin":%d,"end":%d,"score":{"value":0.91,"type":"PROBABILITY"}},{"begin":0,"end":2,"score":{"value":0.1,"type":"PROBABILITY"}}],"summaryScore":{"value":0.88,"type":"PROBABILITY"}},
		"INSULT":{"spanScores":[{"begin":%d,"end":%d,"score":{"value":0.93,"type":"PROBABILITY"}}],"summaryScore":{"value":0.9,"type":"PROBABILITY"}},
		"THREAT":{"summaryScore":{"value":0.04,"type":"PROBABILITY"}},
		"IDENTITY_ATTACK":{"summaryScore":{"value":0.07,"type":"PROBABILITY"}},
		"PROFANITY":{"summaryScore":{"value":0.6,"type":"PROBABILITY"}},
		"SEVERE_TOXICITY":{"summaryScore":{"value":0.3,"type":"PROBABILITY"}}
	},"languages":["fr"],"detectedLanguages":["fr"]}`, b, e, b, e)
}

func TestPerspective(t *testing.T) {
	text := "Élodie 😀 est une idiote 🤬 vraiment"
	for _, tc := range []struct {
		unit SpanUnit
		idx  func(string, int) int
	}{{UTF16, utf16Index}, {CodePoints, runeIndex}} {
		t.Run(tc.unit.String(), func(t *testing.T) {
			f := &fakePerspective{t: t, key: "k3y", reply: func(s string) string { return perspectiveReply(s, "idiote", tc.idx) }}
			srv := httptest.NewServer(f)
			defer srv.Close()
			p, err := NewPerspective(PerspectiveConfig{Endpoint: srv.URL, Key: "k3y", SpanUnit: tc.unit})
			if err != nil {
				t.Fatal(err)
			}
			sigs, err := p.Score(context.Background(), text, "fr")
			if err != nil {
				t.Fatal(err)
			}
			// request shape
			req := f.lastReq
			if req["doNotStore"] != true || req["spanAnnotations"] != true {
				t.Errorf("request %v", req)
			}
			if langs, _ := req["languages"].([]any); len(langs) != 1 || langs[0] != "fr" {
				t.Errorf("languages %v", req["languages"])
			}
			attrs := req["requestedAttributes"].(map[string]any)
			for _, a := range []string{"TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT"} {
				if _, ok := attrs[a]; !ok {
					t.Errorf("attribute %s not requested", a)
				}
			}
			if _, ok := attrs["SEXUALLY_EXPLICIT"]; ok {
				t.Error("SEXUALLY_EXPLICIT requested for French")
			}
			// answer mapping
			got := map[detect.Category]detect.Signal{}
			for _, s := range sigs {
				got[s.Category] = s
				if s.Detector != "external:perspective" || s.Version != "v1alpha1" {
					t.Errorf("signal %+v", s)
				}
			}
			ins := got[detect.Insult]
			if ins.Score != 0.9 || len(ins.Spans) != 2 || !strings.Contains(ins.Explanation, "TOXICITY 0.88") {
				t.Fatalf("insult %+v", ins)
			}
			for _, sp := range ins.Spans {
				if text[sp[0]:sp[1]] != "idiote" {
					t.Errorf("span %v is %q", sp, text[sp[0]:sp[1]])
				}
			}
			if got[detect.Threat].Score != 0.04 || got[detect.Hate].Score != 0.07 {
				t.Errorf("threat/hate %+v", got)
			}
			if len(got) != 3 {
				t.Errorf("categories %v (PROFANITY must map to nothing)", got)
			}
		})
	}
}

func TestPerspectiveLanguages(t *testing.T) {
	f := &fakePerspective{key: "k", reply: func(s string) string { return perspectiveReply(s, s[:1], runeIndex) }}
	srv := httptest.NewServer(f)
	defer srv.Close()
	p, _ := NewPerspective(PerspectiveConfig{Endpoint: srv.URL, Key: "k"})
	if _, err := p.Score(context.Background(), "du är dum", "nb"); !errors.Is(err, ErrUnsupportedLanguage) {
		t.Errorf("nb: %v", err)
	}
	if _, err := p.Score(context.Background(), "you are dumb", "en"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.lastReq["requestedAttributes"].(map[string]any)["SEXUALLY_EXPLICIT"]; !ok {
		t.Error("SEXUALLY_EXPLICIT not requested for English")
	}
	if _, err := p.Score(context.Background(), "unknown language text", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.lastReq["languages"]; ok {
		t.Error("languages sent for an unknown language")
	}
}

// fakeOpenAI speaks the moderation endpoint.
func fakeOpenAI(t *testing.T, key string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/moderations" || r.Header.Get("Authorization") != "Bearer "+key {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`)
			return
		}
		var req struct{ Model, Input string }
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != "omni-moderation-latest" || req.Input == "" {
			w.WriteHeader(400)
			return
		}
		io.WriteString(w, `{"id":"modr-1","model":"omni-moderation-2024-09-26","results":[{"flagged":true,
		"categories":{"harassment":true,"harassment/threatening":true,"hate":false,"hate/threatening":false,"illicit":false,"illicit/violent":false,"self-harm":false,"self-harm/intent":false,"self-harm/instructions":false,"sexual":false,"sexual/minors":false,"violence":true,"violence/graphic":false},
		"category_scores":{"harassment":0.81,"harassment/threatening":0.62,"hate":0.03,"hate/threatening":0.01,"illicit":0.001,"illicit/violent":0.001,"self-harm":0.002,"self-harm/intent":0.001,"self-harm/instructions":0.001,"sexual":0.01,"sexual/minors":0.0,"violence":0.7,"violence/graphic":0.2},
		"category_applied_input_types":{"harassment":["text"]}}]}`)
	}))
}

func TestOpenAI(t *testing.T) {
	srv := fakeOpenAI(t, "sk-test")
	defer srv.Close()
	o, err := NewOpenAI(OpenAIConfig{Endpoint: srv.URL, Key: "sk-test"})
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := o.Score(context.Background(), "on sait où tu habites", "fr")
	if err != nil {
		t.Fatal(err)
	}
	got := map[detect.Category]detect.Signal{}
	for _, s := range sigs {
		got[s.Category] = s
	}
	tests := []struct {
		c    detect.Category
		want float64
	}{{detect.Harassment, 0.81}, {detect.Threat, 0.7}, {detect.Hate, 0.03}, {detect.Sexual, 0.01}, {detect.Crisis, 0.001}}
	for _, tc := range tests {
		if got[tc.c].Score != tc.want {
			t.Errorf("%s = %v, want %v", tc.c, got[tc.c].Score, tc.want)
		}
	}
	if th := got[detect.Threat]; th.Version != "omni-moderation-2024-09-26" || !strings.Contains(th.Explanation, "harassment/threatening 0.62") {
		t.Errorf("threat %+v", th)
	}
	bad, _ := NewOpenAI(OpenAIConfig{Endpoint: srv.URL, Key: "wrong"})
	_, err = bad.Score(context.Background(), "x", "")
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 401 || he.Message != "Incorrect API key provided" {
		t.Errorf("error %v", err)
	}
}

func TestClassifier(t *testing.T) {
	var lastBody map[string]any
	var lastAuth string
	nested := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/predict" {
			w.WriteHeader(404)
			return
		}
		lastAuth = r.Header.Get("Authorization")
		json.NewDecoder(r.Body).Decode(&lastBody)
		preds := `[{"label":"toxic","score":0.93},{"label":"insult","score":0.41},{"label":"non-toxic","score":0.07},{"label":"THREAT","score":0.12},{"label":"obscene","score":0.5}]`
		if nested {
			preds = "[" + preds + "]"
		}
		io.WriteString(w, preds)
	}))
	defer srv.Close()
	c, err := NewClassifier(ClassifierConfig{Name: "tei", Endpoint: srv.URL, Token: "tok", Model: "martin-ha/toxic-comment-model"})
	if err != nil {
		t.Fatal(err)
	}
	for _, nested = range []bool{false, true} {
		sigs, err := c.Score(context.Background(), "t'es nul", "fr")
		if err != nil {
			t.Fatal(err)
		}
		if lastAuth != "Bearer tok" || lastBody["inputs"] != "t'es nul" || lastBody["truncate"] != true {
			t.Errorf("request %v %q", lastBody, lastAuth)
		}
		if len(sigs) != 2 || sigs[0].Category != detect.Insult || sigs[0].Score != 0.93 || sigs[1].Category != detect.Threat || sigs[1].Score != 0.12 {
			t.Fatalf("nested=%v: %+v", nested, sigs)
		}
		if sigs[0].Detector != "external:tei" || sigs[0].Version != "martin-ha/toxic-comment-model" {
			t.Errorf("signal %+v", sigs[0])
		}
	}
}

func TestErrorResponses(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		check   func(*testing.T, error)
		scorers []string
	}{
		{"429 with Retry-After", 429, map[string]string{"Retry-After": "3"}, `{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}`, func(t *testing.T, err error) {
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != 429 || he.RetryAfter != 3*time.Second || he.Message != "Quota exceeded" {
				t.Errorf("%v", err)
			}
		}, nil},
		{"500", 500, nil, "internal error", func(t *testing.T, err error) {
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != 500 || he.Message != "internal error" {
				t.Errorf("%v", err)
			}
		}, nil},
		{"TEI error body", 413, nil, `{"error":"Input validation error: inputs must have less than 512 tokens","error_type":"Validation"}`, func(t *testing.T, err error) {
			if !strings.Contains(fmt.Sprint(err), "inputs must have less than 512 tokens") {
				t.Errorf("%v", err)
			}
		}, nil},
		{"malformed JSON", 200, nil, `{"attributeScores":{`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "malformed") {
				t.Errorf("%v", err)
			}
		}, []string{"perspective", "openai"}},
		{"wrong shape object", 200, nil, `{"hello":"world"}`, func(t *testing.T, err error) {
			if err == nil {
				t.Error("no error")
			}
		}, nil},
		{"wrong shape list", 200, nil, `[1,2,3]`, func(t *testing.T, err error) {
			if err == nil {
				t.Error("no error")
			}
		}, nil},
		{"score out of range", 200, nil, `{"attributeScores":{"TOXICITY":{"summaryScore":{"value":7}}},"results":[{"category_scores":{"hate":7}}]}`, func(t *testing.T, err error) {
			if err == nil {
				t.Error("no error")
			}
		}, []string{"perspective", "openai"}},
		{"raw scores", 200, nil, `[{"label":"toxic","score":4.2}]`, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "outside [0,1]") {
				t.Errorf("%v", err)
			}
		}, []string{"tei"}},
	}
	for _, tc := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for k, v := range tc.header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}))
		for _, sc := range scorers(t, srv.URL, "secret-key-123") {
			if tc.scorers != nil && !contains(tc.scorers, sc.Name()) {
				continue
			}
			t.Run(tc.name+"/"+sc.Name(), func(t *testing.T) {
				_, err := sc.Score(context.Background(), "some text", "en")
				tc.check(t, err)
				if err != nil && strings.Contains(err.Error(), "secret-key-123") {
					t.Errorf("the key leaks into the error: %v", err)
				}
			})
		}
		srv.Close()
	}
}

func TestKeyNotInNetworkErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens any more
	p, _ := NewPerspective(PerspectiveConfig{Endpoint: url, Key: "secret-key-123"})
	_, err := p.Score(context.Background(), "x", "en")
	if err == nil || strings.Contains(err.Error(), "secret-key-123") {
		t.Fatalf("error %v", err)
	}
}

func scorers(t *testing.T, url, key string) []Scorer {
	p, err := NewPerspective(PerspectiveConfig{Endpoint: url, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewOpenAI(OpenAIConfig{Endpoint: url, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClassifier(ClassifierConfig{Name: "tei", Endpoint: url, Token: key})
	if err != nil {
		t.Fatal(err)
	}
	return []Scorer{p, o, c}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestConfigErrors(t *testing.T) {
	if _, err := NewPerspective(PerspectiveConfig{}); err == nil {
		t.Error("perspective without key")
	}
	if _, err := NewPerspective(PerspectiveConfig{Key: "k", Endpoint: "ftp://x"}); err == nil {
		t.Error("perspective with ftp endpoint")
	}
	if _, err := NewPerspective(PerspectiveConfig{Key: "k", Categories: map[string]detect.Category{"TOXICITY": "rude"}}); err == nil {
		t.Error("unknown category accepted")
	}
	if _, err := NewOpenAI(OpenAIConfig{}); err == nil {
		t.Error("openai without key")
	}
	if _, err := NewClassifier(ClassifierConfig{}); err == nil {
		t.Error("classifier without endpoint")
	}
	if _, err := NewSecondOpinion(SecondOpinionConfig{}); err == nil {
		t.Error("second opinion without scorer")
	}
	if _, err := NewSecondOpinion(SecondOpinionConfig{Scorer: funcScorer(nil), Low: 0.8, High: 0.2}); err == nil {
		t.Error("reversed band accepted")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"7", 7 * time.Second}, {"-1", 0}, {"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tc := range tests {
		if got := retryAfter(tc.v, now); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
