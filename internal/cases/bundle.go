package cases

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/stormwatch/stormwatch/internal/act"
	"github.com/stormwatch/stormwatch/internal/audit"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// BundleFormat names the layout written by WriteBundle:
//
//	manifest.json          case metadata, exporter, export time, audit head, and every other file's path, SHA-256 and size
//	manifest.sha256        SHA-256 of manifest.json's bytes, in sha256sum format ("HEX  manifest.json")
//	case.json              roles, notes, evidence list and timeline
//	report.pdf             the case report
//	items/item-N.json      each item as captured, with its decision and actions
//	items/item-N.raw.json  the raw payload exactly as received (its SHA-256 is in the report)
//	attachments/E-NAME     evidence files as uploaded
//	audit.jsonl            the audit events about the case, its items and their actions
const BundleFormat = "stormwatch-evidence-bundle/1"

// Manifest is manifest.json. Its canonical form is what WriteBundle writes:
// this struct encoded by encoding/json with two-space indentation, files
// sorted by path, and a final newline; manifest.sha256 holds the SHA-256
// of exactly those bytes.
type Manifest struct {
	Format       string         `json:"format"`
	Organization string         `json:"organization"`
	Case         ManifestCase   `json:"case"`
	ExportedBy   string         `json:"exported_by"`
	ExportedAt   time.Time      `json:"exported_at"`
	AuditHead    ManifestHead   `json:"audit_head"`
	Files        []ManifestFile `json:"files"`
}

// ManifestCase is the case's metadata in the manifest.
type ManifestCase struct {
	ID        int64     `json:"id"`
	Workspace string    `json:"workspace"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
	Status    string    `json:"status"`
	Severity  string    `json:"severity"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	ClosedAt  time.Time `json:"closed_at,omitzero"`
	Items     int       `json:"items"`
	Evidence  int       `json:"evidence"`
	Notes     int       `json:"notes"`
}

// ManifestHead is the audit chain's head when the bundle was exported.
type ManifestHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// ManifestFile is one file of the bundle.
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// BundleItem is items/item-N.json.
type BundleItem struct {
	Item ingest.Item `json:"item"`
	// RawFile holds the raw payload byte for byte; the copy inside Item is
	// re-encoded JSON, for reading.
	RawFile   string          `json:"raw_file,omitempty"`
	RawSHA256 string          `json:"raw_sha256,omitempty"`
	Decision  *store.Decision `json:"decision,omitempty"`
	Actions   []act.Action    `json:"actions,omitempty"`
	AddedBy   string          `json:"added_by"`
	AddedAt   time.Time       `json:"added_at"`
}

// bundleCase is case.json.
type bundleCase struct {
	Case     store.Case       `json:"case"`
	Roles    []store.CaseRole `json:"roles"`
	Notes    []store.CaseNote `json:"notes"`
	Evidence []store.Evidence `json:"evidence"`
	Timeline []Entry          `json:"timeline"`
}

const (
	manifestName    = "manifest.json"
	manifestSumName = "manifest.sha256"
)

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// RawSHA256 is the hash shown for an item's raw payload: of the bytes as
// received, or empty when there were none.
func RawSHA256(it ingest.Item) string {
	if len(it.Raw) == 0 {
		return ""
	}
	return sha256Hex(it.Raw)
}

// attachmentPath names an evidence file inside the bundle: its id keeps
// names unique, and only safe characters survive so that no unzip tool
// writes outside its folder.
func attachmentPath(e store.Evidence) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, e.Name)
	name = strings.TrimLeft(name, ".")
	if len(name) > 100 {
		name = name[len(name)-100:]
	}
	return fmt.Sprintf("attachments/%d-%s", e.ID, name)
}

// WriteBundle writes the evidence bundle of f to w as a ZIP and returns its
// manifest and the manifest's SHA-256. content returns an evidence file's
// bytes; they are checked against the recorded hash before being packed.
func WriteBundle(w io.Writer, f store.CaseFile, content func(store.Evidence) ([]byte, error), exporter string, at time.Time) (Manifest, string, error) {
	at = at.UTC().Truncate(time.Second)
	type file struct {
		path string
		data []byte
	}
	var files []file
	add := func(p string, data []byte) { files = append(files, file{p, data}) }

	tl := Timeline(f)
	cj, err := json.MarshalIndent(bundleCase{Case: f.Case, Roles: f.Roles, Notes: f.Notes, Evidence: f.Evidence, Timeline: tl}, "", "  ")
	if err != nil {
		return Manifest{}, "", fmt.Errorf("case.json: %w", err)
	}
	add("case.json", append(cj, '\n'))

	var pdf bytes.Buffer
	if err := WriteReport(&pdf, f, exporter, at); err != nil {
		return Manifest{}, "", err
	}
	add("report.pdf", pdf.Bytes())

	for _, ci := range f.Items {
		bi := BundleItem{Item: ci.Item, Decision: ci.Decision, Actions: ci.Actions, AddedBy: ci.AddedBy, AddedAt: ci.AddedAt}
		if len(ci.Item.Raw) > 0 {
			bi.RawFile = fmt.Sprintf("items/item-%d.raw.json", ci.Item.ID)
			bi.RawSHA256 = RawSHA256(ci.Item)
			add(bi.RawFile, ci.Item.Raw)
			if !json.Valid(ci.Item.Raw) {
				bi.Item.Raw = nil // kept byte for byte in the raw file only
			}
		}
		b, err := json.MarshalIndent(bi, "", "  ")
		if err != nil {
			return Manifest{}, "", fmt.Errorf("item %d: %w", ci.Item.ID, err)
		}
		add(fmt.Sprintf("items/item-%d.json", ci.Item.ID), append(b, '\n'))
	}
	for _, e := range f.Evidence {
		data, err := content(e)
		if err != nil {
			return Manifest{}, "", fmt.Errorf("evidence %d (%s): %w", e.ID, e.Name, err)
		}
		if got := sha256Hex(data); got != e.SHA256 {
			return Manifest{}, "", fmt.Errorf("evidence %d (%s): content hashes to %s but %s was recorded: refusing to export altered evidence", e.ID, e.Name, got, e.SHA256)
		}
		add(attachmentPath(e), data)
	}
	var aud bytes.Buffer
	enc := json.NewEncoder(&aud)
	for _, ev := range f.Audit {
		if err := enc.Encode(ev); err != nil {
			return Manifest{}, "", fmt.Errorf("audit.jsonl: %w", err)
		}
	}
	add("audit.jsonl", aud.Bytes())

	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	m := Manifest{
		Format:       BundleFormat,
		Organization: f.Workspace.Name,
		Case: ManifestCase{ID: f.Case.ID, Workspace: f.Case.Workspace, Title: f.Case.Title, Summary: f.Case.Summary, Status: f.Case.Status, Severity: f.Case.Severity,
			CreatedAt: f.Case.CreatedAt, UpdatedAt: f.Case.UpdatedAt, ClosedAt: f.Case.ClosedAt, Items: len(f.Items), Evidence: len(f.Evidence), Notes: len(f.Notes)},
		ExportedBy: exporter,
		ExportedAt: at,
		AuditHead:  ManifestHead{Seq: f.AuditHead.Seq, Hash: hex.EncodeToString(f.AuditHead.Hash)},
		Files:      []ManifestFile{},
	}
	for _, fl := range files {
		m.Files = append(m.Files, ManifestFile{Path: fl.path, SHA256: sha256Hex(fl.data), Size: int64(len(fl.data))})
	}
	mb, err := CanonicalManifest(m)
	if err != nil {
		return m, "", err
	}
	sum := sha256Hex(mb)

	zw := zip.NewWriter(w)
	write := func(p string, data []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: at})
		if err != nil {
			return fmt.Errorf("bundle %s: %w", p, err)
		}
		if _, err := fw.Write(data); err != nil {
			return fmt.Errorf("bundle %s: %w", p, err)
		}
		return nil
	}
	if err := write(manifestName, mb); err != nil {
		return m, "", err
	}
	if err := write(manifestSumName, []byte(sum+"  "+manifestName+"\n")); err != nil {
		return m, "", err
	}
	for _, fl := range files {
		if err := write(fl.path, fl.data); err != nil {
			return m, "", err
		}
	}
	if err := zw.Close(); err != nil {
		return m, "", fmt.Errorf("bundle: %w", err)
	}
	return m, sum, nil
}

// CanonicalManifest encodes m in its canonical form.
func CanonicalManifest(m Manifest) ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return append(b, '\n'), nil
}

// Problem is one thing wrong with a bundle.
type Problem struct {
	Path string // the file concerned, or "" for the archive itself
	Msg  string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Verification is what Verify found.
type Verification struct {
	Manifest       *Manifest // nil when it could not be read
	ManifestSHA256 string
	AuditEvents    int
	Problems       []Problem
}

// OK reports whether the bundle verified without any problem.
func (v Verification) OK() bool { return len(v.Problems) == 0 }

// Limits on what Verify reads, so a hostile archive cannot exhaust memory.
const (
	maxBundleEntries  = 100000
	maxManifestBytes  = 16 << 20
	maxBundleFileSize = 1 << 30
)

// Verify checks a bundle: manifest.json against manifest.sha256, every
// listed file's presence, size and SHA-256, that no file was added, that
// each raw payload matches the hash its item records, and that the audit
// excerpt's events match their own hashes, are in chain order, link where
// consecutive, and do not go past the audit head recorded at export. It
// never panics on hostile input; every problem is reported, not only the
// first.
func Verify(r io.ReaderAt, size int64) Verification {
	var v Verification
	problem := func(p, format string, args ...any) {
		v.Problems = append(v.Problems, Problem{p, fmt.Sprintf(format, args...)})
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		problem("", "not a readable ZIP archive: %v", err)
		return v
	}
	if len(zr.File) > maxBundleEntries {
		problem("", "archive has %d entries, more than the %d a bundle may hold", len(zr.File), maxBundleEntries)
		return v
	}
	entries := map[string]*zip.File{}
	for _, zf := range zr.File {
		name := zf.Name
		if strings.HasSuffix(name, "/") && zf.UncompressedSize64 == 0 {
			continue // a folder entry, as some zip tools add when re-packing
		}
		if !safePath(name) {
			problem(name, "unsafe path in archive (absolute, backslash or ..)")
			continue
		}
		if entries[name] != nil {
			problem(name, "appears more than once in the archive")
			continue
		}
		entries[name] = zf
	}
	read := func(name string, limit int64) ([]byte, error) {
		zf := entries[name]
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		if err != nil {
			return nil, err
		}
		if int64(len(b)) > limit {
			return b[:limit], errTooBig
		}
		return b, nil
	}

	if entries[manifestName] == nil {
		problem(manifestName, "missing: this is not an evidence bundle, or its manifest was removed")
		return v
	}
	mb, err := read(manifestName, maxManifestBytes)
	if err != nil {
		problem(manifestName, "cannot be read: %v", err)
		return v
	}
	v.ManifestSHA256 = sha256Hex(mb)
	if entries[manifestSumName] == nil {
		problem(manifestSumName, "missing: the manifest's own hash was removed")
	} else if sb, err := read(manifestSumName, 1024); err != nil {
		problem(manifestSumName, "cannot be read: %v", err)
	} else {
		fields := strings.Fields(string(sb))
		switch {
		case len(fields) == 0 || len(fields[0]) != 64:
			problem(manifestSumName, "does not hold a SHA-256 (64 hex digits)")
		case !strings.EqualFold(fields[0], v.ManifestSHA256):
			problem(manifestName, "SHA-256 is %s but manifest.sha256 records %s: the manifest was edited after export", v.ManifestSHA256, strings.ToLower(fields[0]))
		}
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(mb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		problem(manifestName, "not a valid manifest: %v", err)
		return v
	}
	v.Manifest = &m
	if m.Format != BundleFormat {
		problem(manifestName, "format %q, want %q", m.Format, BundleFormat)
	}

	listed := map[string]ManifestFile{}
	for _, mf := range m.Files {
		switch {
		case mf.Path == manifestName || mf.Path == manifestSumName:
			problem(mf.Path, "listed in the manifest, which cannot list itself")
			continue
		case listed[mf.Path].Path != "":
			problem(mf.Path, "listed twice in the manifest")
			continue
		}
		listed[mf.Path] = mf
	}
	contents := map[string][]byte{}
	for _, mf := range m.Files {
		if listed[mf.Path] != mf {
			continue
		}
		if entries[mf.Path] == nil {
			problem(mf.Path, "listed in the manifest but missing from the bundle (file removed)")
			continue
		}
		if mf.Size < 0 || mf.Size > maxBundleFileSize {
			problem(mf.Path, "manifest gives an impossible size %d", mf.Size)
			continue
		}
		b, err := read(mf.Path, mf.Size)
		switch {
		case err == errTooBig:
			problem(mf.Path, "is larger than the %d bytes the manifest records (file edited)", mf.Size)
			continue
		case err != nil:
			problem(mf.Path, "cannot be read: %v", err)
			continue
		case int64(len(b)) != mf.Size:
			problem(mf.Path, "is %d bytes but the manifest records %d (file edited)", len(b), mf.Size)
			continue
		}
		if got := sha256Hex(b); !strings.EqualFold(got, mf.SHA256) {
			problem(mf.Path, "SHA-256 is %s but the manifest records %s (file edited)", got, mf.SHA256)
			continue
		}
		contents[mf.Path] = b
	}
	var extra []string
	for name := range entries {
		if name != manifestName && name != manifestSumName && listed[name].Path == "" {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		problem(name, "in the bundle but not in the manifest (file added)")
	}

	// Items and their raw payloads.
	for p, b := range contents {
		if !strings.HasPrefix(p, "items/") || strings.HasSuffix(p, ".raw.json") || !strings.HasSuffix(p, ".json") {
			continue
		}
		var bi BundleItem
		if err := json.Unmarshal(b, &bi); err != nil {
			problem(p, "not a valid item record: %v", err)
			continue
		}
		if bi.RawFile == "" {
			continue
		}
		if listed[bi.RawFile].Path == "" {
			problem(p, "names raw payload %s, which the manifest does not list", bi.RawFile)
			continue
		}
		if raw, ok := contents[bi.RawFile]; ok && sha256Hex(raw) != bi.RawSHA256 {
			problem(p, "records raw payload SHA-256 %s but %s hashes to %s", bi.RawSHA256, bi.RawFile, sha256Hex(raw))
		}
	}

	// The audit excerpt.
	if b, ok := contents["audit.jsonl"]; ok {
		v.AuditEvents = verifyAudit(b, m.AuditHead, problem)
	} else if listed["audit.jsonl"].Path == "" {
		problem("audit.jsonl", "not listed in the manifest: the audit excerpt is missing")
	}
	sort.SliceStable(v.Problems, func(i, j int) bool { return v.Problems[i].Path < v.Problems[j].Path })
	return v
}

var errTooBig = fmt.Errorf("larger than expected")

func safePath(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || part == "." || part == "" {
			return false
		}
	}
	return true
}

// verifyAudit checks the excerpt's events: each must match its own hash
// (recomputed from its fields and the previous hash it names), sequence
// numbers must increase, an event that directly follows another in the
// excerpt must link to it, and none may be newer than the head recorded at
// export (the head itself must match when present). An excerpt cannot show
// that events were left out between two it holds; `stormwatch audit verify`
// on the organization's database does.
func verifyAudit(b []byte, head ManifestHead, problem func(p, format string, args ...any)) int {
	const p = "audit.jsonl"
	var prev *audit.Event
	n := 0
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var ev audit.Event
		if err := json.Unmarshal(line, &ev); err != nil {
			problem(p, "line %d: not an audit event: %v", i+1, err)
			continue
		}
		n++
		check := ev
		audit.Seal(&check, ev.Seq-1, ev.PrevHash)
		if !bytes.Equal(check.Hash, ev.Hash) {
			problem(p, "line %d (event %d): content does not match its hash (event edited)", i+1, ev.Seq)
		}
		if prev != nil {
			switch {
			case ev.Seq <= prev.Seq:
				problem(p, "line %d (event %d): out of order after event %d", i+1, ev.Seq, prev.Seq)
			case ev.Seq == prev.Seq+1 && !bytes.Equal(ev.PrevHash, prev.Hash):
				problem(p, "line %d (event %d): does not link to event %d before it (event edited or replaced)", i+1, ev.Seq, prev.Seq)
			}
		}
		if ev.Seq > head.Seq {
			problem(p, "line %d (event %d): newer than the audit head %d recorded at export", i+1, ev.Seq, head.Seq)
		} else if ev.Seq == head.Seq && hex.EncodeToString(ev.Hash) != strings.ToLower(head.Hash) {
			problem(p, "line %d (event %d): does not match the audit head recorded at export", i+1, ev.Seq)
		}
		prev = &ev
	}
	return n
}
