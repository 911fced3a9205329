package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/detect/normalize"
)

// Presence threats (presence.go): a presence phrase flagged `w` ("I'll be
// waiting outside your house") is lifted by an errand or a daytime clock
// time in its sentence, unless a harm, a fate or another threat is there.

type presenceCase struct {
	lang, text string
	threat     bool // threat or harassment must reach removeAt
}

func runPresence(t *testing.T, cases []presenceCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			m := scores(t, tcase{lang: c.lang, text: c.text})
			th, ha := m[detect.Threat], m[detect.Harassment]
			top := max(th.Score, ha.Score)
			if got := top >= removeAt; got != c.threat {
				t.Errorf("threat/harassment %.3f (removeAt %.2f), want removed = %v (%s | %s)", top, removeAt, c.threat, th.Explanation, ha.Explanation)
			}
		})
	}
}

// TestPresenceErrand: errands, shared plans and appointment hours lift the
// presence phrase in every language.
func TestPresenceErrand(t *testing.T) {
	runPresence(t, []presenceCase{
		{"en", "i ll be at your house at 10 to pick up the kitten", false},
		{"en", "i will be waiting outside your house at 8 to take you to the appointment", false},
		{"en", "I'll be parked outside your house with the cat carrier", false},
		{"en", "I'll be waiting by your car after your shift to give you back your keys", false},
		{"en", "i'll wait by your car until you come out, then we can go for lunch", false},
		{"fr", "je serai devant ta maison à 18h pour récupérer le chat", false},
		{"fr", "tôt ou tard tu vas rentrer à la maison et je serai là pour le dîner", false},
		{"fr", "je serai devant chez toi à 8h pour t'emmener au rendez-vous", false},
		{"nl", "ik sta morgen weer voor je deur met de formulieren", false},
		{"nl", "ik wacht bij je auto, ik heb je sleutels nog", false},
		{"nl", "ik sta om 8 uur voor je huis om de kat op te halen", false},
		{"de", "ich warte vor deinem haus, dann fahren wir zusammen zum tierarzt", false},
		{"de", "ich stehe um 8 vor deinem haus, um die katze abzuholen", false},
		{"sv", "jag väntar vid din bil efter jobbet så åker vi och handlar", false},
		{"sv", "jag väntar vid din bil kl 8 för att hämta katten", false},
		{"nb", "jeg venter ved bilen din til du kommer ut, så kjører vi sammen", false},
		{"nb", "en dag kommer du hjem og da står jeg der med kake", false},
		{"nn", "eg ventar ved bilen din til du kjem ut, så køyrer vi saman", false},
		{"da", "jeg venter ved din bil til du kommer ud, så kører vi sammen", false},
	})
}

// TestPresenceThreat: the same phrases without an errand, at night, or
// with a harm or another threat in the sentence stay threats.
func TestPresenceThreat(t *testing.T) {
	runPresence(t, []presenceCase{
		{"en", "one of these nights you'll walk out of that surgery and i'll be there", true},
		{"en", "i'll be waiting outside your house, you won't see me coming", true},
		{"en", "i'll be waiting outside your house to teach you a lesson", true},
		{"en", "i'll be outside your house at 10 to make you pay for what you did to my dog", true},
		{"fr", "je serai devant chez toi ce soir, tu vas comprendre", true},
		{"fr", "je vais t'attendre devant ta voiture pour te casser la gueule", true},
		{"nl", "ik sta vannacht voor je deur, slaap maar lekker", true},
		{"nl", "ik wacht bij haar auto om haar in elkaar te slaan", true},
		{"de", "ich warte vor deinem haus bis du rauskommst, dann reden wir anders", true},
		{"de", "ich warte vor deinem haus, um dir eine abreibung zu verpassen", true},
		{"sv", "jag väntar vid din bil tills du kommer ut", true},
		{"sv", "jag väntar utanför din dörr för att slå sönder dig", true},
		{"nb", "jeg venter ved bilen din for å knuse trynet ditt", true},
		{"nn", "eg ventar ved bilen til du kjem ut, så får vi sjå kor tøff du er", true},
		{"da", "jeg venter ved din bil til du kommer ud", true},
		// an errand lifts only presence entries: other threats keep it
		{"en", "i'll be waiting outside your house at 11, you won't see me coming", true},
		{"en", "I'll kill you, then we can go for lunch", true},
		{"de", "ich bringe dich um und dann fahren wir zusammen zum tierarzt", true},
		// night hours are no appointment
		{"en", "I'll be parked outside your house at 3am, sleep well", true},
	})
}

// TestPresenceClock: daytime hours count, night hours and bare numbers
// that are no hour do not.
func TestPresenceClock(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"see you at 10 then", true},
		{"à 18h pour le chat", true},
		{"vers 19h30", true},
		{"at 7:30 please", true},
		{"om 8 uur", true},
		{"um 8 vor dem haus", true},
		{"kl 17", true},
		{"klokka 8", true},
		{"8am sharp", true},
		{"at 5pm", true},
		{"at 3am", false},
		{"um 3 uhr nachts", false},
		{"at 10 at night", false},
		{"à 23h", false},
		{"i have 2 cats", false},
		{"room 12 please", false},
		{"at 100 metres", false},
		{"", false},
	}
	for _, c := range cases {
		n := normalize.Text(c.text)
		text := n.String()
		var words, ends []int32
		in := false
		for i := 0; i < len(text); i++ {
			b := text[i]
			w := 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b >= 0x80
			if w && !in {
				words = append(words, int32(i))
			} else if !w && in {
				ends = append(ends, int32(i))
			}
			in = w
		}
		if in {
			ends = append(ends, int32(len(text)))
		}
		got := false
		for w := range words {
			got = got || presenceClock(n, words, ends, w)
		}
		if got != c.want {
			t.Errorf("%q: clock = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestPresenceNoPanic: bad word tables never panic.
func TestPresenceNoPanic(t *testing.T) {
	presenceClock(normalize.Text(""), nil, nil, 0)
	presenceClock(normalize.Text("at 10"), []int32{0, 3}, []int32{2}, 1)
	presenceClock(normalize.Text("at 10"), []int32{0, 9}, []int32{2, 12}, 1)
	presenceClock(normalize.Text("at 10"), []int32{0, 3}, []int32{2, 5}, -1)
}

// TestPresenceStaffExit: waiting at the staff exit for a staff member is
// no presence entry (not flagged w): an hour does not lift it.
func TestPresenceStaffExit(t *testing.T) {
	m := scores(t, tcase{lang: "en", text: "I'll be waiting by the back door at 6 tomorrow till Sophie finishes her shift", staff: []string{"Sophie"}})
	if h := m[detect.Harassment]; h.Score < removeAt {
		t.Errorf("harassment %.3f, want >= %.2f (%s)", h.Score, removeAt, h.Explanation)
	}
}
