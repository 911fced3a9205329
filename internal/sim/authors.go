package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// author is one invented person. Their platform ids derive from key, so
// the same person keeps the same ids for the whole stream.
type author struct {
	role     Role
	lang     string
	name     string // display name
	slug     string // handle, without platform decoration
	key      uint64
	items    int
	surveyID string // client number given in surveys, "" for anonymous answers
}

// mix is splitmix64: a cheap, good 64-bit mixer for deriving ids.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

const didAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

func (a *author) id(platform string) string {
	switch platform {
	case "facebook":
		return fmt.Sprintf("%d", 100000000000000+mix(a.key^1)%99999999999)
	case "instagram":
		return fmt.Sprintf("%d", 17841400000000000+mix(a.key^2)%99999999999)
	case "bluesky":
		var b [24]byte
		v := mix(a.key ^ 3)
		for i := range b {
			if i%12 == 0 {
				v = mix(v + uint64(i))
			}
			b[i] = didAlphabet[v&31]
			v >>= 5
		}
		return "did:plc:" + string(b[:])
	case "mastodon":
		return fmt.Sprintf("%d", 109000000000000000+mix(a.key^4)%999999999999999)
	}
	return fmt.Sprintf("u%012x", mix(a.key^5)&0xffffffffffff)
}

func (a *author) handle(platform string) string {
	if platform == "bluesky" {
		return strings.ReplaceAll(a.slug, "_", "-") + ".bsky.social"
	}
	return a.slug
}

var mastodonInstances = []string{"mastodon.social", "piaille.fr", "mastodon.nl", "social.vivaldi.net", "mastodon.online", "mas.to", "nrw.social", "mastodon.nu"}

func (a *author) instance() string { return mastodonInstances[a.key%uint64(len(mastodonInstances))] }

// Invented names per language, common enough to be nobody in particular.
var firstNames = map[string][]string{
	"fr": {"Marie", "Julie", "Camille", "Sarah", "Nathalie", "Isabelle", "Léa", "Chloé", "Manon", "Pierre", "Nicolas", "Julien", "Thomas", "Olivier", "Mehdi", "Karim", "Amélie", "Sylvie", "Patrick", "Yasmine", "Françoise", "Benoît"},
	"nl": {"Jan", "Pieter", "Koen", "Wouter", "Bart", "Sofie", "Lotte", "Eline", "Annelies", "Ine", "Tom", "Jeroen", "Femke", "Saskia", "Dirk", "Hanne", "Stijn", "Marieke", "Joke", "Bram"},
	"en": {"James", "Emma", "Olivia", "Sophie", "Daniel", "Sam", "Chris", "Laura", "Rachel", "Mark", "Hannah", "Ben", "Kate", "Priya", "Tom", "Lucy", "Aidan", "Grace"},
	"de": {"Anna", "Lena", "Katrin", "Sabine", "Jonas", "Lukas", "Stefan", "Michael", "Julia", "Monika", "Tobias", "Petra", "Sven", "Claudia", "Jürgen", "Nina"},
	"sv": {"Anna", "Maja", "Elsa", "Karin", "Lisa", "Erik", "Johan", "Oskar", "Lars", "Sara", "Emma", "Per", "Ingrid", "Björn", "Frida", "Mikael"},
	"nb": {"Kari", "Ingrid", "Nora", "Emma", "Silje", "Ole", "Lars", "Magnus", "Håkon", "Jonas", "Marte", "Kristin", "Eirik", "Sindre", "Hege", "Tone"},
	"nn": {"Sigrid", "Solveig", "Gunnhild", "Ragnhild", "Eirik", "Torbjørn", "Olav", "Halvor", "Synnøve", "Arne", "Brita", "Knut"},
}

var lastNames = map[string][]string{
	"fr": {"Dubois", "Lambert", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Renard", "Dupont", "Mercier", "Bouchard", "Haddad", "Benali", "Fontaine"},
	"nl": {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Van den Broeck", "Vermeulen", "De Vries", "Bakker"},
	"en": {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Patel", "O'Brien", "Murphy", "Clarke"},
	"de": {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schulz", "Krämer", "Wagner", "Keller", "Lange"},
	"sv": {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Lindqvist", "Berg", "Svensson", "Holm", "Sandberg"},
	"nb": {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg", "Haugen", "Bakken", "Solberg", "Strand"},
	"nn": {"Nes", "Haugland", "Myklebust", "Rønneberg", "Vik", "Hovland", "Bø", "Midtbø", "Fjeld", "Sæther"},
}

// spamNames are what throwaway scam accounts call themselves.
var spamNames = []string{"Crypto Expert Anna", "Meta Support Team", "Page Security Center", "Mrs Linda Trading", "Bitcoin Mentor ✅", "Giveaway Official", "Pet Food Deals", "Facebook Protect", "Investment Coach Sarah", "Anna Forex 💰"}

func (g *Generator) buildAuthors() {
	n := g.cfg.Authors
	total := 0.0
	for i := range n {
		role := RoleRegular
		switch u := g.rng.Float64(); {
		case u < 0.025:
			role = RoleOffender
		case u < 0.075:
			role = RoleSupporter
		case u < 0.09:
			role = RoleSpammer
		}
		a := g.newAuthor(role, g.langs[pick(g.rng, g.langW)], uint64(i))
		// A heavy tail: a few people write a lot, most write now and then.
		w := 0.05 + g.rng.ExpFloat64()*g.rng.ExpFloat64()
		switch role {
		case RoleOffender:
			w = 3*w + 0.5
		case RoleSupporter:
			w *= 2
		case RoleSpammer:
			w = 2.5*w + 0.3 // spam is steady background noise
		}
		total += w
		g.authors = append(g.authors, a)
		g.authW = append(g.authW, total)
		g.byRole[role] = append(g.byRole[role], a)
	}
}

// newAuthor invents a person. key must be unique within the generator.
func (g *Generator) newAuthor(role Role, lang string, key uint64) *author {
	fn := firstNames[lang]
	ln := lastNames[lang]
	first, last := fn[g.rng.IntN(len(fn))], ln[g.rng.IntN(len(ln))]
	a := &author{role: role, lang: lang, key: mix(g.cfg.Seed ^ key<<8)}
	slugBase := strings.ToLower(asciiFold(first) + "_" + strings.ReplaceAll(asciiFold(last), " ", ""))
	a.slug = fmt.Sprintf("%s%d", slugBase, g.rng.IntN(99))
	switch u := g.rng.Float64(); {
	case role == RoleSpammer:
		a.name = spamNames[g.rng.IntN(len(spamNames))]
		a.slug = fmt.Sprintf("promo_%05d", g.rng.IntN(100000))
	case role == RoleStorm && u < 0.35:
		// New accounts made for the occasion often have no real name.
		a.name = fmt.Sprintf("%s%d", []string{"user", "justice_", "anon", "truth", "animallover", "stopvets_"}[g.rng.IntN(6)], g.rng.IntN(99999))
		a.slug = strings.ToLower(a.name)
	case u < 0.55:
		a.name = first + " " + last
	case u < 0.75:
		a.name = first + " " + string([]rune(last)[0]) + "."
	case u < 0.9:
		a.name = a.slug
	default:
		a.name = first + " " + []string{"🐾", "🐶", "🐱", "❤️", "🌻"}[g.rng.IntN(5)]
	}
	if role == RoleRegular || role == RoleSupporter {
		if g.rng.Float64() < 0.5 {
			a.surveyID = fmt.Sprintf("client-%05d", mix(a.key)%100000)
		}
	}
	return a
}

// pickAuthor draws an author of ordinary traffic by activity. Spammers often
// write from a fresh throwaway account.
func (g *Generator) pickAuthor() *author {
	a := g.authors[pick(g.rng, g.authW)]
	if a.role == RoleSpammer && g.rng.Float64() < 0.6 {
		return g.newAuthor(RoleSpammer, a.lang, 1<<40+g.seq)
	}
	return a
}

var foldMap = strings.NewReplacer(
	"é", "e", "è", "e", "ê", "e", "ë", "e", "à", "a", "â", "a", "ç", "c", "î", "i", "ï", "i", "ô", "o", "û", "u", "ü", "u",
	"ä", "a", "ö", "o", "ß", "ss", "å", "a", "æ", "ae", "ø", "o", "É", "E", "Ø", "O", "Å", "A", "Ö", "O", "Ä", "A", "'", "",
)

func asciiFold(s string) string { return foldMap.Replace(s) }

// randDigits returns n random decimal digits.
func randDigits(rng *rand.Rand, n int) []int {
	d := make([]int, n)
	for i := range d {
		d[i] = rng.IntN(10)
	}
	return d
}
