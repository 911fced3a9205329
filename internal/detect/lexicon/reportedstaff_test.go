package lexicon

import "testing"

// TestReportedStaffNames: what someone else called a staff member, by
// name, is reported to the page, not said ("someone called Ingrid a pig in
// a white coat, please delete it"); the writer's own words stay abuse.
func TestReportedStaffNames(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "someone called Ingrid a pig in a white coat, please delete it", false},
		{"nb", "noen kalte Ingrid en gris i hvit frakk, kan dere slette det?", false},
		{"fr", "quelqu'un a traité Sara de grosse vache, supprimez ça svp", false},
		{"sv", "nån kallade Karim en värdelös idiot, ta bort det", false},
		{"da", "nogen kaldte Ingrid en dum ko, slet det", false},
		// The writer's own abuse.
		{"en", "Ingrid is a pig in a white coat", true},
		{"nb", "Ingrid er en gris i hvit frakk", true},
		{"sv", "Karim är en värdelös idiot", true},
	})
}
