package external

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// A self-hosted text-classification server in the shape of Hugging Face
// text-embeddings-inference (TEI) /predict, which also serves
// sequence-classification models.
//
// Request, as sent:
//
//	POST {Endpoint}{Path, default /predict}
//	Authorization: Bearer {Token}            (only when a token is set)
//	{"inputs":"...","truncate":true,"raw_scores":false}
//
// Answer, as read: a list of predictions for the single input,
//
//	[{"label":"toxic","score":0.93},{"label":"insult","score":0.41},...]
//
// or the same list nested once, [[{"label":...,"score":...}]], as batch
// answers and the Inference API's text-classification task return it
// (the first list is used). Labels are mapped with ClassifierConfig.Labels,
// case-insensitively; unmapped labels ("non-toxic", "neutral", "LABEL_0")
// are ignored. Errors are TEI's {"error":"...","error_type":"..."}. The
// server gives no spans.

// DefaultClassifierLabels maps the labels of common open toxicity models
// (Jigsaw-style multi-label heads, and hate/offensive heads) to categories.
var DefaultClassifierLabels = map[string]detect.Category{
	"toxic":           detect.Insult,
	"toxicity":        detect.Insult,
	"severe_toxic":    detect.Insult,
	"severe_toxicity": detect.Insult,
	"insult":          detect.Insult,
	"offensive":       detect.Insult,
	"abusive":         detect.Insult,
	"obscene":         "",
	"identity_hate":   detect.Hate,
	"identity_attack": detect.Hate,
	"hate":            detect.Hate,
	"hateful":         detect.Hate,
	"threat":          detect.Threat,
	"harassment":      detect.Harassment,
	"sexual_explicit": detect.Sexual,
	"sexual":          detect.Sexual,
	"spam":            detect.Spam,
}

// ClassifierConfig configures a text-classification server client.
type ClassifierConfig struct {
	// Name identifies the server in signals ("external:"+Name); default
	// "classifier".
	Name string
	// Endpoint is the server root, e.g. http://127.0.0.1:8080. Required.
	Endpoint string
	// Path; default "/predict".
	Path string
	// Token, when set, is sent as a Bearer token.
	Token string
	// Model names the model in signal versions; default "unknown".
	Model string
	// Labels maps labels to categories; default DefaultClassifierLabels.
	Labels map[string]detect.Category
	// Languages restricts the texts sent to these languages; empty sends
	// every text.
	Languages []string
	// MaxTextBytes bounds the text sent; default DefaultMaxTextBytes.
	MaxTextBytes int
	HTTPClient   *http.Client
}

// Classifier is a client of a TEI-style /predict server.
type Classifier struct {
	cfg    ClassifierConfig
	url    string
	header http.Header
	langs  map[string]bool
}

// NewClassifier checks cfg and returns a client.
func NewClassifier(cfg ClassifierConfig) (*Classifier, error) {
	if cfg.Name == "" {
		cfg.Name = "classifier"
	}
	if cfg.Path == "" {
		cfg.Path = "/predict"
	}
	u, err := url.Parse(strings.TrimRight(cfg.Endpoint, "/") + "/" + strings.TrimLeft(cfg.Path, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("classifier %s: endpoint %q is not an http(s) URL", cfg.Name, cfg.Endpoint)
	}
	if cfg.Model == "" {
		cfg.Model = "unknown"
	}
	if cfg.Labels == nil {
		cfg.Labels = DefaultClassifierLabels
	}
	if err := checkMapping(cfg.Labels); err != nil {
		return nil, fmt.Errorf("classifier %s: label %w", cfg.Name, err)
	}
	c := &Classifier{cfg: cfg, url: u.String(), header: http.Header{}}
	if cfg.Token != "" {
		c.header.Set("Authorization", "Bearer "+cfg.Token)
	}
	if len(cfg.Languages) > 0 {
		c.langs = map[string]bool{}
		for _, l := range cfg.Languages {
			c.langs[strings.ToLower(l)] = true
		}
	}
	return c, nil
}

// Name is the configured name.
func (c *Classifier) Name() string { return c.cfg.Name }

type classifierRequest struct {
	Inputs    string `json:"inputs"`
	Truncate  bool   `json:"truncate"`
	RawScores bool   `json:"raw_scores"`
}

type prediction struct {
	Label *string  `json:"label"`
	Score *float64 `json:"score"`
}

// Score asks the server about text.
func (c *Classifier) Score(ctx context.Context, text, lang string) ([]detect.Signal, error) {
	if c.langs != nil && !c.langs[strings.ToLower(lang)] {
		return nil, fmt.Errorf("classifier %s: %q: %w", c.cfg.Name, lang, ErrUnsupportedLanguage)
	}
	var raw json.RawMessage
	req := classifierRequest{Inputs: truncateText(text, c.cfg.MaxTextBytes), Truncate: true}
	if err := postJSON(ctx, c.cfg.HTTPClient, c.cfg.Name, c.url, c.header, req, &raw); err != nil {
		return nil, err
	}
	return classifierSignals(raw, c.cfg.Labels, c.cfg.Name, c.cfg.Model)
}

// parseClassifier decodes an answer body (for tests and fuzzing).
func parseClassifier(body []byte) ([]detect.Signal, error) {
	return classifierSignals(body, DefaultClassifierLabels, "classifier", "unknown")
}

func classifierSignals(raw []byte, labels map[string]detect.Category, name, model string) ([]detect.Signal, error) {
	var preds []prediction
	if err := json.Unmarshal(raw, &preds); err != nil {
		var nested [][]prediction
		if err2 := json.Unmarshal(raw, &nested); err2 != nil {
			return nil, fmt.Errorf("%s: answer is not a list of {label, score}: %w", name, err)
		}
		if len(nested) == 0 {
			return nil, fmt.Errorf("%s: empty answer", name)
		}
		preds = nested[0]
	}
	if len(preds) == 0 {
		return nil, fmt.Errorf("%s: empty answer", name)
	}
	parts := map[detect.Category][]part{}
	for _, p := range preds {
		if p.Label == nil || p.Score == nil {
			return nil, errors.New(name + ": a prediction without label or score")
		}
		if !validScore(*p.Score) {
			return nil, fmt.Errorf("%s: score %v of %q outside [0,1] (raw scores?)", name, *p.Score, cut(*p.Label, 40))
		}
		if c, ok := categoryOf(labels, *p.Label); ok {
			parts[c] = append(parts[c], part{attr: cut(*p.Label, 40), score: *p.Score})
		}
	}
	return fold(name, model, parts), nil
}
