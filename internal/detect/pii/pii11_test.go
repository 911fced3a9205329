package pii

import "testing"

// pii11Case: a text and the entity that must (want) or must not (not) be
// found in it.
type pii11Case struct {
	lang, text string
	want, not  string
}

func pii11Check(t *testing.T, cases []pii11Case) {
	t.Helper()
	for _, c := range cases {
		got := map[string]bool{}
		for _, s := range run(t, c.lang, c.text) {
			got[s.Entity] = true
		}
		if c.want != "" && !got[c.want] {
			t.Errorf("%s %q: want %s, got %v", c.lang, c.text, c.want, got)
		}
		if c.not != "" && got[c.not] {
			t.Errorf("%s %q: %s found in a look-alike", c.lang, c.text, c.not)
		}
	}
}

// Phone extensions glued to an "x": the number is a phone, the "x" no unit.
func TestPII11PhoneExtension(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "en", text: "My number is 617-253-1000 x123", want: EntityPhone},
		{lang: "en", text: "call 212-736-5000 X4567 after nine", want: EntityPhone},
		{lang: "fr", text: "Appelez-moi au (514) 398-4455 x22", want: EntityPhone},
		// Look-alikes: a multiplier or a dimension stays a quantity.
		{lang: "en", text: "we ordered 12345678 x 2 boxes", not: EntityPhone},
		{lang: "en", text: "the pallet is 1200 x 800 x 150 mm", not: EntityPhone},
	})
}

// A Danish or Norwegian eight-digit number named by its country in
// another language's text.
func TestPII11NordicNumberByCountry(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "en", text: "my Danish number is 20 12 34 56", want: EntityPhone},
		{lang: "de", text: "meine dänische Nummer: 20 12 34 56", want: EntityPhone},
		{lang: "fr", text: "mon numéro norvégien est le 41 23 45 67", want: EntityPhone},
		{lang: "sv", text: "mitt norska nummer är 41 23 45 67", want: EntityPhone},
		// Look-alikes: no country word, or no "number", or not grouped.
		{lang: "en", text: "my number is 20 12 34 56", not: EntityPhone},
		{lang: "en", text: "Danish prices went up 20 12 34 56", not: EntityPhone},
		{lang: "en", text: "my Danish number is 20123456 kr", not: EntityPhone},
		{lang: "en", text: "my Danish order number is 20 12 34 56", not: EntityPhone},
	})
}

// Swedish personnummer of a holder aged 100 or more: '+' for '-'.
func TestPII11SwedishPlus(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "sv", text: "Hans personnummer är 121212+1212", want: EntitySEPersonnr},
		{lang: "sv", text: "farmor är född 1912, personnr 121212+1212", want: EntitySEPersonnr},
		{lang: "en", text: "her Swedish personnummer 121212+1212", want: EntitySEPersonnr},
		// Look-alikes: a sum, a wrong check digit, a phone after '+'.
		{lang: "sv", text: "Hans personnummer är 121212+1213", not: EntitySEPersonnr},
		{lang: "en", text: "the total is 1234567+8901234", not: EntityPhone},
		{lang: "en", text: "the total is 1234567+8901234", not: EntitySEPersonnr},
		{lang: "sv", text: "ring mig på +46 70 123 45 67", want: EntityPhone},
	})
}

// German tax ID named in English or French, or grouped otherwise next to
// its name.
func TestPII11GermanTaxID(t *testing.T) {
	id := taxComplete("3967054686")
	sp := id[:3] + " " + id[3:6] + " " + id[6:9] + " " + id[9:]
	pii11Check(t, []pii11Case{
		{lang: "en", text: "My German tax ID is " + id, want: EntityDETaxID},
		{lang: "en", text: "TIN: " + id, want: EntityDETaxID},
		{lang: "fr", text: "mon numéro fiscal allemand : " + id, want: EntityDETaxID},
		{lang: "de", text: "meine steuerliche Identifikationsnummer lautet " + sp, want: EntityDETaxID},
		{lang: "en", text: "my tax id: " + sp, want: EntityDETaxID},
		// Look-alikes: a failing check digit, the grouping without a name.
		{lang: "en", text: "My German tax ID is " + wrongLast(id), not: EntityDETaxID},
		{lang: "en", text: "the parcel " + sp + " is late", not: EntityDETaxID},
		{lang: "en", text: "tin of beans, code " + wrongLast(id), not: EntityDETaxID},
	})
}

// UK National Insurance numbers written with dashes or dots.
func TestPII11NINOSeparators(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "en", text: "my NI no. is PZ-11-22-33-B", want: EntityGBNINO},
		{lang: "en", text: "National Insurance: AB.12.34.56.C", want: EntityGBNINO},
		{lang: "en", text: "NINO ab-12-34-56-c", want: EntityGBNINO},
		{lang: "en", text: "My National Insurance number is AB 12 34 56 C", want: EntityGBNINO},
		// Look-alikes: no name for the dashed form, mixed separators,
		// a suffix outside A-D, a prefix never allocated.
		{lang: "en", text: "part PZ-11-22-33-B is out of stock", not: EntityGBNINO},
		{lang: "en", text: "NI number AB-12 34-56 C", not: EntityGBNINO},
		{lang: "en", text: "NI number AB-12-34-56-E", not: EntityGBNINO},
		{lang: "en", text: "NI number GB-12-34-56-A", not: EntityGBNINO},
	})
}

// Dotted versions are not IPv4 addresses.
func TestPII11VersionNotIP(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "en", text: "Update to version 10.2.3.4 broke the app", not: EntityIP},
		{lang: "nl", text: "Versie 1.2.3.4 crasht", not: EntityIP},
		{lang: "nb", text: "versjon: 5.1.0.2 er full av feil", not: EntityIP},
		{lang: "de", text: "nach dem Update 4.1.0.12 geht nichts", not: EntityIP},
		{lang: "en", text: "build 192.168.10.4 failed", not: EntityIP},
		// Still addresses: named, or with no version word.
		{lang: "en", text: "his IP address is 81.2.69.160, ddos him", want: EntityIP},
		{lang: "en", text: "she posts from 81.2.69.160 every night", want: EntityIP},
		{lang: "en", text: "version check from IP 81.2.69.160", want: EntityIP},
	})
}

// Book and product codes named as such are not phone numbers.
func TestPII11BookCodes(t *testing.T) {
	pii11Check(t, []pii11Case{
		{lang: "en", text: "ISBN 0-306-40615-2", not: EntityPhone},
		{lang: "fr", text: "le livre ISBN 2-07-036002-4 est épuisé", not: EntityPhone},
		{lang: "de", text: "EAN 0 712345 678911 auf der Packung", not: EntityPhone},
		{lang: "sv", text: "ISSN 0317-8471 för tidningen", not: EntityPhone},
		// Look-alike the other way: a phone next to a book stays a phone.
		{lang: "en", text: "call me on 020 7946 0018 about the ISBN", want: EntityPhone},
		{lang: "fr", text: "mon numéro : 06 12 34 56 78", want: EntityPhone},
	})
}
