package outbound

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/store"
)

var pub = time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC) // a Monday

func registers() Registers {
	return Registers{
		Protected: []store.ProtectedPerson{
			{Name: "Léa Dubois", Aliases: []string{"Léa D."}, Reason: "survivor"},
			{Name: "Søren Berg", Reason: "client"},
			{Name: "Anna Svensson", Reason: "client"},
		},
		Consents: []store.Consent{
			{Name: "Camille Roux", Scope: store.ConsentBoth, GivenAt: pub.AddDate(-1, 0, 0), ExpiresAt: pub.AddDate(1, 0, 0)},
			{Name: "Jonas Berg", Scope: store.ConsentPhoto, GivenAt: pub.AddDate(-1, 0, 0)},
			{Name: "Marie Lenoir", Scope: store.ConsentBoth, GivenAt: pub.AddDate(-1, 0, 0), ExpiresAt: pub.AddDate(0, 0, -1)},
			{Name: "Ole Hansen", Scope: store.ConsentName, Channels: []string{"facebook:page"}, GivenAt: pub.AddDate(-1, 0, 0)},
			{Name: "Eva Lind", Scope: store.ConsentName, GivenAt: pub.AddDate(-1, 0, 0), ExpiresAt: pub.AddDate(0, 0, 10)},
		},
		Events: []store.PrivateEvent{
			{Label: "groupe de parole", Places: []string{"Salle Jaurès", "12 rue des Lilas"}, Start: time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 21, 16, 0, 0, 0, time.UTC)},
		},
		Settings: store.OutboundSettings{OwnContacts: []string{"+33 1 23 45 67 89", "12 rue de la Paix, 75002 Paris"}, Keywords: []string{"projet Orion"}},
		Context:  detect.Context{OrgDomains: []string{"tilleuls.example"}},
	}
}

type want struct {
	kind    Kind
	block   bool
	field   string
	subject string // the span's text (or the person) must be this
	detail  string
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		d    Draft
		want []want
	}{
		{"clean post", Draft{Text: "Merci à toutes les personnes venues à notre collecte de dons !"}, nil},
		{"protected name, accents and case", Draft{Text: "Un grand merci à LEA DUBOIS pour son courage."},
			[]want{{ProtectedPerson, true, FieldText, "LEA DUBOIS", ""}}},
		{"protected alias", Draft{Text: "Bravo à Léa D. !"}, []want{{ProtectedPerson, true, FieldText, "Léa D", ""}}},
		{"protected possessive with apostrophe", Draft{Text: "Read Léa Dubois's story.", Lang: "en"}, []want{{ProtectedPerson, true, FieldText, "Léa Dubois", ""}}},
		{"protected genitive (sv)", Draft{Text: "Anna Svenssons berättelse.", Lang: "sv"}, []want{{ProtectedPerson, true, FieldText, "Anna Svenssons", ""}}},
		{"protected without the ø", Draft{Text: "Soren Berg var med i dag", Lang: "nb"}, []want{{ProtectedPerson, true, FieldText, "Soren Berg", ""}}},
		{"a longer word is not a name", Draft{Text: "Lea Duboisière est une rue."}, nil},
		{"protected person tagged", Draft{Text: "Merci !", Tagged: []string{"léa dubois"}}, []want{{ProtectedPerson, true, FieldTagged, "léa dubois", ""}}},
		{"protected person in a photo", Draft{Text: "Merci !", PhotoPeople: []string{"Anna Svensson"}}, []want{{ProtectedPerson, true, FieldPhoto, "Anna Svensson", ""}}},
		{"tagged with a valid consent", Draft{Text: "Merci Camille !", Tagged: []string{"Camille Roux"}}, nil},
		{"tagged without consent", Draft{Text: "Merci !", Tagged: []string{"Paul Martin"}}, []want{{NoConsent, true, FieldTagged, "Paul Martin", "none"}}},
		{"photo consent does not cover the name", Draft{Text: "Merci !", Tagged: []string{"Jonas Berg"}, PhotoPeople: []string{"Jonas Berg"}},
			[]want{{NoConsent, true, FieldTagged, "Jonas Berg", "scope"}}},
		{"named in the text with an expired consent", Draft{Text: "Merci à Marie Lenoir pour les photos."}, []want{{NoConsent, true, FieldText, "Marie Lenoir", "expired"}}},
		{"consent for another channel", Draft{Text: "Takk til Ole Hansen!", Channels: []string{"facebook:page", "mastodon:clinic"}}, []want{{NoConsent, true, FieldText, "Ole Hansen", "channel"}}},
		{"consent for this channel", Draft{Text: "Takk til Ole Hansen!", Channels: []string{"facebook:page"}}, nil},
		{"consent expiring soon warns", Draft{Text: "Tack Eva Lind!"}, []want{{ConsentExpiring, false, FieldText, "Eva Lind", "2026-11-26"}}},
		{"someone else's phone number", Draft{Text: "Pour les dons, appelez Julie au 06 12 34 56 78.", Lang: "fr"}, []want{{PersonalData, true, FieldText, "", "phone"}}},
		{"our own phone number", Draft{Text: "Pour les dons, appelez-nous au 01 23 45 67 89.", Lang: "fr"}, nil},
		{"our own address", Draft{Text: "Venez nous voir au 12 rue de la Paix !", Lang: "fr"}, nil},
		{"someone else's address", Draft{Text: "Elle habite au 8 rue des Roses, 75011 Paris.", Lang: "fr"}, []want{{PersonalData, true, FieldText, "", "address"}}},
		{"our own e-mail domain", Draft{Text: "Écrivez-nous : dons@tilleuls.example", Lang: "fr"}, nil},
		{"someone else's e-mail", Draft{Text: "Écrivez à julie.martin@gmail.com", Lang: "fr"}, []want{{PersonalData, true, FieldText, "", "email"}}},
		{"confidential keyword", Draft{Text: "Le projet orion avance bien."}, []want{{Confidential, true, FieldText, "projet orion", ""}}},
		{"private place and a day in the window", Draft{Text: "Rendez-vous samedi 21 novembre à la salle Jaurès !"},
			[]want{{PrivateEvent, true, FieldText, "21 novembre", "salle Jaurès"}, {PrivateEvent, true, FieldText, "salle Jaurès", "21 novembre"}}},
		{"private place and a numeric date", Draft{Text: "12 rue des Lilas, le 21/11 à 14h"},
			[]want{{PersonalData, true, FieldText, "12 rue des Lilas", "address"}, {PrivateEvent, true, FieldText, "12 rue des Lilas", "21/11"}, {PrivateEvent, true, FieldText, "21/11", "12 rue des Lilas"}}},
		{"private place and an ISO date (en)", Draft{Text: "Join us at Salle Jaures on 2026-11-21.", Lang: "en"},
			[]want{{PrivateEvent, true, FieldText, "Salle Jaures", "2026-11-21"}, {PrivateEvent, true, FieldText, "2026-11-21", "Salle Jaures"}}},
		{"private place, another day", Draft{Text: "La salle Jaurès a été repeinte le 3 novembre."}, []want{{PrivatePlace, false, FieldText, "salle Jaurès", ""}}},
		{"a day in the window without the place", Draft{Text: "Samedi 21 novembre, journée portes ouvertes."}, nil},
		{"tomorrow, published the day before", Draft{Text: "Demain, salle Jaurès.", At: time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)},
			[]want{{PrivateEvent, true, FieldText, "Demain", "salle Jaurès"}, {PrivateEvent, true, FieldText, "salle Jaurès", "Demain"}}},
		{"kl. 18.30 is a time, not a date", Draft{Text: "Salle Jaurès kl. 18.30", At: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d
			if d.At.IsZero() {
				d.At = pub
			}
			got := Check(context.Background(), d, registers())
			var lines []string
			for _, f := range got {
				lines = append(lines, fmt.Sprintf("%s block=%v %s %q %q [%d,%d]", f.Kind, f.Block, f.Field, f.Subject, f.Detail, f.Span[0], f.Span[1]))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings:\n%s\nwant %d", strings.Join(lines, "\n"), len(tt.want))
			}
			for i, w := range tt.want {
				f := got[i]
				if f.Kind != w.kind || f.Block != w.block || f.Field != w.field || w.detail != "" && f.Detail != w.detail {
					t.Errorf("finding %d = %s, want %+v", i, lines[i], w)
				}
				if f.Field == FieldText {
					if f.Span[0] < 0 || f.Span[1] > len(d.Text) || f.Span[0] >= f.Span[1] {
						t.Errorf("finding %d span %v out of the text", i, f.Span)
					} else if w.subject != "" && d.Text[f.Span[0]:f.Span[1]] != w.subject {
						t.Errorf("finding %d spans %q, want %q", i, d.Text[f.Span[0]:f.Span[1]], w.subject)
					}
				} else if f.Subject != w.subject {
					t.Errorf("finding %d subject %q, want %q", i, f.Subject, w.subject)
				}
				if f.Why == "" {
					t.Errorf("finding %d says no why", i)
				}
			}
		})
	}
}

func TestPersonalDataIsMasked(t *testing.T) {
	fs := Check(context.Background(), Draft{Text: "Écrivez à julie.martin@gmail.com", Lang: "fr", At: pub}, registers())
	if len(fs) != 1 || strings.Contains(fs[0].Subject, "martin") || !strings.HasPrefix(fs[0].Subject, "ju") {
		t.Errorf("findings = %+v; the subject must be masked", fs)
	}
}

func TestMentions(t *testing.T) {
	tests := []struct {
		text string
		want []string // days found, in order of the finders
	}{
		{"le 21/11/2026", []string{"2026-11-21"}},
		{"am 21.11.", []string{"2026-11-21"}},
		{"den 21 november", []string{"2026-11-21"}},
		{"am 21. November 2027", []string{"2027-11-21"}},
		{"on November 21", []string{"2026-11-21"}},
		{"le 31/11", nil},
		{"à 18:30", nil},
		{"kl. 18.30", nil},
		{"le 3 janvier", []string{"2027-01-03"}}, // nearest to mid-November 2026
		{"i morgen", []string{"2026-11-17"}},
		{"morgens", nil},
		{"2026-02-30", nil},
	}
	for _, tt := range tests {
		ms := mentions(tt.text, tokens(tt.text), pub)
		var got []string
		for _, m := range ms {
			got = append(got, m.day.Format("2006-01-02"))
			if m.start < 0 || m.end > len(tt.text) || m.start >= m.end {
				t.Errorf("%q: span [%d,%d] out of the text", tt.text, m.start, m.end)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("mentions(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestHelpRequests(t *testing.T) {
	tests := []struct {
		text, lang, phrase string
	}{
		{"Hi, can you help me? I need somewhere safe tonight.", "en", "can you help me"},
		{"Bonjour, je suis en danger chez moi", "fr", "je suis en danger"},
		{"Aidez-moi svp", "fr", "Aidez-moi"},
		{"Ik heb hulp nodig, kan ik bellen?", "nl", "Ik heb hulp nodig"},
		{"Hej, jag behöver hjälp", "sv", "jag behöver hjälp"},
		{"Jeg trenger hjelp nå", "nb", "Jeg trenger hjelp"},
		{"Ich brauche Hilfe", "de", "Ich brauche Hilfe"},
		{"Können Sie mir helfen?", "de", "Können Sie mir helfen"},
	}
	for _, tt := range tests {
		m, ok := FindHelpRequest(tt.text)
		if !ok || m.Lang != tt.lang || m.Phrase != tt.phrase {
			t.Errorf("FindHelpRequest(%q) = %+v, %v; want %s %q", tt.text, m, ok, tt.lang, tt.phrase)
		}
	}
	for _, text := range []string{"Merci pour votre aide !", "Thanks for helping my dog", "Wann ist die Praxis geöffnet?", ""} {
		if m, ok := FindHelpRequest(text); ok {
			t.Errorf("FindHelpRequest(%q) = %+v, want none", text, m)
		}
	}
}

func TestHelpTemplates(t *testing.T) {
	ts := HelpTemplates("demo")
	if len(ts) != 6 {
		t.Fatalf("%d templates, want 6", len(ts))
	}
	for _, tp := range ts {
		if !strings.Contains(tp.Body, "{{phone}}") || !strings.Contains(tp.Body, "{{contact_url}}") || tp.Status != store.TemplateApproved || tp.Name == "" {
			t.Errorf("template %s = %+v", tp.ID, tp)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"Rendez-vous samedi 21 novembre à la salle Jaurès !", "LEA DUBOIS's 12/11/26", "kl. 18.30 2026-11-21 i morgen", "\xff\xfeLéa", "Léa D.\u0301", "31.12.9999"} {
		f.Add(s)
	}
	reg := registers()
	f.Fuzz(func(t *testing.T, text string) {
		fs := Check(context.Background(), Draft{Text: text, At: pub, Tagged: []string{text}}, reg)
		for _, x := range fs {
			if x.Field == FieldText && (x.Span[0] < 0 || x.Span[1] > len(text) || x.Span[0] > x.Span[1]) {
				t.Fatalf("span %v out of a text of %d bytes", x.Span, len(text))
			}
		}
		if m, ok := FindHelpRequest(text); ok && (m.Span[0] < 0 || m.Span[1] > len(text)) {
			t.Fatalf("help span %v out of range", m.Span)
		}
	})
}

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"le 21/11/2026 à 18h", "am 21. November 2027", "kl. 18.30 i morgen", "2026-02-30", "31.12.", "November 21, 2026", "\xff21/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range mentions(text, tokens(text), pub) {
			if m.start < 0 || m.end > len(text) || m.start >= m.end || m.day.IsZero() {
				t.Fatalf("mention %+v out of a text of %d bytes", m, len(text))
			}
		}
	})
}

func TestConsentAlerts(t *testing.T) {
	cs := []store.Consent{{ID: 1, Name: "Zoé Martin", ExpiresAt: pub.AddDate(0, 0, 5)}, {ID: 2, Name: "B", ExpiresAt: pub.AddDate(0, 0, -1)}, {ID: 3, Name: "C"}, {ID: 4, Name: "D", ExpiresAt: pub.AddDate(0, 2, 0)}}
	as := ConsentAlerts(cs, pub)
	if len(as) != 1 || as[0].DedupeKey != "consent:1:expires:2026-11-21" || strings.Contains(as[0].Title+as[0].Summary, "Zoé") {
		t.Errorf("alerts = %+v", as)
	}
}

// BenchmarkCheck measures the pre-publication check of a typical post
// (about 300 bytes) against small registers.
func BenchmarkCheck(b *testing.B) {
	reg := registers()
	d := Draft{Text: "Merci à toutes les personnes venues samedi 21 novembre à notre journée portes ouvertes ! Rendez-vous à la salle Jaurès pour la prochaine collecte de dons. Pour toute question, appelez-nous au 01 23 45 67 89 ou écrivez à dons@tilleuls.example. Un grand merci à Camille Roux pour les photos.",
		Lang: "fr", Channels: []string{"facebook:page"}, Tagged: []string{"Camille Roux"}, At: pub}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		Check(ctx, d, reg)
	}
}
