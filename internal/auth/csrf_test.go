package auth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestCSRF(t *testing.T) {
	sess := &Session{csrfSecret: newCSRFSecret()}
	other := &Session{csrfSecret: newCSRFSecret()}
	tok := CSRFToken(sess)
	if tok == "" || tok == CSRFToken(sess) {
		t.Fatal("tokens must be non-empty and masked afresh each time")
	}
	flipped := []byte(tok)
	flipped[len(flipped)/2] ^= 1
	form := func(method, token string) *http.Request {
		r := httptest.NewRequest(method, "/w/demo/items/1/hide", strings.NewReader(url.Values{CSRFField: {token}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	header := func(token string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/w/demo/items/1/hide", nil)
		r.Header.Set(CSRFHeader, token)
		return r
	}
	tests := []struct {
		name string
		r    *http.Request
		sess *Session
		ok   bool
	}{
		{"form field", form(http.MethodPost, tok), sess, true},
		{"another masking of the same secret", form(http.MethodPost, CSRFToken(sess)), sess, true},
		{"header (htmx)", header(tok), sess, true},
		{"PUT form", form(http.MethodPut, tok), sess, true},
		{"DELETE by header", func() *http.Request { r := header(tok); r.Method = http.MethodDelete; return r }(), sess, true},
		{"DELETE with a form body (Go reads none)", form(http.MethodDelete, tok), sess, false},
		{"GET needs none", httptest.NewRequest(http.MethodGet, "/w/demo", nil), nil, true},
		{"HEAD needs none", httptest.NewRequest(http.MethodHead, "/w/demo", nil), nil, true},
		{"missing", form(http.MethodPost, ""), sess, false},
		{"another session's token", form(http.MethodPost, CSRFToken(other)), sess, false},
		{"one bit flipped", form(http.MethodPost, string(flipped)), sess, false},
		{"truncated", form(http.MethodPost, tok[:len(tok)-1]), sess, false},
		{"not base64", form(http.MethodPost, strings.Repeat("!", len(tok))), sess, false},
		{"the raw secret unmasked", form(http.MethodPost, string(sess.csrfSecret)), sess, false},
		{"no session", form(http.MethodPost, tok), nil, false},
		{"session without secret", form(http.MethodPost, tok), &Session{}, false},
		{"forged header", header("forged"), sess, false},
	}
	for _, tt := range tests {
		err := CheckCSRF(tt.r, tt.sess)
		if (err == nil) != tt.ok {
			t.Errorf("%s: CheckCSRF = %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrCSRF) {
			t.Errorf("%s: error %v is not ErrCSRF", tt.name, err)
		}
	}
	if CSRFToken(nil) != "" || CSRFToken(&Session{}) != "" {
		t.Error("token for no session")
	}
}

func TestCrossOriginProtection(t *testing.T) {
	if _, err := NewCrossOriginProtection("not a url"); err == nil {
		t.Error("bad trusted origin accepted")
	}
	c, err := NewCrossOriginProtection("https://desk.example.org")
	if err != nil {
		t.Fatal(err)
	}
	h := c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	for _, tt := range []struct {
		site, origin string
		want         int
	}{
		{"same-origin", "", http.StatusOK},
		{"cross-site", "https://evil.example", http.StatusForbidden},
		{"", "https://evil.example", http.StatusForbidden},
		{"", "https://desk.example.org", http.StatusOK},
	} {
		r := httptest.NewRequest(http.MethodPost, "https://stormwatch.example/w/demo/items/1/hide", nil)
		if tt.site != "" {
			r.Header.Set("Sec-Fetch-Site", tt.site)
		}
		if tt.origin != "" {
			r.Header.Set("Origin", tt.origin)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != tt.want {
			t.Errorf("Sec-Fetch-Site %q Origin %q: %d, want %d", tt.site, tt.origin, w.Code, tt.want)
		}
	}
}
