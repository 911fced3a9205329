package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// TestNsNegationScope pins the scope of negation (negscope.go): a negation
// excuses an abusive word only when it negates the predicate or noun phrase
// the word belongs to, or the verb of the abuse itself, in every language;
// not when it belongs to another clause or verb, nor when it is an answer
// particle.
func TestNsNegationScope(t *testing.T) {
	ins, hate, thr := []detect.Category{detect.Insult}, []detect.Category{detect.Hate}, []detect.Category{detect.Threat}
	run(t, []tcase{
		// Kept: the negation negates the insult's own predicate.
		{lang: "en", text: "you are not an idiot", not: ins},
		{lang: "en", text: "You're no idiot", not: ins},
		{lang: "en", text: "I don't think you're an idiot", not: ins},
		{lang: "en", text: "I don't hate women", not: hate},
		{lang: "en", text: "No one should ever say women belong in the kitchen.", not: hate},
		{lang: "fr", text: "T'es pas un crétin", not: ins},
		{lang: "fr", text: "Vous n'êtes pas des idiots", not: ins},
		{lang: "fr", text: "Non, les femmes ne sont pas faites pour rester à la cuisine.", not: hate},
		{lang: "nl", text: "Je bent geen idioot", not: ins},
		{lang: "de", text: "Du bist kein Idiot", not: ins},
		{lang: "de", text: "Ich habe nie gesagt, dass du ein Idiot bist", not: ins},
		{lang: "sv", text: "Du är ingen idiot", not: ins},
		{lang: "sv", text: "Ingen människa är ohyra, inte flyktingar heller.", not: hate},
		{lang: "sv", text: "Det är inte sant att muslimer är farliga.", not: hate},
		{lang: "nb", text: "Du er ikke en idiot", not: ins},
		{lang: "nb", text: "Jeg ville aldri sagt at kvinner hører hjemme på kjøkkenet.", not: hate},
		{lang: "nn", text: "Du er ikkje ein idiot", not: ins},
		// Kept: the negation follows the verb of the abuse (V2, "pas").
		{lang: "sv", text: "Jag hatar inte kvinnor.", not: hate},
		{lang: "sv", text: "Jag dödar dig inte", not: thr},
		{lang: "nb", text: "Jeg hater ikke svarte.", not: hate},
		{lang: "nl", text: "Ik haat Roma niet.", not: hate},
		{lang: "de", text: "Ich hasse Frauen nicht.", not: hate},
		{lang: "fr", text: "je te tuerai pas", not: thr},
		// Removed: the negation negates another verb; the insult is its
		// object or a vocative.
		{lang: "en", text: "don't fail bitch", want: ins},
		{lang: "en", text: "I didn't ask you bitch", want: ins},
		// Another clause.
		{lang: "en", text: "you didn't even pass ESL yet you bitch lmao", want: ins},
		{lang: "fr", text: "j'ai pas dit ça mais toi t'es un connard", want: ins},
		{lang: "de", text: "Ich war nicht da und du bist ein Idiot", want: ins},
		{lang: "sv", text: "Jag var inte där och du är en idiot", want: ins},
		{lang: "nb", text: "Jeg var ikke der og du er en idiot", want: ins},
		{lang: "nl", text: "Ik was er niet maar jij bent een idioot", want: ins},
		// Answer particles: "no" is no determiner there.
		{lang: "en", text: "no bitch w my dick", want: ins},
		{lang: "en", text: "no you idiot", want: ins},
		{lang: "de", text: "Nein du Idiot", want: ins},
		{lang: "sv", text: "Nej din idiot", want: ins},
		{lang: "nl", text: "Nee jij idioot", want: ins},
		// A negation after a phrase about others keeps its own scope.
		{lang: "sv", text: "Invandrare är ohyra inte människor", want: hate},
		{lang: "de", text: "Migranten sind Ungeziefer nicht Menschen", want: hate},
		{lang: "sv", text: "inte ett dugg dum fråga, bra att du ställde den", not: []detect.Category{detect.Insult}},
		// Kept: a request to stop the abuse.
		{lang: "sv", text: "kan du inte sluta skicka nakenbilder till mig?", not: []detect.Category{detect.Sexual}},
		// Kept: a degree negation still negates its predicate.
		{lang: "en", text: "you are not even an idiot", not: ins},
		{lang: "fr", text: "t'es pas du tout un con", not: ins},
	})
}
