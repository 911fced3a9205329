package pii

import (
	"strconv"
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Completers for the identifiers of national.go, so the tests build valid
// numbers instead of copying a few.

func cprComplete(nine string) (mod11 string) {
	for d := byte('0'); d <= '9'; d++ {
		if ok, mod := ValidDKCPR(nine + string(d)); ok && mod {
			return nine + string(d)
		}
	}
	return ""
}

// cprNoMod returns a date-valid CPR that fails modulus 11 (issued since 2007).
func cprNoMod(nine string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ok, mod := ValidDKCPR(nine + string(d)); ok && !mod {
			return nine + string(d)
		}
	}
	return ""
}

func beComplete(nine string, born2000 bool) string {
	base, _ := strconv.ParseInt(nine, 10, 64)
	if born2000 {
		base += 2000000000
	}
	return nine + strconv.Itoa(int(100 + 97 - base%97))[1:]
}

func ahvComplete(nine string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ValidCHAHV("756" + nine + string(d)) {
			return "756" + nine + string(d)
		}
	}
	return ""
}

func nhsComplete(nine string) string {
	for d := byte('0'); d <= '9'; d++ {
		if ValidNHS(nine + string(d)) {
			return nine + string(d)
		}
	}
	return ""
}

func TestValidDKCPR(t *testing.T) {
	tests := []struct {
		in        string
		ok, mod11 bool
	}{
		{"2110625629", true, true},   // python-stdnum's example 211062-5629
		{"0707614285", true, true},   // 7 July 1961
		{"2110625628", true, false},  // same date, fails modulus 11: a post-2007 number
		{"3202901234", false, false}, // 32 February
		{"2902011234", false, false}, // 29 February 1901 (7th digit 1: 1900s)
		{"2902004234", true, false},  // 29 February 2000 (7th digit 4, year 00: 2000s)
		{"0113901234", false, false}, // month 13
		{"211062562", false, false},
		{"21106256x9", false, false},
	}
	for _, tt := range tests {
		ok, mod := ValidDKCPR(tt.in)
		if ok != tt.ok || ok && mod != tt.mod11 {
			t.Errorf("ValidDKCPR(%q) = %v, %v; want %v, %v", tt.in, ok, mod, tt.ok, tt.mod11)
		}
	}
}

func TestValidBENationalNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"85073003328", true},                   // python-stdnum's example 85.07.30-033.28
		{beComplete("040215162", true), true},   // born 2000 or later: 2 before the number
		{beComplete("040215162", false), true},  // the 1900s key for the same digits
		{beComplete("854730033", false), true},  // BIS number: month + 40
		{beComplete("850000033", false), true},  // date unknown: month and day 00
		{"85073003329", false},                  // wrong key
		{beComplete("851330033", false), false}, // month 13
		{beComplete("850730000", false), false}, // sequence 000
		{"8507300332", false},
	}
	for _, tt := range tests {
		if got := ValidBENationalNumber(tt.in); got != tt.want {
			t.Errorf("ValidBENationalNumber(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidCHAHV(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"7569217076985", true}, // python-stdnum's example 756.9217.0769.85
		{ahvComplete("123456789"), true},
		{"7569217076984", false}, // wrong check digit
		{"7579217076985", false}, // not 756
		{"756921707698", false},
		{"4006381333931", false}, // an EAN-13 barcode, valid check digit, no 756
	}
	for _, tt := range tests {
		if got := ValidCHAHV(tt.in); got != tt.want {
			t.Errorf("ValidCHAHV(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidNHS(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"9434765919", true}, // the NHS's own example 943 476 5919
		{nhsComplete("401023213"), true},
		{"9434765918", false},
		{"0000000000", false},
		{"123456789", false},
	}
	for _, tt := range tests {
		if got := ValidNHS(tt.in); got != tt.want {
			t.Errorf("ValidNHS(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidSIN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"123456782", true}, // python-stdnum's example 123-456-782
		{luhnComplete("46454286"), true},
		{"123456783", false},
		{luhnComplete("04645428"), false}, // 0: never assigned
		{luhnComplete("84645428"), false}, // 8: business numbers
		{"12345678", false},
	}
	for _, tt := range tests {
		if got := ValidSIN(tt.in); got != tt.want {
			t.Errorf("ValidSIN(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidNINO(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"AB123456C", true},
		{"JG103759A", true},
		{"QQ123456C", false}, // HMRC's specimen: Q is never a prefix letter
		{"GB123456A", false}, // not allocated
		{"AO123456A", false}, // O is not a second letter
		{"DA123456A", false},
		{"AB123456E", false}, // suffix A-D only
		{"AB12345C", false},
		{"ab123456c", false}, // compact form is upper case
	}
	for _, tt := range tests {
		if got := ValidNINO(tt.in); got != tt.want {
			t.Errorf("ValidNINO(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestNationalIDs: the other countries' identifiers in running text, and
// the look-alikes that must not be read as them.
func TestNationalIDs(t *testing.T) {
	cpr := cprComplete("150372123")
	cprNew := cprNoMod("210814521")
	be := "85073003328"
	be2000 := beComplete("040215162", true)
	ahv := ahvComplete("998877665")
	nhs := "9434765919"
	sin := luhnComplete("13095487")
	dashed := func(s string, at ...int) string {
		out, prev := "", 0
		for _, p := range at {
			out += s[prev:p] + "-"
			prev = p
		}
		return out + s[prev:]
	}
	if cpr == "" || cprNew == "" || ahv == "" {
		t.Fatal("test numbers have no check digits; pick others")
	}
	tests := []entityCase{
		// Danish CPR
		{"cpr with word", "da", "Mit CPR-nummer er " + dashed(cpr, 6), EntityDKCPR, dashed(cpr, 6), detect.PII},
		{"cpr compact with word", "da", "hendes cpr: " + cpr + ", del det", EntityDKCPR, cpr, detect.Doxxing},
		{"cpr personnummer in Danish", "da", "mit personnummer er " + cpr, EntityDKCPR, cpr, ""},
		{"cpr without word, Danish layout", "da", "Her er det: " + dashed(cpr, 6), EntityDKCPR, dashed(cpr, 6), ""},
		{"cpr post-2007 with word", "da", "cpr-nr. " + dashed(cprNew, 6), EntityDKCPR, dashed(cprNew, 6), ""},
		{"cpr post-2007 without word", "da", "Sagen " + dashed(cprNew, 6) + " er lukket", EntityDKCPR, "", ""},
		{"cpr order number", "da", "Ordrenummer " + dashed(cpr, 6) + " er ikke leveret", EntityDKCPR, "", ""},
		{"cpr layout in Swedish text is not Danish", "sv", "Referens " + dashed(cpr, 6), EntityDKCPR, "", ""},
		{"cpr-shaped bad date", "da", "cpr 320190-1234", EntityDKCPR, "", ""},
		// Belgian national number
		{"be official layout", "fr", "85.07.30-033.28", EntityBENN, "85.07.30-033.28", ""},
		{"be with word", "nl", "mijn rijksregisternummer " + be2000, EntityBENN, be2000, detect.PII},
		{"be numéro national", "fr", "son numéro national : " + be, EntityBENN, be, detect.Doxxing},
		{"be 6-3.2 layout", "nl", "850730-033.28", EntityBENN, "850730-033.28", ""},
		{"be compact without word", "fr", "dossier " + be, EntityBENN, "", ""},
		{"be wrong key", "fr", "numéro national 85.07.30-033.29", EntityBENN, "", ""},
		// Swiss AHV/AVS
		{"ahv dotted", "de", "AHV-Nummer " + ahv[:3] + "." + ahv[3:7] + "." + ahv[7:11] + "." + ahv[11:], EntityCHAHV,
			ahv[:3] + "." + ahv[3:7] + "." + ahv[7:11] + "." + ahv[11:], ""},
		{"avs compact", "fr", "mon numéro AVS " + ahv, EntityCHAHV, ahv, detect.PII},
		{"ahv dotted without word", "de", "756.9217.0769.85", EntityCHAHV, "756.9217.0769.85", ""},
		{"ahv wrong check", "de", "AHV 756.9217.0769.84", EntityCHAHV, "", ""},
		{"barcode is not ahv", "de", "EAN 4006381333931", EntityCHAHV, "", ""},
		// UK NHS number
		{"nhs spaced", "en", "My NHS number is 943 476 5919", EntityGBNHS, "943 476 5919", detect.PII},
		{"nhs compact", "en", "her NHS no " + nhs, EntityGBNHS, nhs, detect.Doxxing},
		{"nhs without word is a phone layout", "en", "943 476 5919", EntityGBNHS, "", ""},
		{"nhs wrong check", "en", "NHS number 943 476 5918", EntityGBNHS, "", ""},
		{"nhs word, wrong check, no phone either", "en", "NHS number 943 476 5918", EntityPhone, "", ""},
		// Canadian SIN
		{"sin spaced", "en", "my SIN is " + sin[:3] + " " + sin[3:6] + " " + sin[6:], EntityCASIN, sin[:3] + " " + sin[3:6] + " " + sin[6:], detect.PII},
		{"sin dashed", "en", "his social insurance number: " + dashed(sin, 3, 6), EntityCASIN, dashed(sin, 3, 6), detect.Doxxing},
		{"nas in French", "fr", "Mon NAS est " + sin, EntityCASIN, sin, ""},
		{"sin without word", "en", "ref " + dashed(sin, 3, 6), EntityCASIN, "", ""},
		{"since is not sin", "en", "since " + dashed(sin, 3, 6), EntityCASIN, "", ""},
		{"sin wrong luhn", "en", "SIN " + wrongLast(sin), EntityCASIN, "", ""},
		// UK National Insurance number
		{"nino compact with word", "en", "her NI number JG103759A, go wild", EntityGBNINO, "JG103759A", detect.Doxxing},
		{"nino spaced HMRC layout", "en", "AB 12 34 56 C", EntityGBNINO, "AB 12 34 56 C", ""},
		{"nino lower case with word", "en", "national insurance: ab123456c", EntityGBNINO, "ab123456c", ""},
		{"nino compact without word", "en", "Part AB123456C is out of stock", EntityGBNINO, "", ""},
		{"nino specimen prefix", "en", "national insurance QQ 12 34 56 C", EntityGBNINO, "", ""},
		{"nino bad suffix", "en", "NI number AB 12 34 56 E", EntityGBNINO, "", ""},
	}
	runEntityCases(t, tests)
}

// TestPublicContacts: the organisation's own address or number, named with
// its premises, is nobody's private data, even next to a staff member; a
// private line or a home next to the same words still is.
func TestPublicContacts(t *testing.T) {
	tests := []struct {
		lang, text, entity, value string
		want                      detect.Category // "" when nothing may be reported
		staff, orgs               []string
	}{
		{"sv", "Dr Lindqvist på mottagningen på Storgatan 12 var otrevlig", EntityAddress, "", "", []string{"Eva Lindqvist"}, nil},
		{"sv", "ring Sara på kliniken 08-123 45 67", EntityPhone, "", "", []string{"Sara Nilsson"}, nil},
		{"sv", "Här är Dr Lindqvists telefonnummer till mottagningen: 018-123 45 67", EntityPhone, "", "", []string{"Eva Lindqvist"}, nil},
		{"nb", "Legen på legekontoret i Storgata 7 var frekk", EntityAddress, "", "", nil, nil},
		{"nb", "ring Kari på kontoret 22 12 34 56, hun var frekk", EntityPhone, "", "", []string{"Kari Hansen"}, nil},
		{"da", "ring til klinikken på 33 12 34 56", EntityPhone, "", "", nil, nil},
		{"en", "Call the clinic on 020 7946 0321 and ask for Sophie", EntityPhone, "", "", []string{"Sophie Martin"}, nil},
		{"en", "The clinic is at 14 Elm Road, the receptionist Sophie was rude", EntityAddress, "", "", []string{"Sophie Martin"}, nil},
		{"fr", "Appelez le cabinet au 01 42 68 53 00 et demandez le Dr Martin", EntityPhone, "", "", []string{"Claire Martin"}, nil},
		{"nl", "De praktijk zit op de Dorpsstraat 3, dokter Visser was onbeleefd", EntityAddress, "", "", []string{"Anne Visser"}, nil},
		{"de", "Die Praxis in der Hauptstraße 5 ist furchtbar, Dr. Weber war unverschämt", EntityAddress, "", "", []string{"Jonas Weber"}, nil},
		{"de", "Die Tierarztpraxis hat die Nummer 089 1234567", EntityPhone, "", "", nil, nil},
		{"sv", "Ring Djurvännen Solna på 08-123 45 67, Sara var otrevlig", EntityPhone, "", "", []string{"Sara Nilsson"}, []string{"Djurvännen Solna"}},
		// Look-alikes that stay someone's data.
		{"sv", "Sara bor på Storgatan 14, åk dit", EntityAddress, "Storgatan 14", detect.Doxxing, []string{"Sara Nilsson"}, nil},
		{"sv", "Sara jobbar på kliniken, hennes privata nummer är 070-765 43 21", EntityPhone, "070-765 43 21", detect.Doxxing, []string{"Sara Nilsson"}, nil},
		{"sv", "ring Sara på kliniken eller privat på 070-765 43 21", EntityPhone, "070-765 43 21", detect.Doxxing, []string{"Sara Nilsson"}, nil},
		{"en", "Sophie from the clinic lives at 9 Birch Close", EntityAddress, "9 Birch Close", detect.Doxxing, []string{"Sophie Martin"}, nil},
		{"fr", "le Dr Martin du cabinet habite au 5 rue des Lilas", EntityAddress, "5 rue des Lilas", detect.Doxxing, []string{"Claire Martin"}, nil},
		{"de", "Dr. Weber aus der Praxis wohnt in der Lindenweg 3", EntityAddress, "Lindenweg 3", detect.Doxxing, []string{"Jonas Weber"}, nil},
		{"en", "my office is at 14 Elm Road, send the papers there", EntityAddress, "14 Elm Road", detect.PII, nil, nil},
		{"nb", "Karis nummer hjemme er 22 12 34 56", EntityPhone, "22 12 34 56", detect.Doxxing, []string{"Kari Hansen"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			in := detect.Input{Text: tt.text, Lang: tt.lang, Context: &detect.Context{StaffNames: tt.staff, OrgNames: tt.orgs}}
			sigs, err := New().Detect(t.Context(), in)
			if err != nil {
				t.Fatal(err)
			}
			if tt.value == "" {
				for _, s := range sigs {
					if s.Entity == tt.entity {
						t.Errorf("reported %s %s %q: %s", s.Category, s.Entity, tt.text[s.Spans[0][0]:s.Spans[0][1]], s.Explanation)
					}
				}
				return
			}
			s, ok := find(tt.text, sigs, tt.entity, tt.value)
			if !ok {
				t.Fatalf("want %s %q, got %+v", tt.entity, tt.value, sigs)
			}
			if s.Category != tt.want {
				t.Errorf("category %s, want %s (%s)", s.Category, tt.want, s.Explanation)
			}
		})
	}
}

// TestRound2Shapes: odd but valid forms and look-alikes fixed in the
// second round, in several languages.
func TestRound2Shapes(t *testing.T) {
	tests := []entityCase{
		{"email apostrophe", "en", "mail sam.o'neil+orders@mail.example.co.uk now", EntityEmail, "sam.o'neil+orders@mail.example.co.uk", ""},
		// Round 20: "info@" is a function mailbox, so the elision is shown
		// on a person's address.
		{"email French elision", "fr", "écrivez à l'isabelle.morel@mairie-exemple.fr", EntityEmail, "isabelle.morel@mairie-exemple.fr", ""},
		{"email French d'", "fr", "l'adresse d'anne.roux@orange.fr", EntityEmail, "anne.roux@orange.fr", ""},
		{"opening hours sv", "sv", "Öppet 08.00–17.00 sedan 1999", EntityPhone, "", ""},
		{"opening hours nb", "nb", "Åpent 08.00-16.00 hver dag", EntityPhone, "", ""},
		{"opening hours de", "de", "Geöffnet 8.30-18.45, Tel. 030 1234567", EntityPhone, "030 1234567", ""},
		{"iban possessive nl", "nl", "zijn IBAN: BE68 5390 0754 7034 lol", EntityIBAN, "BE68 5390 0754 7034", detect.Doxxing},
		{"iban possessive sv", "sv", "hennes iban SE45 5000 0000 0583 9825 7466", EntityIBAN, "SE45 5000 0000 0583 9825 7466", detect.Doxxing},
	}
	runEntityCases(t, tests)
}

// FuzzNationalValidators: no validator panics on any string, and each
// accepts only its own length.
func FuzzNationalValidators(f *testing.F) {
	for _, s := range []string{"2110625629", "85073003328", "7569217076985", "9434765919", "123456782", "AB123456C", "", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ok, _ := ValidDKCPR(s); ok && len(s) != 10 {
			t.Errorf("ValidDKCPR(%q)", s)
		}
		if ValidBENationalNumber(s) && len(s) != 11 {
			t.Errorf("ValidBENationalNumber(%q)", s)
		}
		if ValidCHAHV(s) && len(s) != 13 {
			t.Errorf("ValidCHAHV(%q)", s)
		}
		if ValidNHS(s) && len(s) != 10 {
			t.Errorf("ValidNHS(%q)", s)
		}
		if ValidSIN(s) && len(s) != 9 {
			t.Errorf("ValidSIN(%q)", s)
		}
		if ValidNINO(s) && len(s) != 9 {
			t.Errorf("ValidNINO(%q)", s)
		}
	})
}
