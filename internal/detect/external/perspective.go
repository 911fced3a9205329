package external

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// The Perspective API (Jigsaw/Google), comments:analyze, v1alpha1.
//
// Request, as sent:
//
//	POST {Endpoint}/v1alpha1/comments:analyze?key={Key}
//	{"comment":{"text":"..."},"languages":["fr"],
//	 "requestedAttributes":{"TOXICITY":{},"INSULT":{},...},
//	 "spanAnnotations":true,"doNotStore":true}
//
// Answer, as read:
//
//	{"attributeScores":{"TOXICITY":{
//	   "summaryScore":{"value":0.92,"type":"PROBABILITY"},
//	   "spanScores":[{"begin":0,"end":12,"score":{"value":0.95,"type":"PROBABILITY"}}]}},
//	 "languages":["fr"],"detectedLanguages":["fr"]}
//
// Errors are Google's {"error":{"code":400,"message":"...","status":"..."}}.
// Span offsets are converted to bytes from SpanUnit (UTF-16 code units by
// default, as the API reference says; CodePoints is available).

// Perspective attribute names.
const (
	AttrToxicity         = "TOXICITY"
	AttrSevereToxicity   = "SEVERE_TOXICITY"
	AttrIdentityAttack   = "IDENTITY_ATTACK"
	AttrInsult           = "INSULT"
	AttrProfanity        = "PROFANITY"
	AttrThreat           = "THREAT"
	AttrSexuallyExplicit = "SEXUALLY_EXPLICIT"
)

// DefaultPerspectiveAttributes are requested unless configured otherwise.
var DefaultPerspectiveAttributes = []string{AttrToxicity, AttrSevereToxicity, AttrIdentityAttack, AttrInsult, AttrProfanity, AttrThreat, AttrSexuallyExplicit}

// DefaultPerspectiveCategories maps Perspective attributes to categories.
// PROFANITY maps to nothing: swearing is not abuse by itself ("this is
// f***ing great"), and a harsh complaint must not be removed for it.
var DefaultPerspectiveCategories = map[string]detect.Category{
	AttrToxicity:         detect.Insult,
	AttrSevereToxicity:   detect.Insult,
	AttrInsult:           detect.Insult,
	AttrIdentityAttack:   detect.Hate,
	AttrThreat:           detect.Threat,
	AttrSexuallyExplicit: detect.Sexual,
	AttrProfanity:        "",
}

// DefaultPerspectiveLanguages are the Stormwatch languages Perspective
// documents support for (Norwegian is not among them). Texts in another
// known language are not sent; texts of unknown language are sent without
// "languages", letting Perspective detect it.
var DefaultPerspectiveLanguages = []string{"en", "fr", "nl", "sv", "de"}

// englishOnly are experimental attributes documented for English only;
// they are left out of requests in other languages so the whole request
// does not fail.
var englishOnly = map[string]bool{AttrSexuallyExplicit: true}

// PerspectiveConfig configures a Perspective client.
type PerspectiveConfig struct {
	// Endpoint is the API root; default https://commentanalyzer.googleapis.com.
	Endpoint string
	// Key is the API key, sent as ?key=. Required.
	Key string
	// Attributes requested; default DefaultPerspectiveAttributes.
	Attributes []string
	// Categories maps attributes to categories; default
	// DefaultPerspectiveCategories. An empty category ignores the attribute.
	Categories map[string]detect.Category
	// Languages sent to Perspective; default DefaultPerspectiveLanguages.
	Languages []string
	// SpanUnit is how spanScores offsets count; default UTF16.
	SpanUnit SpanUnit
	// SpanMin is the lowest span score kept as a span; default 0.5.
	SpanMin float64
	// MaxTextBytes bounds the text sent; default DefaultMaxTextBytes.
	MaxTextBytes int
	// HTTPClient; default a plain http.Client (timeouts come from ctx).
	HTTPClient *http.Client
}

// Perspective is a client of the Perspective API.
type Perspective struct {
	cfg   PerspectiveConfig
	url   string
	langs map[string]bool
}

// NewPerspective checks cfg and returns a client.
func NewPerspective(cfg PerspectiveConfig) (*Perspective, error) {
	if cfg.Key == "" {
		return nil, errors.New("perspective: an API key is required")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https://commentanalyzer.googleapis.com"
	}
	u, err := url.Parse(strings.TrimRight(cfg.Endpoint, "/") + "/v1alpha1/comments:analyze")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("perspective: endpoint %q is not an http(s) URL", cfg.Endpoint)
	}
	u.RawQuery = url.Values{"key": {cfg.Key}}.Encode()
	if len(cfg.Attributes) == 0 {
		cfg.Attributes = DefaultPerspectiveAttributes
	}
	if cfg.Categories == nil {
		cfg.Categories = DefaultPerspectiveCategories
	}
	if err := checkMapping(cfg.Categories); err != nil {
		return nil, fmt.Errorf("perspective: attribute %w", err)
	}
	if cfg.Languages == nil {
		cfg.Languages = DefaultPerspectiveLanguages
	}
	if cfg.SpanMin == 0 {
		cfg.SpanMin = 0.5
	}
	p := &Perspective{cfg: cfg, url: u.String(), langs: map[string]bool{}}
	for _, l := range cfg.Languages {
		p.langs[strings.ToLower(l)] = true
	}
	return p, nil
}

// Name is "perspective".
func (p *Perspective) Name() string { return "perspective" }

type perspectiveRequest struct {
	Comment struct {
		Text string `json:"text"`
	} `json:"comment"`
	Languages           []string            `json:"languages,omitempty"`
	RequestedAttributes map[string]struct{} `json:"requestedAttributes"`
	SpanAnnotations     bool                `json:"spanAnnotations"`
	DoNotStore          bool                `json:"doNotStore"`
}

type perspectiveScore struct {
	Value *float64 `json:"value"`
	Type  string   `json:"type"`
}

type perspectiveResponse struct {
	AttributeScores map[string]struct {
		SummaryScore *perspectiveScore `json:"summaryScore"`
		SpanScores   []struct {
			Begin *int              `json:"begin"`
			End   *int              `json:"end"`
			Score *perspectiveScore `json:"score"`
		} `json:"spanScores"`
	} `json:"attributeScores"`
	Languages         []string `json:"languages"`
	DetectedLanguages []string `json:"detectedLanguages"`
}

// Score asks Perspective about text.
func (p *Perspective) Score(ctx context.Context, text, lang string) ([]detect.Signal, error) {
	lang = strings.ToLower(lang)
	if lang != "" && !p.langs[lang] {
		return nil, fmt.Errorf("perspective: %q: %w", lang, ErrUnsupportedLanguage)
	}
	text = truncateText(text, p.cfg.MaxTextBytes)
	var req perspectiveRequest
	req.Comment.Text = text
	if lang != "" {
		req.Languages = []string{lang}
	}
	req.RequestedAttributes = map[string]struct{}{}
	for _, a := range p.cfg.Attributes {
		if englishOnly[a] && lang != "en" {
			continue
		}
		req.RequestedAttributes[a] = struct{}{}
	}
	req.SpanAnnotations = true
	req.DoNotStore = true
	var resp perspectiveResponse
	if err := postJSON(ctx, p.cfg.HTTPClient, "perspective", p.url, nil, req, &resp); err != nil {
		return nil, err
	}
	return p.signals(text, &resp)
}

// parsePerspective decodes an answer body (for tests and fuzzing).
func parsePerspective(body []byte, text string, unit SpanUnit) ([]detect.Signal, error) {
	var resp perspectiveResponse
	if err := jsonUnmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("perspective: malformed answer: %w", err)
	}
	p := &Perspective{cfg: PerspectiveConfig{Categories: DefaultPerspectiveCategories, SpanUnit: unit, SpanMin: 0.5}}
	return p.signals(text, &resp)
}

func (p *Perspective) signals(text string, resp *perspectiveResponse) ([]detect.Signal, error) {
	if resp.AttributeScores == nil {
		return nil, errors.New("perspective: answer without attributeScores")
	}
	attrs := make([]string, 0, len(resp.AttributeScores))
	for a := range resp.AttributeScores {
		attrs = append(attrs, a)
	}
	sort.Strings(attrs)
	parts := map[detect.Category][]part{}
	scored := 0
	for _, a := range attrs {
		as := resp.AttributeScores[a]
		if as.SummaryScore == nil || as.SummaryScore.Value == nil {
			return nil, fmt.Errorf("perspective: attribute %s without summaryScore.value", a)
		}
		v := *as.SummaryScore.Value
		if !validScore(v) {
			return nil, fmt.Errorf("perspective: attribute %s score %v outside [0,1]", a, v)
		}
		scored++
		c, ok := categoryOf(p.cfg.Categories, a)
		if !ok {
			continue
		}
		pt := part{attr: a, score: v}
		for _, ss := range as.SpanScores {
			if ss.Begin == nil || ss.End == nil || ss.Score == nil || ss.Score.Value == nil || *ss.Score.Value < p.cfg.SpanMin {
				continue
			}
			if sp, ok := byteSpan(text, *ss.Begin, *ss.End, p.cfg.SpanUnit); ok {
				pt.spans = append(pt.spans, sp)
			}
		}
		parts[c] = append(parts[c], pt)
	}
	if scored == 0 && len(attrs) == 0 {
		return nil, errors.New("perspective: answer with no attribute scored")
	}
	return fold("perspective", "v1alpha1", parts), nil
}
