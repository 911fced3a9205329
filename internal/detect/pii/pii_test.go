package pii

import (
	"context"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stormwatch/stormwatch/internal/detect"
)

func run(t testing.TB, lang, text string, staff ...string) []detect.Signal {
	t.Helper()
	in := detect.Input{Text: text, Lang: lang}
	if len(staff) > 0 {
		in.Context = &detect.Context{StaffNames: staff}
	}
	sigs, err := New().Detect(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sigs {
		checkSignal(t, text, s)
	}
	return sigs
}

// checkSignal holds for every signal: spans inside the text, on rune
// boundaries, the right detector, a score in (0,1], an explanation.
func checkSignal(t testing.TB, text string, s detect.Signal) {
	t.Helper()
	if s.Detector != "pii" || s.Version == "" || s.Entity == "" || s.Explanation == "" {
		t.Errorf("incomplete signal %+v", s)
	}
	if s.Category != detect.PII && s.Category != detect.Doxxing {
		t.Errorf("category %q", s.Category)
	}
	if s.Score <= 0 || s.Score > 1 {
		t.Errorf("score %v out of (0,1]", s.Score)
	}
	if len(s.Spans) == 0 {
		t.Errorf("no span in %+v", s)
	}
	for _, sp := range s.Spans {
		if sp[0] < 0 || sp[1] > len(text) || sp[0] >= sp[1] {
			t.Fatalf("span %v out of range for %d bytes", sp, len(text))
		}
		if !onBoundary(text, sp[0]) || !onBoundary(text, sp[1]) {
			t.Errorf("span %v not on rune boundaries in %q", sp, text)
		}
	}
	if !utf8.ValidString(s.Explanation) {
		t.Errorf("explanation is not valid UTF-8: %q", s.Explanation)
	}
}

// onBoundary reports whether byte i starts a rune as Go ranges over the
// string (an invalid byte counts as a one-byte rune), or is the end.
func onBoundary(text string, i int) bool {
	if i == len(text) {
		return true
	}
	for j := range text {
		if j >= i {
			return j == i
		}
	}
	return false
}

// find returns the signal for entity whose span holds value.
func find(text string, sigs []detect.Signal, entity, value string) (detect.Signal, bool) {
	for _, s := range sigs {
		if s.Entity == entity && text[s.Spans[0][0]:s.Spans[0][1]] == value {
			return s, true
		}
	}
	return detect.Signal{}, false
}

type entityCase struct {
	name   string
	lang   string
	text   string
	entity string
	value  string          // the identifier as written, "" when nothing must be found
	cat    detect.Category // "" when either is fine
}

func entityCases() []entityCase {
	fnr := fnrComplete("150790123")
	dnr := fnrComplete("550790123")
	bsn := bsnComplete("27361584")
	nir := nirComplete("1850578006084")
	nirCorse := nirComplete("18505" + "2A" + "006084")
	tax := taxComplete("8609574271")
	if tax == "" {
		tax = taxComplete("3657426180")
	}
	samordning := luhnComplete("811278987")
	mc := luhnComplete("545454545454545")
	spaced := func(s string, sizes ...int) string {
		var b []string
		for _, n := range sizes {
			b = append(b, s[:n])
			s = s[n:]
		}
		return strings.Join(b, " ")
	}
	return []entityCase{
		// e-mail
		{"email plain", "en", "write to jane.doe@example.com today", EntityEmail, "jane.doe@example.com", ""},
		{"email plus and subdomain", "en", "tom_baker+vet@mail.proton.me.", EntityEmail, "tom_baker+vet@mail.proton.me", ""},
		{"email [at] [dot]", "fr", "marie [at] orange [dot] fr", EntityEmail, "marie [at] orange [dot] fr", ""},
		{"email at dot", "en", "john dot smith at gmail dot com", EntityEmail, "john dot smith at gmail dot com", ""},
		{"email apenstaartje", "nl", "piet apenstaartje ziggo punt nl", EntityEmail, "piet apenstaartje ziggo punt nl", ""},
		{"fediverse handle is not e-mail", "en", "follow @alice@mastodon.social", EntityEmail, "", ""},
		{"at a website is not e-mail", "en", "I was at google.com all day", EntityEmail, "", ""},
		// phone
		{"phone FR spaces", "fr", "06 12 34 56 78", EntityPhone, "06 12 34 56 78", ""},
		{"phone FR dots", "fr", "tel 06.12.34.56.78", EntityPhone, "06.12.34.56.78", ""},
		{"phone FR intl (0)", "fr", "Tél : +33 (0)6 12 34 56 78", EntityPhone, "+33 (0)6 12 34 56 78", ""},
		{"phone BE", "nl", "bel 0470 12 34 56", EntityPhone, "0470 12 34 56", ""},
		{"phone NL mobile", "nl", "06-12345678", EntityPhone, "06-12345678", ""},
		{"phone SE", "sv", "ring 070-123 45 67", EntityPhone, "070-123 45 67", ""},
		{"phone SE landline", "sv", "08-123 456 78", EntityPhone, "08-123 456 78", ""},
		{"phone NO intl", "nb", "+47 912 34 567", EntityPhone, "+47 912 34 567", ""},
		{"phone NO national, Norwegian text", "nb", "ring 912 34 567", EntityPhone, "912 34 567", ""},
		{"phone DK with context", "da", "telefon 20 12 34 56", EntityPhone, "20 12 34 56", ""},
		{"phone DE", "de", "Handy 0151 23456789", EntityPhone, "0151 23456789", ""},
		{"phone DE slash", "de", "Tel. 030/12345678", EntityPhone, "030/12345678", ""},
		{"phone CH", "de", "079 123 45 67", EntityPhone, "079 123 45 67", ""},
		{"phone GB", "en", "07400 123456", EntityPhone, "07400 123456", ""},
		{"phone US", "en", "call (212) 555-1234", EntityPhone, "(212) 555-1234", ""},
		{"phone CA", "fr", "514-555-1234", EntityPhone, "514-555-1234", ""},
		{"phone IDD 00", "fr", "0033 6 12 34 56 78", EntityPhone, "0033 6 12 34 56 78", ""},
		{"phone spaced out", "fr", "0 6 1 2 3 4 5 6 7 8", EntityPhone, "0 6 1 2 3 4 5 6 7 8", ""},
		{"phone invalid number", "fr", "06 12 34 56", EntityPhone, "", ""},
		{"freephone is a business", "fr", "0800 123 456", EntityPhone, "", ""},
		{"bare 8 digits are not a phone", "en", "code 48213377", EntityPhone, "", ""},
		{"date is not a phone", "nb", "31.12.2023", EntityPhone, "", ""},
		{"invoice number", "fr", "facture 0612345678", EntityPhone, "", ""},
		{"price", "nb", "12 345 678 kr", EntityPhone, "", ""},
		// IBAN
		{"iban GB spaced", "en", "GB82 WEST 1234 5698 7654 32", EntityIBAN, "GB82 WEST 1234 5698 7654 32", ""},
		{"iban NL compact", "nl", "NL91ABNA0417164300.", EntityIBAN, "NL91ABNA0417164300", ""},
		{"iban DE lower case", "de", "iban de89 3704 0044 0532 0130 00", EntityIBAN, "de89 3704 0044 0532 0130 00", ""},
		{"iban wrong check", "de", "DE89 3704 0044 0532 0130 01", EntityIBAN, "", ""},
		// card
		{"card visa test", "en", "4111 1111 1111 1111", EntityCard, "4111 1111 1111 1111", ""},
		{"card mastercard dashes", "en", "card " + spaced(mc, 4, 4, 4, 4), EntityCard, spaced(mc, 4, 4, 4, 4), ""},
		{"card amex", "en", "3782 822463 10005", EntityCard, "3782 822463 10005", ""},
		{"card wrong luhn", "en", "4111 1111 1111 1112", EntityCard, "", ""},
		{"card tracking context", "en", "tracking 4111 1111 1111 1111", EntityCard, "", ""},
		// Swedish
		{"personnummer dash", "sv", "811218-9876", EntitySEPersonnr, "811218-9876", ""},
		{"personnummer century", "sv", "19811218-9876", EntitySEPersonnr, "19811218-9876", ""},
		{"personnummer dot", "sv", "pnr 811218.9876", EntitySEPersonnr, "811218.9876", ""},
		{"samordningsnummer", "sv", samordning[:6] + "-" + samordning[6:], EntitySEPersonnr, samordning[:6] + "-" + samordning[6:], ""},
		{"personnummer wrong", "sv", "811218-9875", EntitySEPersonnr, "", ""},
		// Norwegian
		{"fødselsnummer", "nb", "fnr " + fnr, EntityNOFodselsnr, fnr, ""},
		{"fødselsnummer spaced", "nb", fnr[:6] + " " + fnr[6:], EntityNOFodselsnr, fnr[:6] + " " + fnr[6:], ""},
		{"D-nummer", "nb", "D-nummer " + dnr, EntityNOFodselsnr, dnr, ""},
		{"fødselsnummer wrong", "nb", "fnr " + wrongLast(fnr), EntityNOFodselsnr, "", ""},
		// Dutch BSN
		{"bsn with context", "nl", "BSN " + bsn, EntityNLBSN, bsn, ""},
		{"bsn spaced digits", "nl", "mijn bsn: 1 1 1 2 2 2 3 3 3", EntityNLBSN, "1 1 1 2 2 2 3 3 3", ""},
		{"bsn official layout", "nl", "1112.22.333", EntityNLBSN, "1112.22.333", ""},
		{"bsn without context", "nl", "nummer " + bsn, EntityNLBSN, "", ""},
		{"bsn wrong", "nl", "BSN 123456789", EntityNLBSN, "", ""},
		// French NIR
		{"nir spaced", "fr", "sécu " + spaced(nir, 1, 2, 2, 2, 3, 3, 2), EntityFRNIR, spaced(nir, 1, 2, 2, 2, 3, 3, 2), ""},
		{"nir compact", "fr", nir, EntityFRNIR, nir, ""},
		{"nir corsica", "fr", "NIR " + spaced(nirCorse, 1, 2, 2, 2, 3, 3, 2), EntityFRNIR, spaced(nirCorse, 1, 2, 2, 2, 3, 3, 2), ""},
		{"nir corsica compact", "fr", nirCorse, EntityFRNIR, nirCorse, ""},
		{"nir wrong key", "fr", "sécu " + wrongLast(nir), EntityFRNIR, "", ""},
		// German tax ID
		{"tax id context", "de", "Steuer-ID " + tax, EntityDETaxID, tax, ""},
		{"tax id layout", "de", spaced(tax, 2, 3, 3, 3), EntityDETaxID, spaced(tax, 2, 3, 3, 3), ""},
		{"tax id no context", "de", "Nummer " + tax, EntityDETaxID, "", ""},
		{"tax id wrong", "de", "Steuer-ID " + wrongLast(tax), EntityDETaxID, "", ""},
		// addresses
		{"address FR", "fr", "12 rue des Lilas, 75011 Paris", EntityAddress, "12 rue des Lilas, 75011 Paris", ""},
		{"address BE", "fr", "Rue de la Loi 16, 1000 Bruxelles", EntityAddress, "Rue de la Loi 16, 1000 Bruxelles", ""},
		{"address NL", "nl", "Kerkstraat 5, 1234 AB Amsterdam", EntityAddress, "Kerkstraat 5, 1234 AB Amsterdam", ""},
		{"address SE", "sv", "Storgatan 3, 123 45 Stockholm", EntityAddress, "Storgatan 3, 123 45 Stockholm", ""},
		{"address NO", "nb", "Karl Johans gate 22, 0159 Oslo", EntityAddress, "Karl Johans gate 22, 0159 Oslo", ""},
		{"address DE", "de", "Hauptstraße 5, 10115 Berlin", EntityAddress, "Hauptstraße 5, 10115 Berlin", ""},
		{"address DE abbreviation", "de", "Goethestr. 8", EntityAddress, "Goethestr. 8", ""},
		{"address EN", "en", "221B Baker Street", EntityAddress, "221B Baker Street", ""},
		{"address EN cue only", "en", "she lives on Elm Road", EntityAddress, "Elm Road", ""},
		{"address UK postcode", "en", "14 Station Road, Manchester M1 4BT", EntityAddress, "14 Station Road, Manchester M1 4BT", ""},
		{"address EN lower case after a cue", "en", "she lives at 14 brackley road, the green door", EntityAddress, "14 brackley road", ""},
		{"address DE lower case after a cue", "de", "er wohnt in der berliner straße 12", EntityAddress, "berliner straße 12", ""},
		{"address NO lower case after a cue", "nb", "han bor i karl johans gate 22", EntityAddress, "karl johans gate 22", ""},
		{"lower case without a cue", "en", "we met at 14 brackley road", EntityAddress, "", ""},
		{"minutes walk is no street", "en", "she lives 10 minutes walk from the clinic", EntityAddress, "", ""},
		{"hours drive is no street", "en", "we live 2 hours drive away", EntityAddress, "", ""},
		{"street without number or cue", "fr", "la boulangerie de la rue Victor Hugo", EntityAddress, "", ""},
		{"road as a word", "en", "The road to recovery takes 3 months", EntityAddress, "", ""},
		{"airport gate", "en", "Gate 22 was closed", EntityAddress, "", ""},
		{"quantity after street", "de", "Die Straße war 5 km lang", EntityAddress, "", ""},
		// schools
		{"school EN", "en", "their kid goes to Lincoln Elementary School", EntitySchool, "Lincoln Elementary School", detect.Doxxing},
		{"school FR", "fr", "son fils va à l'école Jean Jaurès", EntitySchool, "école Jean Jaurès", detect.Doxxing},
		{"school SV", "sv", "ungen hennes går på Ekbackeskolan", EntitySchool, "Ekbackeskolan", detect.Doxxing},
		{"school DE", "de", "ihre Tochter geht auf die Goetheschule", EntitySchool, "Goetheschule", detect.Doxxing},
		{"own child's school", "en", "my son goes to Lincoln Elementary", EntitySchool, "", ""},
		{"unnamed school", "en", "her son hates school", EntitySchool, "", ""},
	}
}

func TestEntities(t *testing.T) {
	runEntityCases(t, entityCases())
}

// runEntityCases checks each case: the identifier found with its entity
// (and category), or that entity not found at all; and that no
// explanation repeats an identifier (explanations are stored and shown).
func runEntityCases(t *testing.T, cases []entityCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			sigs := run(t, tt.lang, tt.text)
			if tt.value == "" {
				for _, s := range sigs {
					if s.Entity == tt.entity {
						t.Errorf("found %s %q in %q: %s", s.Entity, tt.text[s.Spans[0][0]:s.Spans[0][1]], tt.text, s.Explanation)
					}
				}
				return
			}
			s, ok := find(tt.text, sigs, tt.entity, tt.value)
			if !ok {
				t.Fatalf("want %s %q in %q, got %+v", tt.entity, tt.value, tt.text, sigs)
			}
			if tt.cat != "" && s.Category != tt.cat {
				t.Errorf("category %s, want %s (%s)", s.Category, tt.cat, s.Explanation)
			}
			if id := compact(tt.value); len(id) >= 8 && strings.Contains(compact(s.Explanation), id) {
				t.Errorf("explanation repeats the identifier: %s", s.Explanation)
			}
		})
	}
}

// TestWhoseData: the same kinds of data, the writer's own (pii) or someone
// else's (doxxing), in the six languages.
func TestWhoseData(t *testing.T) {
	tests := []struct {
		lang, text, entity, value string
		want                      detect.Category
		staff                     []string
	}{
		{"en", "call me on 07400 123456", EntityPhone, "07400 123456", detect.PII, nil},
		{"en", "her number is 07400 123456", EntityPhone, "07400 123456", detect.Doxxing, nil},
		{"en", "07400 123456 — call her and tell her", EntityPhone, "07400 123456", detect.Doxxing, nil},
		{"en", "spam this number 07400 123456", EntityPhone, "07400 123456", detect.Doxxing, nil},
		{"en", "he lives at 14 Elm Road", EntityAddress, "14 Elm Road", detect.Doxxing, nil},
		{"en", "contact us at 14 Elm Road", EntityAddress, "14 Elm Road", detect.PII, nil},
		{"en", "my neighbour's number is 07400 123456", EntityPhone, "07400 123456", detect.Doxxing, nil},
		{"en", "Sophie's number: 07400 123456", EntityPhone, "07400 123456", detect.Doxxing, []string{"Sophie Martin"}},
		{"en", "07400 123456", EntityPhone, "07400 123456", detect.PII, nil},
		{"fr", "appelez-moi au 06 12 34 56 78", EntityPhone, "06 12 34 56 78", detect.PII, nil},
		{"fr", "son numéro : 06 12 34 56 78", EntityPhone, "06 12 34 56 78", detect.Doxxing, nil},
		{"fr", "appelez-le au 06 12 34 56 78", EntityPhone, "06 12 34 56 78", detect.Doxxing, nil},
		{"fr", "elle habite 12 rue des Lilas", EntityAddress, "12 rue des Lilas", detect.Doxxing, nil},
		{"fr", "j'habite 12 rue des Lilas", EntityAddress, "12 rue des Lilas", detect.PII, nil},
		{"fr", "voici l'adresse de cette ordure : 12 rue des Lilas", EntityAddress, "12 rue des Lilas", detect.Doxxing, nil},
		{"fr", "appelez le 06 12 34 56 78 pour un rendez-vous", EntityPhone, "06 12 34 56 78", detect.PII, nil},
		{"nl", "bel mij op 06-12345678", EntityPhone, "06-12345678", detect.PII, nil},
		{"nl", "haar nummer is 06-12345678", EntityPhone, "06-12345678", detect.Doxxing, nil},
		{"nl", "hij woont op Kerkstraat 5", EntityAddress, "Kerkstraat 5", detect.Doxxing, nil},
		{"nl", "ik woon op Kerkstraat 5", EntityAddress, "Kerkstraat 5", detect.PII, nil},
		{"nl", "het adres van die vent: Kerkstraat 5", EntityAddress, "Kerkstraat 5", detect.Doxxing, nil},
		{"sv", "ring mig på 070-123 45 67", EntityPhone, "070-123 45 67", detect.PII, nil},
		{"sv", "hennes nummer är 070-123 45 67", EntityPhone, "070-123 45 67", detect.Doxxing, nil},
		{"sv", "hon bor på Storgatan 3", EntityAddress, "Storgatan 3", detect.Doxxing, nil},
		{"sv", "jag bor på Storgatan 3", EntityAddress, "Storgatan 3", detect.PII, nil},
		{"sv", "adressen till honom: Storgatan 3", EntityAddress, "Storgatan 3", detect.Doxxing, nil},
		{"nb", "ring meg på 912 34 567", EntityPhone, "912 34 567", detect.PII, nil},
		{"nb", "nummeret hennes er 912 34 567", EntityPhone, "912 34 567", detect.Doxxing, nil},
		{"nb", "han bor i Kirkeveien 64", EntityAddress, "Kirkeveien 64", detect.Doxxing, nil},
		{"nb", "jeg bor i Kirkeveien 64", EntityAddress, "Kirkeveien 64", detect.PII, nil},
		{"da", "hun bor på Vesterbrogade 12", EntityAddress, "Vesterbrogade 12", detect.Doxxing, nil},
		{"de", "ruf mich an: 0151 23456789", EntityPhone, "0151 23456789", detect.PII, nil},
		{"de", "seine Nummer ist 0151 23456789", EntityPhone, "0151 23456789", detect.Doxxing, nil},
		{"de", "sie wohnt in der Hauptstraße 5", EntityAddress, "Hauptstraße 5", detect.Doxxing, nil},
		{"de", "ich wohne in der Hauptstraße 5", EntityAddress, "Hauptstraße 5", detect.PII, nil},
		{"de", "die Adresse von diesem Typ: Hauptstraße 5", EntityAddress, "Hauptstraße 5", detect.Doxxing, nil},
		{"de", "Ihre Nummer 0151 23456789 haben wir notiert", EntityPhone, "0151 23456789", detect.PII, nil}, // polite "your"
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			sigs := run(t, tt.lang, tt.text, tt.staff...)
			s, ok := find(tt.text, sigs, tt.entity, tt.value)
			if !ok {
				t.Fatalf("want %s %q, got %+v", tt.entity, tt.value, sigs)
			}
			if s.Category != tt.want {
				t.Errorf("got %s, want %s (%s)", s.Category, tt.want, s.Explanation)
			}
		})
	}
}

// TestScores: a checksum and a cue make a high score; no cue leaves pii at
// a moderate one.
func TestScores(t *testing.T) {
	dox := run(t, "en", "his IBAN is GB82 WEST 1234 5698 7654 32")
	bare := run(t, "en", "GB82 WEST 1234 5698 7654 32")
	if len(dox) != 1 || len(bare) != 1 {
		t.Fatalf("want one signal each, got %v and %v", dox, bare)
	}
	if dox[0].Score < 0.9 {
		t.Errorf("checksum + third-person cue: score %v, want >= 0.9", dox[0].Score)
	}
	if bare[0].Category != detect.PII || bare[0].Score < 0.5 || bare[0].Score > 0.75 {
		t.Errorf("no cue: %s %v, want pii with a moderate score", bare[0].Category, bare[0].Score)
	}
}

// TestSpansAreBytesOfTheOriginal: multi-byte text before and inside the
// entity, spans still index the original string.
func TestSpansAreBytesOfTheOriginal(t *testing.T) {
	tests := []struct{ lang, text, entity, value string }{
		{"fr", "Ça m’énerve ! Élodie, c’est le 06 12 34 56 78 ✨", EntityPhone, "06 12 34 56 78"},
		{"de", "Überall Ärger — sie wohnt Schönhauser Allee 36, 10435 Berlin", EntityAddress, "Schönhauser Allee 36, 10435 Berlin"},
		{"nb", "Påstå hva dere vil: +47 912 34 567", EntityPhone, "+47 912 34 567"},
		{"sv", "Hör av dig – personnummer 811218-9876", EntitySEPersonnr, "811218-9876"},
		{"fr", "📧 écrivez à élodie.dupré@example.fr", EntityEmail, "élodie.dupré@example.fr"},
		{"en", "phone\u00a006\u00a012\u00a034\u00a056\u00a078", EntityPhone, "06\u00a012\u00a034\u00a056\u00a078"},
	}
	for _, tt := range tests {
		sigs := run(t, tt.lang, tt.text)
		if _, ok := find(tt.text, sigs, tt.entity, tt.value); !ok {
			var got []string
			for _, s := range sigs {
				got = append(got, s.Entity+":"+tt.text[s.Spans[0][0]:s.Spans[0][1]])
			}
			t.Errorf("%q: want %s %q, got %v", tt.text, tt.entity, tt.value, got)
		}
	}
}

func TestInvalidUTF8AndEdges(t *testing.T) {
	texts := []string{
		"", " ", "\xff\xfe06 12 34 56 78\xff", "06 12 34 56 78\xc3", "+", "++33", "@", "a@b", "@@@.",
		"2A", "1 2A", "FR76", "[at]", "0", strings.Repeat("1 ", 5000), strings.Repeat("06 12 34 56 78 ", 300),
		strings.Repeat("rue ", 1000), strings.Repeat("a@", 2000) + "b.com", "\x00\x01\x02 12 rue des Lilas",
	}
	for _, text := range texts {
		run(t, "", text)
		run(t, "fr", text)
	}
}

func TestConcurrentUse(t *testing.T) {
	d := New()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				in := benchComments[(g+i)%len(benchComments)]
				sigs, err := d.Detect(context.Background(), in)
				if err != nil {
					t.Error(err)
					return
				}
				for _, s := range sigs {
					checkSignal(t, in.Text, s)
				}
			}
		}()
	}
	wg.Wait()
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Detect(ctx, detect.Input{Text: "06 12 34 56 78"}); err == nil {
		t.Error("want the context's error")
	}
}

func TestNameVersion(t *testing.T) {
	d := New()
	if d.Name() != "pii" || d.Version() == "" {
		t.Errorf("Name %q Version %q", d.Name(), d.Version())
	}
}
