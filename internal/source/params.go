package source

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Params reads an action's parameters (act.Action.Params) as connectors
// receive them: values may be strings, numbers, booleans or lists of
// strings, whoever wrote them (a policy file, the desk, the API).
type Params map[string]any

// ParseParams reads raw parameters; empty or null is no parameter.
func ParseParams(raw json.RawMessage) (Params, error) {
	p := Params{}
	if len(raw) == 0 || string(raw) == "null" {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("action params: %w", err)
	}
	return p, nil
}

// Str reads a value as trimmed text ("" when absent or of another kind).
func (p Params) Str(k string) string {
	switch v := p[k].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// List reads a list of strings, or one comma-separated string.
func (p Params) List(k string) []string {
	var out []string
	switch v := p[k].(type) {
	case string:
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case []any:
		for _, x := range v {
			switch x := x.(type) {
			case string:
				out = append(out, x)
			case float64:
				out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
			}
		}
	}
	return out
}
