package survey

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Format is an import file's format.
type Format string

// The formats.
const (
	CSV   Format = "csv"
	JSONL Format = "jsonl"
)

// FormatOf tells the format from a file name or a Content-Type.
func FormatOf(nameOrType string) (Format, error) {
	s := strings.ToLower(strings.TrimSpace(nameOrType))
	if i := strings.IndexByte(s, ';'); i >= 0 && strings.Contains(s, "/") {
		s = strings.TrimSpace(s[:i])
	}
	switch {
	case strings.HasSuffix(s, ".csv"), s == "text/csv", s == "application/csv":
		return CSV, nil
	case strings.HasSuffix(s, ".jsonl"), strings.HasSuffix(s, ".ndjson"), s == "application/jsonl", s == "application/x-ndjson",
		s == "application/x-jsonlines", s == "application/json-lines", s == "application/ndjson":
		return JSONL, nil
	}
	return "", fmt.Errorf("cannot tell the format of %q: send CSV (text/csv, .csv) or JSON Lines (application/jsonl, .jsonl)", nameOrType)
}

// Read reads answers in format f.
func Read(r io.Reader, f Format, o Options, fn ReadFunc) error {
	switch f {
	case CSV:
		return ReadCSV(r, o, fn)
	case JSONL:
		return ReadJSONL(r, o, fn)
	}
	return fmt.Errorf("unknown survey format %q (csv or jsonl)", f)
}

// getter returns a field's raw value, whether the record has it, and the
// column name to cite in errors.
type getter func(f field) (value string, ok bool, column string)

// build turns one record into an answer, checking every field.
func build(line int, get getter, o Options, scale int) (Answer, []Problem) {
	a := Answer{Line: line, Scale: scale}
	var probs []Problem
	bad := func(f field, msg string, args ...any) {
		_, _, col := get(f)
		if col == "" {
			col = string(f)
		}
		probs = append(probs, Problem{Line: line, Column: col, Msg: fmt.Sprintf(msg, args...)})
	}
	str := func(f field, limit int) string {
		v, ok, _ := get(f)
		v = strings.TrimSpace(v)
		if !ok {
			return ""
		}
		if len(v) > limit {
			bad(f, "is %d bytes, over the limit of %d", len(v), limit)
			return ""
		}
		return v
	}
	a.Respondent = str(fRespondent, MaxFieldBytes)
	if _, ok, _ := get(fRespondent); ok && a.Respondent == "" {
		bad(fRespondent, "is empty: the client reference is needed to call back")
	} else if !ok {
		bad(fRespondent, "is missing: the client reference is needed to call back")
	}
	if v, ok, _ := get(fScale); ok && strings.TrimSpace(v) != "" {
		s, err := parseScale(v)
		if err != nil {
			bad(fScale, "%v", err)
		} else {
			a.Scale = s
		}
	}
	if v, ok, _ := get(fDate); !ok || strings.TrimSpace(v) == "" {
		bad(fDate, "is missing: the answer's date is needed to tell it from the client's other answers")
	} else if d, err := parseDate(v); err != nil {
		bad(fDate, "%v", err)
	} else {
		a.Date = d
	}
	if v, ok, _ := get(fScore); !ok {
		bad(fScore, "is missing (a score from %s is required)", scaleRange(a.Scale))
	} else if n, err := parseScore(v, a.Scale); err != nil {
		bad(fScore, "%v", err)
	} else {
		a.Score = n
	}
	a.Comment = str(fComment, MaxCommentBytes)
	if v, ok, _ := get(fConsent); ok {
		c, err := parseConsent(v)
		if err != nil {
			bad(fConsent, "%v", err)
		}
		a.Consent = c
	}
	// The contact is read only to be kept with consent; without it the
	// value is dropped here and goes no further.
	if contact := str(fContact, MaxFieldBytes); a.Consent {
		a.Contact = contact
	}
	a.Location = str(fLocation, MaxFieldBytes)
	a.Lang = strings.ToLower(str(fLang, 8))
	if a.Lang == "" {
		a.Lang = o.Lang
	}
	if a.Lang != "" && !langs[a.Lang] {
		bad(fLang, "%q is not one of fr, nl, sv, nb, nn, en, de, da", a.Lang)
	}
	return a, probs
}

// ReadCSV reads a CSV file with a header row; the delimiter (comma,
// semicolon or tab) is taken from the header. Columns it does not know
// are read past. A bad line is reported to fn and reading goes on.
func ReadCSV(r io.Reader, o Options, fn ReadFunc) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("read survey: %w", err)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1
	// Strict quotes: a lazy reader would swallow the rest of the file
	// into one comment after an unclosed quote.
	cr.LazyQuotes = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fn(Answer{}, []Problem{{Line: 1, Msg: "the file is empty: the first line must name the columns (respondent, date, score, comment, ...)"}})
	}
	if err != nil {
		return fn(Answer{}, []Problem{{Line: 1, Msg: describeCSVError(err)}})
	}
	if !validUTF8(header) {
		return fn(Answer{}, []Problem{{Line: 1, Msg: notUTF8}})
	}
	index := map[field]int{}
	names := map[field]string{}
	for i, h := range header {
		f, ok := columns[foldName(h)]
		if !ok {
			continue
		}
		if j, dup := index[f]; dup {
			return fn(Answer{}, []Problem{{Line: 1, Column: h, Msg: fmt.Sprintf("is the same field (%s) as column %q", f, header[j])}})
		}
		index[f], names[f] = i, strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	var missing []string
	for _, f := range []field{fRespondent, fDate, fScore} {
		if _, ok := index[f]; !ok {
			missing = append(missing, string(f))
		}
	}
	if len(missing) > 0 {
		return fn(Answer{}, []Problem{{Line: 1, Msg: fmt.Sprintf("the header has no %s column (found: %s)", strings.Join(missing, ", "), strings.Join(header, ", "))}})
	}
	scale := o.Scale
	if scale == 0 {
		scale = 10
		if fiveScaleNames[foldName(names[fScore])] {
			scale = 5
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("read survey: %w", err)
			}
			if pe.Err != csv.ErrFieldCount && pe.Err != csv.ErrBareQuote {
				// The reader cannot resynchronise after a broken quote.
				return fn(Answer{}, []Problem{{Line: pe.StartLine, Msg: describeCSVError(err)}})
			}
			if cbErr := fn(Answer{}, []Problem{{Line: pe.StartLine, Msg: describeCSVError(err)}}); cbErr != nil {
				return cbErr
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if !validUTF8(rec) {
			if cbErr := fn(Answer{}, []Problem{{Line: line, Msg: notUTF8}}); cbErr != nil {
				return cbErr
			}
			continue
		}
		get := func(f field) (string, bool, string) {
			i, ok := index[f]
			if !ok {
				return "", false, ""
			}
			if i >= len(rec) {
				return "", true, names[f]
			}
			return rec[i], true, names[f]
		}
		a, probs := build(line, get, o, scale)
		if cbErr := fn(a, probs); cbErr != nil {
			return cbErr
		}
	}
}

const notUTF8 = "is not valid UTF-8: save the file as UTF-8 (in Excel: \"CSV UTF-8\")"

func validUTF8(rec []string) bool {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return false
		}
	}
	return true
}

// sniffDelimiter picks the header line's most frequent of , ; and tab:
// spreadsheets in French, Dutch, German and Nordic locales write ";".
func sniffDelimiter(head []byte) rune {
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, n := ',', bytes.Count(head, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(head, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func describeCSVError(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Sprintf("a quoted field is not closed (starting at line %d, column %d): check the quotes", pe.StartLine, pe.Column)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("a quote inside a field that is not quoted (column %d): quote the whole field and double the quote", pe.Column)
		case errors.Is(pe.Err, csv.ErrFieldCount):
			return "has a different number of fields than the header"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadJSONL reads one answer object per line, with the same field names
// as the CSV header (in any of the six languages). Unknown keys are read
// past; blank lines are skipped.
func ReadJSONL(r io.Reader, o Options, fn ReadFunc) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			a, probs := decodeJSONLine(b, line, o)
			if cbErr := fn(a, probs); cbErr != nil {
				return cbErr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read survey at line %d: %w", line, err)
		}
	}
}

func decodeJSONLine(b []byte, line int, o Options) (Answer, []Problem) {
	if !utf8.Valid(b) {
		return Answer{}, []Problem{{Line: line, Msg: notUTF8}}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		var syn *json.SyntaxError
		msg := "is not a JSON object: " + strings.TrimPrefix(err.Error(), "json: ")
		if errors.As(err, &syn) {
			msg = fmt.Sprintf("is not valid JSON at column %d: %s", syn.Offset, syn.Error())
		}
		return Answer{}, []Problem{{Line: line, Msg: msg}}
	}
	vals := map[field]string{}
	keys := map[field]string{}
	var probs []Problem
	for k, raw := range obj {
		f, ok := columns[foldName(k)]
		if !ok {
			continue
		}
		if prev, dup := keys[f]; dup {
			probs = append(probs, Problem{Line: line, Column: k, Msg: fmt.Sprintf("is the same field (%s) as %q", f, prev)})
			continue
		}
		v, err := jsonScalar(raw)
		if err != nil {
			probs = append(probs, Problem{Line: line, Column: k, Msg: err.Error()})
			continue
		}
		vals[f], keys[f] = v, k
	}
	if len(probs) > 0 {
		return Answer{}, probs
	}
	scale := o.Scale
	if scale == 0 {
		scale = 10
		if fiveScaleNames[foldName(keys[fScore])] {
			scale = 5
		}
	}
	get := func(f field) (string, bool, string) {
		v, ok := vals[f]
		return v, ok, keys[f]
	}
	return build(line, get, o, scale)
}

// jsonScalar renders a string, number, boolean or null as text.
func jsonScalar(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", errors.New("has no value")
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("is not a valid string: %v", err)
		}
		return s, nil
	case 't', 'f':
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return "", errors.New("is not a valid value")
		}
		return strconv.FormatBool(b), nil
	case 'n':
		return "", nil
	case '{', '[':
		return "", errors.New("must be a string, number or boolean, not an object or array")
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", errors.New("is not a valid value")
	}
	return n.String(), nil
}
