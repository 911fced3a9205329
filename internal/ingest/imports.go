package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Format is an import file's format.
type Format string

// Import formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// FormatOf guesses the format from a file name.
func FormatOf(name string) (Format, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"), strings.HasSuffix(lower, ".json"):
		return JSONL, nil
	case strings.HasSuffix(lower, ".csv"):
		return CSV, nil
	}
	return "", fmt.Errorf("cannot tell the format of %q: name it .jsonl or .csv, or pass --format jsonl|csv", name)
}

// ReadFunc receives each record of an import: an item, or the problems
// that kept a line from becoming one. Returning an error stops the import.
type ReadFunc func(line int, it Item, problems []FieldError) error

// ReadJSONL reads one item object per line. Blank lines are skipped; a bad
// line is reported to fn and reading goes on.
func ReadJSONL(r io.Reader, defaultChannel string, fn ReadFunc) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			if cbErr := decodeLine(b, line, defaultChannel, fn); cbErr != nil {
				return cbErr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

func decodeLine(b []byte, line int, defaultChannel string, fn ReadFunc) error {
	if !utf8.Valid(b) {
		return fn(line, Item{}, []FieldError{{Index: line, Msg: "not valid UTF-8"}})
	}
	if defaultChannel != "" {
		b = withDefaultChannel(b, defaultChannel)
	}
	it, problems := DecodeItem(b, line)
	return fn(line, it, problems)
}

// withDefaultChannel adds "channel" to an object that has none, keeping the
// line otherwise verbatim.
func withDefaultChannel(b []byte, channel string) []byte {
	var probe struct {
		Channel *string `json:"channel"`
	}
	if json.Unmarshal(b, &probe) != nil || probe.Channel != nil {
		return b
	}
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) < 2 || trimmed[0] != '{' {
		return b
	}
	ch, _ := json.Marshal(channel)
	rest := bytes.TrimSpace(trimmed[1:])
	sep := []byte(",")
	if len(rest) > 0 && rest[0] == '}' {
		sep = nil
	}
	out := append([]byte(`{"channel":`), ch...)
	out = append(out, sep...)
	return append(out, rest...)
}

// csvColumns maps accepted CSV headers to item fields.
var csvColumns = map[string]string{
	"channel": "channel", "platform_id": "platform_id", "id": "platform_id", "kind": "kind", "text": "text",
	"author_id": "author_id", "author_name": "author_name", "author": "author_name", "thread_id": "thread_id",
	"parent_id": "parent_id", "url": "url", "lang": "lang", "created_at": "created_at",
}

// ReadCSV reads a CSV file with a header row naming item fields (text and
// platform_id or id are required; channel may come from defaultChannel).
// Columns it does not know are kept in the raw payload. Each row's raw
// payload is the row as a JSON object of header to value.
func ReadCSV(r io.Reader, defaultChannel string, fn ReadFunc) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("CSV file is empty: the first row must name the columns (text, platform_id, ...)")
		}
		return fmt.Errorf("CSV header: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // Excel's byte-order mark
	}
	fields := make([]string, len(header))
	has := map[string]bool{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		header[i] = name
		fields[i] = csvColumns[name]
		has[fields[i]] = true
	}
	var missing []string
	for _, req := range []string{"text", "platform_id"} {
		if !has[req] {
			missing = append(missing, req)
		}
	}
	if !has["channel"] && defaultChannel == "" {
		missing = append(missing, "channel (or pass --channel)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("CSV header %v lacks column(s) %s", header, strings.Join(missing, ", "))
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if cbErr := fn(pe.StartLine, Item{}, []FieldError{{Index: pe.StartLine, Msg: pe.Err.Error()}}); cbErr != nil {
					return cbErr
				}
				continue
			}
			return fmt.Errorf("CSV: %w", err)
		}
		line, _ := cr.FieldPos(0) // safe: a record read without error has a field
		if len(rec) != len(header) {
			if cbErr := fn(line, Item{}, []FieldError{{Index: line, Msg: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header))}}); cbErr != nil {
				return cbErr
			}
			continue
		}
		it, problems := csvItem(header, fields, rec, line, defaultChannel)
		if err := fn(line, it, problems); err != nil {
			return err
		}
	}
}

// csvItem builds an item from one CSV row.
func csvItem(header, fields, rec []string, line int, defaultChannel string) (Item, []FieldError) {
	obj := map[string]string{"text": ""}
	raw := make(map[string]string, len(rec))
	for i, v := range rec {
		if !utf8.ValidString(v) {
			return Item{}, []FieldError{{Index: line, Field: header[i], Msg: "not valid UTF-8 (save the file as UTF-8)"}}
		}
		raw[header[i]] = v
		if fields[i] != "" && v != "" {
			obj[fields[i]] = v
		}
	}
	if obj["channel"] == "" && defaultChannel != "" {
		obj["channel"] = defaultChannel
	}
	b, _ := json.Marshal(obj)
	it, problems := DecodeItem(b, line)
	it.Raw, _ = json.Marshal(raw)
	return it, problems
}
