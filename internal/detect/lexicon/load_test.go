package lexicon

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestEntryPointerFree: the hundreds of thousands of entries stay out of
// the collector's scan only as long as entry holds no pointer (issue #3).
func TestEntryPointerFree(t *testing.T) {
	typ := reflect.TypeFor[entry]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		switch f.Type.Kind() {
		case reflect.Bool, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		default:
			t.Errorf("entry.%s is a %s: keep entries pointer-free (an index into a lexicon table instead)", f.Name, f.Type)
		}
	}
}

// TestExpandLimit: a term whose groups multiply past maxSpelled is refused
// with a message that says how to write it instead; one at the limit loads.
func TestExpandLimit(t *testing.T) {
	group := func(n int) string {
		alts := make([]string, n)
		for i := range alts {
			alts[i] = fmt.Sprintf("w%d", i)
		}
		return "(" + strings.Join(alts, "|") + ")"
	}
	if out, err := expandRaw(group(8) + " " + group(8) + " " + group(8)); err != nil || len(out) != maxSpelled {
		t.Fatalf("8×8×8: %d alternatives, err %v; want %d, nil", len(out), err, maxSpelled)
	}
	_, err := expandRaw(group(9) + " " + group(8) + " " + group(8))
	if err == nil || !strings.Contains(err.Error(), ".. gap") {
		t.Fatalf("9×8×8: err %v, want a refusal naming the gap", err)
	}
}
