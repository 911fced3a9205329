package corpus

import (
	"regexp"
	"strings"
)

// setNames are the person names the project's labelled lines give the
// staff of their made-up workspaces and the people in them (the eval
// workspace's staff, Norway's "Kari and Ola Nordmann"). They recur in
// hundreds of abusive lines and in few harmless ones, and a model trained
// on them reads the name itself as abuse: "Håper Ingrid blir frisk snart"
// scored threat 0.89 on "Ingrid" and "håper". A name says nothing about
// harm, so the trainer does not see them (WithoutNames).
var setNames = []string{
	"Karim", "Sara", "Ingrid", "Hansen", "Sophie", "Lambert", "Lindqvist", "Anna", "Sanne",
	"Martin", "Janssens", "Müller", "Kari", "Ola", "Erik", "Nordmann",
}

var setNamesRE = regexp.MustCompile(`(?i)\b(?:` + strings.Join(setNames, "|") + `)s?\b`)

// WithoutNames returns text with the names of setNames (and their
// genitives, "Saras") left out, for the trainer.
func WithoutNames(text string) string {
	return setNamesRE.ReplaceAllString(text, "")
}
