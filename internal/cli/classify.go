package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/builtin"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/policy"
)

// classifyInput is one line of the classify contract.
type classifyInput struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
	Lang string          `json:"lang"`
}

// classifyOutput is one line out. Field order and names are a contract
// with tools outside the project: add fields, never rename or remove.
type classifyOutput struct {
	ID       json.RawMessage  `json:"id"`
	Lang     string           `json:"lang"`
	Signals  []classifySignal `json:"signals"`
	Decision classifyDecision `json:"decision"`
}

type classifySignal struct {
	Category    detect.Category `json:"category"`
	Score       float64         `json:"score"`
	Spans       []detect.Span   `json:"spans"`
	Entity      string          `json:"entity,omitempty"`
	Severity    int             `json:"severity,omitempty"`
	Detector    string          `json:"detector,omitempty"`
	Explanation string          `json:"explanation,omitempty"`
}

type classifyDecision struct {
	Action        policy.Verdict `json:"action"`
	Rules         []string       `json:"rules"`
	Actions       []string       `json:"actions,omitempty"`
	PolicyVersion string         `json:"policy_version,omitempty"`
}

type classifyError struct {
	ID    json.RawMessage `json:"id,omitempty"`
	Line  int             `json:"line"`
	Error string          `json:"error"`
}

// classifier runs detection and the policy on one text.
type classifier struct {
	engine *detect.Engine
	policy *policy.Policy
	// context is what the workspace knows about itself (staff names...);
	// nil for plain classify.
	context *detect.Context
}

func newClassifier(policyFile string) (*classifier, error) {
	engine, err := builtin.Engine()
	if err != nil {
		return nil, fmt.Errorf("load detectors: %w", err)
	}
	p := policy.Default()
	if policyFile != "" {
		data, err := os.ReadFile(policyFile)
		if err != nil {
			return nil, fmt.Errorf("read policy: %w", err)
		}
		if p, err = policy.Parse(data, policyFile); err != nil {
			return nil, err
		}
	}
	return &classifier{engine: engine, policy: p}, nil
}

func (c *classifier) classify(ctx context.Context, id json.RawMessage, text, lang string) (classifyOutput, detect.Result, policy.Decision) {
	res := c.engine.Analyze(ctx, detect.Input{Text: text, Lang: lang, Context: c.context})
	it := ingest.Item{Text: text, Lang: lang, Kind: ingest.KindComment}
	d := c.policy.Decide(policy.InputFor(&it, res.Lang, res.Signals))
	out := classifyOutput{ID: id, Lang: res.Lang, Signals: make([]classifySignal, 0, len(res.Signals)),
		Decision: classifyDecision{Action: d.Action, Rules: d.Rules, PolicyVersion: d.PolicyVersion}}
	if out.Decision.Rules == nil {
		out.Decision.Rules = []string{}
	}
	for _, s := range res.Signals {
		out.Signals = append(out.Signals, classifySignal{Category: s.Category, Score: math.Round(s.Score*1000) / 1000, Spans: s.Spans,
			Entity: s.Entity, Severity: s.Severity, Detector: s.Detector, Explanation: s.Explanation})
	}
	for _, a := range d.Actions {
		out.Decision.Actions = append(out.Decision.Actions, string(a.Name))
	}
	return out, res, d
}

// decodeClassifyLine parses one input line, or says what is wrong with it.
func decodeClassifyLine(line []byte) (classifyInput, error) {
	var in classifyInput
	if err := json.Unmarshal(line, &in); err != nil {
		return in, fmt.Errorf("malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	// Checked after decoding so the error can still carry the line's id
	// (encoding/json would silently replace the bad bytes).
	if !utf8.Valid(line) {
		return in, fmt.Errorf("line is not valid UTF-8 (first bad byte at offset %d)", ingest.FirstInvalidUTF8(line))
	}
	if in.Text == nil {
		return in, fmt.Errorf(`missing "text"`)
	}
	in.Lang = strings.ToLower(strings.TrimSpace(in.Lang))
	return in, nil
}

func runClassify(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "classify", "classify [--policy FILE] < items.jsonl > results.jsonl")
	policyFile := fs.String("policy", "", "policy file (default: the built-in default policy)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "lines classified in parallel (output stays in input order)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("classify reads standard input and takes no arguments (got %q)", pos[0])
	}
	c, err := newClassifier(*policyFile)
	if err != nil {
		return err
	}
	return c.stream(ctx, env.Stdin, env.Stdout, max(*workers, 1))
}

// stream classifies lines in parallel and writes results in input order.
func (c *classifier) stream(ctx context.Context, r io.Reader, w io.Writer, workers int) error {
	type job struct {
		n    int
		line []byte
		out  chan []byte
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan []byte, workers*64)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- c.classifyLine(ctx, j.n, j.line)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		br := bufio.NewReaderSize(r, 1<<20)
		for n := 1; ; n++ {
			line, err := br.ReadBytes('\n')
			if len(strings.TrimSpace(string(line))) > 0 {
				out := make(chan []byte, 1)
				order <- out
				jobs <- job{n, line, out}
			}
			if err != nil {
				if err != io.EOF {
					readErr <- fmt.Errorf("read input line %d: %w", n, err)
					return
				}
				readErr <- nil
				return
			}
			if ctx.Err() != nil {
				readErr <- ctx.Err()
				return
			}
		}
	}()
	bw := bufio.NewWriter(w)
	for out := range order {
		if _, err := bw.Write(<-out); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		if len(order) == 0 {
			bw.Flush() // keep an interactive pipe moving
		}
	}
	wg.Wait()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return <-readErr
}

func (c *classifier) classifyLine(ctx context.Context, n int, line []byte) []byte {
	in, err := decodeClassifyLine(line)
	var b []byte
	if err != nil {
		b, _ = json.Marshal(classifyError{ID: in.ID, Line: n, Error: err.Error()})
	} else {
		out, _, _ := c.classify(ctx, in.ID, *in.Text, in.Lang)
		b, _ = marshalNoEscape(out)
	}
	return append(b, '\n')
}

func marshalNoEscape(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n")), nil
}

func runCheck(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "check", `check [--lang fr] [--policy FILE] [--json] "some text"`)
	lang := fs.String("lang", "", "language of the text (default: detected)")
	policyFile := fs.String("policy", "", "policy file (default: the built-in default policy)")
	asJSON := fs.Bool("json", false, "print the classify JSON line instead of the explanation")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef(`check takes one text to classify, in quotes: stormwatch check "some text"`)
	}
	text := pos[0]
	if !utf8.ValidString(text) {
		return usagef("the text is not valid UTF-8")
	}
	c, err := newClassifier(*policyFile)
	if err != nil {
		return err
	}
	out, res, d := c.classify(ctx, json.RawMessage(`"check"`), text, strings.ToLower(*lang))
	if *asJSON {
		b, _ := marshalNoEscape(out)
		fmt.Fprintln(env.Stdout, string(b))
		return nil
	}
	w := env.Stdout
	lang2 := res.Lang
	if lang2 == "" {
		lang2 = "unknown"
	}
	fmt.Fprintf(w, "Text:      %s\nLanguage:  %s\n", text, lang2)
	rules := "no rule matched"
	if len(d.Rules) > 0 {
		rules = "rule " + strings.Join(d.Rules, ", ")
	}
	fmt.Fprintf(w, "Decision:  %s (%s; policy %s)\n", strings.ToUpper(string(d.Action)), rules, d.PolicyVersion)
	for _, a := range d.Actions {
		fmt.Fprintf(w, "           then %s (rule %s)\n", a.Name, a.Rule)
	}
	for _, s := range d.Shadow {
		fmt.Fprintf(w, "Shadow:    rule %s would have asked for %s\n", s.Rule, s.Action)
	}
	if len(res.Signals) == 0 {
		fmt.Fprintln(w, "Signals:   none")
	} else {
		fmt.Fprintln(w, "Signals:")
	}
	for _, s := range res.Signals {
		label := string(s.Category)
		if s.Entity != "" {
			label += "/" + s.Entity
		}
		var quoted []string
		for _, sp := range s.Spans {
			quoted = append(quoted, fmt.Sprintf("%q at %d-%d", text[sp[0]:sp[1]], sp[0], sp[1]))
		}
		fmt.Fprintf(w, "  %-22s %.2f  %s\n", label, s.Score, strings.Join(quoted, ", "))
		if s.Explanation != "" {
			fmt.Fprintf(w, "  %-22s       why: %s (%s %s)\n", "", s.Explanation, s.Detector, s.Version)
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(w, "Warning:   detector failed: %s\n", e)
	}
	return nil
}
