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

// The OpenAI moderation endpoint.
//
// Request, as sent:
//
//	POST {Endpoint}/v1/moderations
//	Authorization: Bearer {Key}
//	{"model":"omni-moderation-latest","input":"..."}
//
// Answer, as read:
//
//	{"id":"modr-...","model":"omni-moderation-2024-09-26","results":[{
//	   "flagged":true,
//	   "categories":{"harassment":true,"harassment/threatening":false,...},
//	   "category_scores":{"harassment":0.81,"harassment/threatening":0.02,...}}]}
//
// Errors are {"error":{"message":"...","type":"...","code":"..."}}. The
// endpoint gives no spans.

// DefaultOpenAIModel is the moderation model asked for.
const DefaultOpenAIModel = "omni-moderation-latest"

// DefaultOpenAICategories maps OpenAI moderation categories to Stormwatch
// categories. Self-harm intent is a crisis to attend to, not abuse; graphic
// violence, illicit advice and self-harm instructions have no category.
var DefaultOpenAICategories = map[string]detect.Category{
	"harassment":             detect.Harassment,
	"harassment/threatening": detect.Threat,
	"hate":                   detect.Hate,
	"hate/threatening":       detect.Threat,
	"sexual":                 detect.Sexual,
	"sexual/minors":          detect.Sexual,
	"violence":               detect.Threat,
	"violence/graphic":       "",
	"self-harm":              "",
	"self-harm/intent":       detect.Crisis,
	"self-harm/instructions": "",
	"illicit":                "",
	"illicit/violent":        "",
}

// OpenAIConfig configures an OpenAI moderation client.
type OpenAIConfig struct {
	// Endpoint is the API root; default https://api.openai.com.
	Endpoint string
	// Key is the API key, sent as a Bearer token. Required.
	Key string
	// Model; default DefaultOpenAIModel.
	Model string
	// Categories maps moderation categories to Stormwatch categories;
	// default DefaultOpenAICategories.
	Categories map[string]detect.Category
	// MaxTextBytes bounds the text sent; default DefaultMaxTextBytes.
	MaxTextBytes int
	HTTPClient   *http.Client
}

// OpenAI is a client of the OpenAI moderation endpoint.
type OpenAI struct {
	cfg    OpenAIConfig
	url    string
	header http.Header
}

// NewOpenAI checks cfg and returns a client.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	if cfg.Key == "" {
		return nil, errors.New("openai: an API key is required")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https://api.openai.com"
	}
	u, err := url.Parse(strings.TrimRight(cfg.Endpoint, "/") + "/v1/moderations")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("openai: endpoint %q is not an http(s) URL", cfg.Endpoint)
	}
	if cfg.Model == "" {
		cfg.Model = DefaultOpenAIModel
	}
	if cfg.Categories == nil {
		cfg.Categories = DefaultOpenAICategories
	}
	if err := checkMapping(cfg.Categories); err != nil {
		return nil, fmt.Errorf("openai: category %w", err)
	}
	return &OpenAI{cfg: cfg, url: u.String(), header: http.Header{"Authorization": {"Bearer " + cfg.Key}}}, nil
}

// Name is "openai".
func (o *OpenAI) Name() string { return "openai" }

type openAIRequest struct {
	Model string `json:"model"`
	Input string `json:"input"`
}

type openAIResponse struct {
	ID      string `json:"id"`
	Model   string `json:"model"`
	Results []struct {
		Flagged        bool                `json:"flagged"`
		Categories     map[string]bool     `json:"categories"`
		CategoryScores map[string]*float64 `json:"category_scores"`
	} `json:"results"`
}

// Score asks the moderation endpoint about text. The model is
// multilingual: lang is not sent.
func (o *OpenAI) Score(ctx context.Context, text, lang string) ([]detect.Signal, error) {
	var resp openAIResponse
	req := openAIRequest{Model: o.cfg.Model, Input: truncateText(text, o.cfg.MaxTextBytes)}
	if err := postJSON(ctx, o.cfg.HTTPClient, "openai", o.url, o.header, req, &resp); err != nil {
		return nil, err
	}
	return openAISignals(&resp, o.cfg.Categories, o.cfg.Model)
}

// parseOpenAI decodes an answer body (for tests and fuzzing).
func parseOpenAI(body []byte) ([]detect.Signal, error) {
	var resp openAIResponse
	if err := jsonUnmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("openai: malformed answer: %w", err)
	}
	return openAISignals(&resp, DefaultOpenAICategories, DefaultOpenAIModel)
}

func openAISignals(resp *openAIResponse, m map[string]detect.Category, model string) ([]detect.Signal, error) {
	if len(resp.Results) == 0 {
		return nil, errors.New("openai: answer without results")
	}
	r := resp.Results[0]
	if len(r.CategoryScores) == 0 {
		return nil, errors.New("openai: answer without category_scores")
	}
	keys := make([]string, 0, len(r.CategoryScores))
	for k := range r.CategoryScores {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := map[detect.Category][]part{}
	for _, k := range keys {
		v := r.CategoryScores[k]
		if v == nil || !validScore(*v) {
			return nil, fmt.Errorf("openai: score of %s is missing or outside [0,1]", k)
		}
		if c, ok := categoryOf(m, k); ok {
			parts[c] = append(parts[c], part{attr: k, score: *v})
		}
	}
	if resp.Model != "" {
		model = resp.Model
	}
	return fold("openai", model, parts), nil
}
