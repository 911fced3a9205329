package desk_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stormwatch/stormwatch/internal/auth"
	"github.com/stormwatch/stormwatch/internal/cases"
	"github.com/stormwatch/stormwatch/internal/desk/desktest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// newCase opens a case through the service, as a test's starting point.
func newCase(t *testing.T, f *desktest.Fixture, title string, items ...int64) store.Case {
	t.Helper()
	c, err := f.Cases.Create(context.Background(), desktest.Workspace, store.NewCase{Title: title, Summary: "Summary of " + title, ItemIDs: items}, "user:1")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func caseFile(t *testing.T, f *desktest.Fixture, id int64) store.CaseFile {
	t.Helper()
	cf, _, err := f.Cases.File(context.Background(), desktest.Workspace, id)
	if err != nil {
		t.Fatal(err)
	}
	return cf
}

// upload posts a multipart form with one file.
func upload(t *testing.T, c *desktest.Client, path, csrf, name string, content []byte, fields map[string]string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(auth.CSRFField, csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestCasePages(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	lead := f.SignIn(t, auth.RoleApprover) // manages cases
	view := f.SignIn(t, auth.RoleViewer)
	mod := f.SignIn(t, auth.RoleSpokesperson) // moderates, does not manage cases
	c := newCase(t, f, "Threats on the Facebook page", f.Items[0], f.Items[5])
	closed := newCase(t, f, "Old spam wave", f.Items[4])
	if _, err := f.Cases.SetStatus(context.Background(), desktest.Workspace, closed.ID, store.CaseClosed, "over", "user:1"); err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("/w/demo/cases/%d", c.ID)
	tests := []struct {
		name   string
		c      *desktest.Client
		path   string
		status int
		want   []string
		not    []string
	}{
		{"list", view, "/w/demo/cases", 200, []string{"Threats on the Facebook page", "Old spam wave", `aria-current="page">Cases`}, []string{"Open a new case"}},
		{"list for a case manager", lead, "/w/demo/cases", 200, []string{`href="/w/demo/cases/new"`}, nil},
		{"list by status", view, "/w/demo/cases?status=closed", 200, []string{"Old spam wave"}, []string{"Threats on the Facebook page"}},
		{"list by severity", view, "/w/demo/cases?severity=high", 200, []string{"No case matches"}, []string{"Old spam wave"}},
		{"unknown filter values show everything", view, "/w/demo/cases?status=nope&severity=9", 200, []string{"Old spam wave", "Threats on the Facebook page"}, nil},
		{"case page for a viewer", view, page, 200,
			[]string{"Threats on the Facebook page", "je sais où vous habitez", "&lt;script&gt;alert(1)&lt;/script&gt; you idiots", "Seen by Stormwatch", "Summary of", "report.pdf", "case opened by hand"},
			[]string{"<script>alert(1)", "/status\"", "/evidence\"", "/notes\"", "/bundle\""}},
		{"case page for a case manager", lead, page, 200,
			[]string{`action="/w/demo/cases/` + strconv.FormatInt(c.ID, 10) + `/status"`, `value="monitoring"`, `value="closed"`, `enctype="multipart/form-data"`, `id="export-bundle"`, `for="ev-file"`, `for="cn-text"`},
			[]string{`value="open" id="to-open"`}},
		{"closed case offers reopening only, no upload", lead, fmt.Sprintf("/w/demo/cases/%d", closed.ID), 200,
			[]string{`id="to-open"`, "reopen it to add evidence"}, []string{`id="to-monitoring"`, `id="evidence-form"`}},
		{"unknown case", view, "/w/demo/cases/999999", 404, []string{"does not exist"}, nil},
		{"not a case number", view, "/w/demo/cases/abc", 404, nil, nil},
		{"case of another workspace", view, "/w/other/cases/1", 403, []string{"Your role does not allow this"}, nil},
		{"new case from an item", lead, fmt.Sprintf("/w/demo/cases/new?item=%d", f.Items[1]), 200,
			[]string{"Honte à vous", fmt.Sprintf(`name="item" value="%d"`, f.Items[1]), `value="Messages from Marc D. on facebook:page"`, "Threats on the Facebook page"}, []string{"Old spam wave"}},
		{"new case form for a viewer", view, fmt.Sprintf("/w/demo/cases/new?item=%d", f.Items[1]), 403, nil, nil},
		{"new case from a bad item number", lead, "/w/demo/cases/new?item=abc", 400, nil, nil},
		{"new case from an unknown item", lead, "/w/demo/cases/new?item=999999", 404, nil, nil},
		{"item page links to cases for a case manager", lead, fmt.Sprintf("/w/demo/items/%d", f.Items[1]), 200, []string{`id="item-to-case"`}, nil},
		{"item page without the link for others", mod, fmt.Sprintf("/w/demo/items/%d", f.Items[1]), 200, nil, []string{`id="item-to-case"`}},
		{"queue bulk action for a case manager", lead, "/w/demo/queue", 200, []string{`id="bulk-case" formaction="/w/demo/cases/new"`}, nil},
		{"queue without it for others", mod, "/w/demo/queue", 200, nil, []string{`id="bulk-case"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.Get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}

	t.Run("PDF report for a viewer", func(t *testing.T) {
		resp, body := view.Get(t, page+"/report.pdf")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
			t.Fatalf("report: %d %v %.20q", resp.StatusCode, resp.Header, body)
		}
	})
	t.Run("French", func(t *testing.T) {
		fr := f.SignIn(t, auth.RoleModerator) // reads French
		_, body := fr.Get(t, page)
		for _, w := range []string{"Dossier n°", "Vu par Stormwatch", "Chronologie"} {
			if !strings.Contains(body, w) {
				t.Errorf("French case page lacks %q", w)
			}
		}
	})
}

func TestCaseActions(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	lead := f.SignIn(t, auth.RoleApprover)
	ctx := context.Background()

	// Create from two items, as the new-case form sends it.
	resp, body := lead.Post(t, "/w/demo/cases", url.Values{"title": {"  Marc D. threatens the staff "}, "severity": {"high"}, "summary": {"Two messages."},
		"item": {strconv.FormatInt(f.Items[0], 10), strconv.FormatInt(f.Items[1], 10)}})
	m := regexp.MustCompile(`^/w/demo/cases/(\d+)\?flash=case_created$`).FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create = %d %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	cf := caseFile(t, f, id)
	if cf.Case.Title != "Marc D. threatens the staff" || cf.Case.Severity != "high" || len(cf.Items) != 2 || cf.Case.CreatedBy != auth.UserActor(lead.Session.UserID) {
		t.Fatalf("created case = %+v with %d items", cf.Case, len(cf.Items))
	}
	_, body = lead.Get(t, m[0])
	if !strings.Contains(body, "The case is open.") {
		t.Errorf("no flash after creating")
	}
	path := func(s string) string { return fmt.Sprintf("/w/demo/cases/%d%s", id, s) }
	base := path("")

	tests := []struct {
		name     string
		path     string
		form     url.Values
		status   int
		location string // on success
		text     string // on failure
	}{
		{"bulk from the queue shows the form", "/w/demo/cases/new", url.Values{"ids": {strconv.FormatInt(f.Items[2], 10), strconv.FormatInt(f.Items[6], 10)}, "bulk": {"hide"}, "nonce": {"n"}},
			200, "", "Items to put in the case (2)"},
		{"bulk with nothing selected", "/w/demo/cases/new", url.Values{"back": {"/w/demo/queue?status=to_review"}}, 303, "/w/demo/queue?flash=nothing_selected&status=to_review", ""},
		{"bulk with a bad id", "/w/demo/cases/new", url.Values{"ids": {"1; drop"}}, 400, "", "not understood"},
		{"create without a title keeps what was typed", "/w/demo/cases", url.Values{"title": {"  "}, "summary": {"kept summary"}, "item": {strconv.FormatInt(f.Items[2], 10)}},
			400, "", "kept summary"},
		{"create with an unknown item", "/w/demo/cases", url.Values{"title": {"x"}, "item": {"999999"}}, 404, "", "does not exist"},
		{"create with an unknown severity", "/w/demo/cases", url.Values{"title": {"x"}, "severity": {"apocalyptic"}}, 400, "", "This was not accepted"},
		{"to monitoring", path("/status"), url.Values{"status": {"monitoring"}, "reason": {"quiet since Monday"}}, 303, base + "?flash=case_status", ""},
		{"an unknown status", path("/status"), url.Values{"status": {"archived"}}, 400, "", "This was not accepted"},
		{"severity", path("/severity"), url.Values{"severity": {"critical"}}, 303, base + "?flash=case_severity", ""},
		{"unknown severity", path("/severity"), url.Values{"severity": {"11"}}, 400, "", "This was not accepted"},
		{"edit", path("/edit"), url.Values{"title": {"Threats against Dr Martin"}, "summary": {"Two messages; the police were called."}}, 303, base + "?flash=case_edited", ""},
		{"edit with a title too long", path("/edit"), url.Values{"title": {strings.Repeat("t", 201)}, "summary": {""}}, 400, "", "at most 200"},
		{"agreement", path("/notes"), url.Values{"kind": {"agreement"}, "text": {"Marc D. agreed to stop posting."}}, 303, base + "?flash=case_note#notes", ""},
		{"mediation", path("/notes"), url.Values{"kind": {"mediation"}, "text": {"Call with Marc D., 20 minutes."}}, 303, base + "?flash=case_note#notes", ""},
		{"empty note keeps its kind", path("/notes"), url.Values{"kind": {"mediation"}, "text": {"  "}}, 400, "", `value="mediation" selected`},
		{"unknown note kind", path("/notes"), url.Values{"kind": {"gossip"}, "text": {"x"}}, 400, "", "This was not accepted"},
		{"role", path("/roles"), url.Values{"user": {strconv.FormatInt(lead.Session.UserID, 10)}, "role": {"lead"}}, 303, base + "?flash=case_role#roles", ""},
		{"role for a stranger", path("/roles"), url.Values{"user": {"999999"}, "role": {"lead"}}, 400, "", "not a member"},
		{"unknown role", path("/roles"), url.Values{"user": {strconv.FormatInt(lead.Session.UserID, 10)}, "role": {"king"}}, 400, "", "This was not accepted"},
		{"add items", path("/items"), url.Values{"item": {strconv.FormatInt(f.Items[3], 10)}}, 303, base + "?flash=case_items_added#items", ""},
		{"add an unknown item", path("/items"), url.Values{"item": {"999999"}}, 400, "", "not found in this workspace"},
		{"add no item", path("/items"), url.Values{}, 400, "", "This was not accepted"},
		{"a change to an unknown case", "/w/demo/cases/999999/notes", url.Values{"kind": {"note"}, "text": {"x"}}, 404, "", "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := lead.Post(t, tt.path, tt.form)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location = %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if tt.text != "" && !strings.Contains(body, tt.text) {
				t.Errorf("page lacks %q\n%s", tt.text, body)
			}
		})
	}
	cf = caseFile(t, f, id)
	if cf.Case.Status != store.CaseMonitoring || cf.Case.Severity != store.SeverityCritical || cf.Case.Title != "Threats against Dr Martin" ||
		len(cf.Notes) != 2 || len(cf.Roles) != 1 || cf.Roles[0].Role != "lead" || len(cf.Items) != 3 {
		t.Fatalf("case after the changes: %+v, notes %d, roles %+v, items %d", cf.Case, len(cf.Notes), cf.Roles, len(cf.Items))
	}
	// Every change is in the audit excerpt, by the person who made it.
	kinds := map[string]int{}
	for _, ev := range cf.Audit {
		if ev.Actor == auth.UserActor(lead.Session.UserID) {
			kinds[ev.Kind]++
		}
	}
	for _, k := range []string{"case.created", "case.status_changed", "case.severity_changed", "case.edited", "case.note_added", "case.role_set", "case.items_added"} {
		if kinds[k] == 0 {
			t.Errorf("no %s audit event by the lead (have %v)", k, kinds)
		}
	}

	// A status change the rules do not allow: 409, shown calmly on the case page.
	if _, err := f.Cases.SetStatus(ctx, desktest.Workspace, id, store.CaseClosed, "", "user:1"); err != nil {
		t.Fatal(err)
	}
	resp, body = lead.Post(t, path("/status"), url.Values{"status": {"monitoring"}, "reason": {"typed reason"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "not allowed from the case") || !strings.Contains(body, "typed reason") || !strings.Contains(body, `role="alert"`) {
		t.Errorf("closed → monitoring = %d\n%s", resp.StatusCode, body)
	}
	resp, body = lead.Post(t, path("/items"), url.Values{"item": {strconv.FormatInt(f.Items[4], 10)}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Reopen it first") {
		t.Errorf("items on a closed case = %d\n%s", resp.StatusCode, body)
	}
	resp, _ = lead.Post(t, path("/status"), url.Values{"status": {"open"}, "reason": {"new messages"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("reopen = %d", resp.StatusCode)
	}
	if got := caseFile(t, f, id).Case.Status; got != store.CaseOpen {
		t.Errorf("status after reopening = %s", got)
	}
}

func TestCaseEvidence(t *testing.T) {
	f := desktest.New(t, desktest.Options{})
	lead := f.SignIn(t, auth.RoleCrisisLead)
	view := f.SignIn(t, auth.RoleViewer)
	c := newCase(t, f, "Calls to the reception", f.Items[0])
	other := newCase(t, f, "Another case")
	up := fmt.Sprintf("/w/demo/cases/%d/evidence", c.ID)
	callLog := []byte("2025-03-02 09:14 caller withheld number, 4 min, threatened Dr Martin\n")
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)

	resp, body := upload(t, lead, up, lead.CSRF, "call-log.txt", callLog, map[string]string{"description": "Reception's call log"})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/w/demo/cases/%d?flash=case_evidence#evidence", c.ID) {
		t.Fatalf("upload = %d %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	resp, _ = upload(t, lead, up, lead.CSRF, `..\..\screen shot.png`, png, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("PNG upload = %d", resp.StatusCode)
	}
	cf := caseFile(t, f, c.ID)
	if len(cf.Evidence) != 2 {
		t.Fatalf("evidence = %+v", cf.Evidence)
	}
	sum := sha256.Sum256(callLog)
	ev := cf.Evidence[0]
	if ev.SHA256 != hex.EncodeToString(sum[:]) || ev.ContentType != "text/plain" || ev.Name != "call-log.txt" || ev.Description != "Reception's call log" {
		t.Errorf("stored evidence = %+v", ev)
	}
	if cf.Evidence[1].Name != "screen shot.png" || cf.Evidence[1].ContentType != "image/png" {
		t.Errorf("PNG evidence = %+v", cf.Evidence[1])
	}
	_, page := view.Get(t, fmt.Sprintf("/w/demo/cases/%d", c.ID))
	if !strings.Contains(page, ev.SHA256) || !strings.Contains(page, "Reception&#39;s call log") {
		t.Errorf("case page does not list the evidence with its hash")
	}

	t.Run("download", func(t *testing.T) {
		resp, body := view.Get(t, fmt.Sprintf("/w/demo/cases/%d/evidence/%d", c.ID, ev.ID))
		if resp.StatusCode != 200 || body != string(callLog) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("download = %d %v %q", resp.StatusCode, resp.Header, body)
		}
		resp, _ = view.Get(t, fmt.Sprintf("/w/demo/cases/%d/evidence/%d", other.ID, ev.ID))
		if resp.StatusCode != 404 {
			t.Errorf("evidence through another case = %d, want 404", resp.StatusCode)
		}
	})

	t.Run("bundle", func(t *testing.T) {
		resp, body := lead.Post(t, fmt.Sprintf("/w/demo/cases/%d/bundle", c.ID), nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("bundle = %d %v", resp.StatusCode, resp.Header)
		}
		v := cases.Verify(strings.NewReader(body), int64(len(body)))
		if !v.OK() || v.Manifest == nil || v.Manifest.Case.Evidence != 2 || v.ManifestSHA256 != resp.Header.Get("X-Manifest-SHA256") {
			t.Fatalf("bundle verification: %+v", v)
		}
		cf := caseFile(t, f, c.ID)
		last := cf.Audit[len(cf.Audit)-1]
		if last.Kind != "case.exported" || last.Actor != auth.UserActor(lead.Session.UserID) {
			t.Errorf("last audit event = %+v", last)
		}
		resp, _ = view.Post(t, fmt.Sprintf("/w/demo/cases/%d/bundle", c.ID), nil)
		if resp.StatusCode != 403 {
			t.Errorf("viewer export = %d, want 403", resp.StatusCode)
		}
	})

	f.Cases.MaxEvidenceBytes = 4 << 10
	mod := f.SignIn(t, auth.RoleSpokesperson) // moderates, does not manage cases
	tests := []struct {
		name    string
		c       *desktest.Client
		csrf    string
		path    string
		file    string
		content []byte
		status  int
		text    string
	}{
		{"wrong type (HTML)", lead, lead.CSRF, up, "page.html", []byte("<!doctype html><script>alert(1)</script>"), 415, "not accepted as evidence"},
		{"wrong type (binary)", lead, lead.CSRF, up, "tool.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), 415, "not one of the accepted types"},
		{"text with another extension", lead, lead.CSRF, up, "notes.js", []byte("alert(1)"), 415, "must end in .txt"},
		{"larger than the evidence limit", lead, lead.CSRF, up, "big.txt", bytes.Repeat([]byte("a"), 5<<10), 413, "The file is too large"},
		{"larger than the request limit", lead, lead.CSRF, up, "huge.txt", bytes.Repeat([]byte("a"), 2<<20), 413, "too large"},
		{"empty file", lead, lead.CSRF, up, "empty.txt", nil, 400, "is empty"},
		{"no file", lead, lead.CSRF, up, "", nil, 400, "no file was chosen"},
		{"forged CSRF token", lead, "forged", up, "call-log.txt", callLog, 403, "did not come from the desk"},
		{"another session's CSRF token", lead, view.CSRF, up, "call-log.txt", callLog, 403, "did not come from the desk"},
		{"viewer", view, view.CSRF, up, "call-log.txt", callLog, 403, "Your role does not allow this"},
		{"spokesperson", mod, mod.CSRF, up, "call-log.txt", callLog, 403, "Your role does not allow this"},
		{"unknown case", lead, lead.CSRF, "/w/demo/cases/999999/evidence", "call-log.txt", callLog, 404, "does not exist"},
		{"another workspace", lead, lead.CSRF, "/w/other/cases/1/evidence", "call-log.txt", callLog, 403, "Your role does not allow this"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := upload(t, tt.c, tt.path, tt.csrf, tt.file, tt.content, map[string]string{"description": "kept description"})
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%s", resp.StatusCode, tt.status, tt.text, body)
			}
			if resp.StatusCode == 415 && !strings.Contains(body, `value="kept description"`) {
				t.Errorf("the description typed is lost")
			}
			if n := len(caseFile(t, f, c.ID).Evidence); n != 2 {
				t.Errorf("evidence files = %d after a refused upload, want 2", n)
			}
		})
	}

	t.Run("other bad posts change nothing", func(t *testing.T) {
		note := url.Values{"kind": {"note"}, "text": {"should not be stored"}}
		for _, p := range []struct {
			name   string
			c      *desktest.Client
			form   url.Values
			header []string
			status int
		}{
			{"forged CSRF", lead, url.Values{"csrf_token": {"forged"}, "kind": {"note"}, "text": {"x"}}, nil, 403},
			{"cross-origin", lead, note, []string{"Sec-Fetch-Site", "cross-site"}, 403},
			{"viewer", view, note, nil, 403},
			{"oversized form", lead, url.Values{"kind": {"note"}, "text": {strings.Repeat("x", 70<<10)}}, nil, 413},
		} {
			resp, body := p.c.Post(t, fmt.Sprintf("/w/demo/cases/%d/notes", c.ID), p.form, p.header...)
			if resp.StatusCode != p.status {
				t.Errorf("%s: status %d, want %d\n%s", p.name, resp.StatusCode, p.status, body)
			}
		}
		if n := len(caseFile(t, f, c.ID).Notes); n != 0 {
			t.Errorf("notes = %d, want 0", n)
		}
	})

	t.Run("closed case refuses evidence", func(t *testing.T) {
		if _, err := f.Cases.SetStatus(context.Background(), desktest.Workspace, c.ID, store.CaseClosed, "", "user:1"); err != nil {
			t.Fatal(err)
		}
		resp, body := upload(t, lead, up, lead.CSRF, "late.txt", []byte("late"), nil)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "Reopen it first") {
			t.Errorf("evidence on a closed case = %d\n%s", resp.StatusCode, body)
		}
	})
}
