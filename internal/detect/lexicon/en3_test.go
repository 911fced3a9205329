package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

var threatOnly = []detect.Category{detect.Threat}

// TestEnglishFunctional3: the HateCheck-style families of
// probes/functional-en3.jsonl, written here in other words: hatred and
// disgust declared, attributes and dehumanising names, threats against a
// group and threats as a norm, negated positives, questions, opinions; and
// the look-alikes that must stay untouched (the same words about things,
// non-protected groups, the staff, negation, counter-speech).
func TestEnglishFunctional3(t *testing.T) {
	run(t, []tcase{
		// F1: strong negative emotion towards a group.
		{lang: "en", text: "I detest Muslims, always have.", want: hateOnly},
		{lang: "en", text: "Trans women fill me with utter disgust.", want: hateOnly},
		{lang: "en", text: "Refugees make my blood boil.", want: hateOnly},
		{lang: "en", text: "I can't stand being around gay people.", want: hateOnly},
		{lang: "en", text: "This heat makes my blood boil.", not: noAbuse},
		{lang: "en", text: "I detest Mondays and traffic jams.", not: hateOnly},
		{lang: "en", text: "I can't stand being around loud music all day.", not: noAbuse},
		// F2 and F3: attributes and dehumanising names, said of a group.
		{lang: "en", text: "Immigrants are barbaric and primitive.", want: hateOnly},
		{lang: "en", text: "Lesbians are nothing but deviants.", want: hateOnly},
		{lang: "en", text: "Disabled people are closer to animals than to people.", want: hateOnly},
		{lang: "en", text: "Muslims are nothing but parasites.", want: hateOnly},
		{lang: "en", text: "Gay people are a sickness.", want: hateOnly},
		{lang: "en", text: "Your staff are useless and rude", not: []detect.Category{detect.Hate, detect.Insult}},
		{lang: "en", text: "Wasps are nothing but parasites in the garden.", not: hateOnly},
		{lang: "en", text: "Immigrants are not barbaric, they are our neighbours.", not: hateOnly},
		{lang: "en", text: "Saying that Muslims are barbaric is bigoted.", not: hateOnly},
		// F5 and F6: threats against a group, and as a norm.
		{lang: "en", text: "We will shoot every refugee who crosses that river.", want: threatOnly},
		{lang: "en", text: "I'm going to stab the next Muslim I meet.", want: threatOnly},
		{lang: "en", text: "Trans people should all be burned alive.", want: threatOnly},
		{lang: "en", text: "Gay men deserve to be stoned to death.", want: threatOnly},
		{lang: "en", text: "Killing immigrants would be justified.", want: threatOnly},
		{lang: "en", text: "We will beat the Poles on Saturday, 3-0.", not: threatOnly},
		{lang: "en", text: "I'm going to kill the weeds in the garden this weekend.", not: threatOnly},
		{lang: "en", text: "The order should be executed by Friday.", not: threatOnly},
		{lang: "en", text: "Shooting photos at the wedding should be allowed.", not: threatOnly},
		{lang: "en", text: "Nobody deserves to be stoned to death.", not: threatOnly},
		// F14: negated positives.
		{lang: "en", text: "Muslims will never be our equals.", want: hateOnly},
		{lang: "en", text: "Gay men are not fit to teach.", want: hateOnly},
		{lang: "en", text: "Refugees don't deserve basic rights.", want: hateOnly},
		{lang: "en", text: "Not a single immigrant will ever be a decent neighbour.", want: hateOnly},
		{lang: "en", text: "This sofa is not worth the money.", not: noAbuse},
		{lang: "en", text: "Everyone deserves basic rights, refugees included.", not: hateOnly},
		// F16 and F17: questions and opinions.
		{lang: "en", text: "Wouldn't this country be better off without Muslims?", want: hateOnly},
		{lang: "en", text: "What good are disabled people?", want: hateOnly},
		{lang: "en", text: "I think women are a danger to society.", want: hateOnly},
		{lang: "en", text: "Immigrants are a waste of taxpayers money.", want: hateOnly},
		{lang: "en", text: "Our garden is better off without the old shed.", not: noAbuse},
		{lang: "en", text: "Speeding drivers are a danger to children.", not: hateOnly},
		// F12 and F13: the group in one clause or sentence, "they" in the next.
		{lang: "en", text: "Roma families moved in last year. They are ruining the neighbourhood.", want: hateOnly},
		{lang: "en", text: "Refugees got the flats, and now they stink up the stairwell.", want: hateOnly},
		{lang: "en", text: "The builders left last year. They are ruining the neighbourhood.", not: hateOnly},
	})
}

// TestSlurTargets: a slur with a demonstrative or of the ableist family
// names a person, not a thing beside it; homonyms, medical terms and the
// dish stay untouched, and a slur claimed by the speaker is no attack.
func TestSlurTargets(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "Move that cripple out of the way.", want: hateOnly},
		{lang: "en", text: "Some tranny was in the queue at the bank.", want: hateOnly},
		{lang: "en", text: "My doctor found a spastic colon.", not: hateOnly},
		{lang: "en", text: "The strike will cripple the railway.", not: hateOnly},
		{lang: "en", text: "My Nan makes homemade faggots every Sunday.", not: hateOnly},
		{lang: "en", text: "I am a proud dyke and a proud mum.", not: hateOnly},
		{lang: "en", text: "I'm an openly queer fag and happy.", not: hateOnly},
		// Not a claim: a verb of hatred between, or the slur hurled.
		{lang: "en", text: "I hate fags.", want: hateOnly},
		{lang: "en", text: "I am sick of that faggot next door.", want: hateOnly},
	})
}

// TestInterjection: an expletive that opens a sentence and is cut off by a
// comma or "!" is aimed at no one, even beside a group's name.
func TestInterjection(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "Damn, the women's choir was brilliant tonight.", not: hateOnly},
		{lang: "en", text: "Shit! The Muslim bakery sold out before I got there.", not: hateOnly},
		// Not an interjection: the expletive qualifies the group.
		{lang: "en", text: "Fucking Muslims everywhere.", want: hateOnly},
		{lang: "en", text: "Damn, you fucking idiot.", want: []detect.Category{detect.Insult}},
	})
}

// TestGroupSlipsEn3: a slip in one word of a two-word group name, beside
// the other word, and a missing space read in any comment; a slip with no
// other half, or a join onto a word that is no group, is not read.
func TestGroupSlipsEn3(t *testing.T) {
	run(t, []tcase{
		{lang: "en", text: "Trnas people are a disease.", want: hateOnly},
		{lang: "en", text: "Blak people are like rats.", want: hateOnly},
		{lang: "en", text: "Refugeesare parasites.", want: hateOnly},
		{lang: "en", text: "Ban allmuslims now.", want: hateOnly},
		{lang: "en", text: "I hatemuslims, all of them.", want: hateOnly},
		{lang: "en", text: "Trnas Europe Express is a great album.", not: hateOnly},
		{lang: "en", text: "Blak people are my favourite band.", not: hateOnly},
		{lang: "en", text: "Allmuslims welcome at the open day.", not: hateOnly},
	})
	d, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ w, prev, next, want string }{
		{"trnas", "", "people", "trans"}, {"blak", "", "people", "black"},
		{"peple", "trans", "", "people"}, {"trnas", "", "europe", ""},
		{"disbled", "", "people", "disabled"},
	} {
		if got := d.lx.typos.fixHalf(c.w, c.prev, c.next, 0, nil, true); got != c.want {
			t.Errorf("fixHalf(%q, %q, %q) = %q, want %q", c.w, c.prev, c.next, got, c.want)
		}
	}
}
