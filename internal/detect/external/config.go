package external

import (
	"fmt"
	"strings"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Kinds of second-opinion provider that FromSettings understands.
const (
	KindPerspective = "perspective"
	KindOpenAI      = "openai"
	KindClassifier  = "classifier"
)

// FromSettings builds a second opinion from the server's settings: the
// provider kind, its endpoint (empty for the provider's public default;
// required for a self-hosted classifier) and its key or token.
func FromSettings(kind, endpoint, key string) (*SecondOpinion, error) {
	var sc Scorer
	var err error
	switch strings.ToLower(kind) {
	case KindPerspective:
		if key == "" {
			return nil, fmt.Errorf("second opinion %q needs an API key (STORMWATCH_SECOND_OPINION_KEY)", kind)
		}
		sc, err = NewPerspective(PerspectiveConfig{Endpoint: endpoint, Key: key})
	case KindOpenAI:
		if key == "" {
			return nil, fmt.Errorf("second opinion %q needs an API key (STORMWATCH_SECOND_OPINION_KEY)", kind)
		}
		sc, err = NewOpenAI(OpenAIConfig{Endpoint: endpoint, Key: key})
	case KindClassifier:
		if endpoint == "" {
			return nil, fmt.Errorf("second opinion %q needs the server's address (STORMWATCH_SECOND_OPINION_URL)", kind)
		}
		sc, err = NewClassifier(ClassifierConfig{Endpoint: endpoint, Token: key})
	default:
		return nil, fmt.Errorf("second opinion %q: want %s, %s or %s", kind, KindPerspective, KindOpenAI, KindClassifier)
	}
	if err != nil {
		return nil, fmt.Errorf("second opinion %s: %w", kind, err)
	}
	return NewSecondOpinion(SecondOpinionConfig{Scorer: sc})
}

// checkMapping checks that a provider's label → category map names only
// Stormwatch categories ("" maps a label to nothing). The error starts with
// the offending label, for the caller to prefix with what the label is.
func checkMapping(m map[string]detect.Category) error {
	for label, c := range m {
		if c == "" {
			continue
		}
		if _, err := detect.ParseCategory(string(c)); err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
	}
	return nil
}
