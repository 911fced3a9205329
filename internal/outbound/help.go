package outbound

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stormwatch/stormwatch/internal/detect"
	"github.com/stormwatch/stormwatch/internal/ingest"
	"github.com/stormwatch/stormwatch/internal/store"
)

// Help requests in direct messages (seed 004): social media are not a
// confidential way to talk, so a person asking for help there is pointed
// to the organization's confidential channels (a phone line, a secure
// form) with an approved reply, and staff are warned not to provide the
// service in the conversation itself.

// helpPhrases are per-language ways of asking for help, folded (lower
// case, no accents; an apostrophe or hyphen splits words). They are
// matched word for word: few and explicit, because a false alarm costs a
// moderator a glance while a miss costs nothing worse than today.
var helpPhrases = map[string][]string{
	"en": {"can you help me", "could you help me", "please help", "help me", "i need help", "i need somewhere safe", "somewhere safe to stay", "i am in danger", "i m in danger", "i am not safe", "i m not safe", "not safe at home"},
	"fr": {"pouvez vous m aider", "vous pouvez m aider", "aidez moi", "j ai besoin d aide", "besoin d aide", "je suis en danger", "un endroit sur", "au secours", "je ne suis pas en securite"},
	"nl": {"kunnen jullie me helpen", "kunt u me helpen", "help me", "ik heb hulp nodig", "hulp nodig", "ik ben in gevaar", "een veilige plek", "ik ben niet veilig"},
	"sv": {"kan ni hjalpa mig", "hjalp mig", "jag behover hjalp", "behover hjalp", "jag ar i fara", "en saker plats", "jag ar inte saker"},
	"nb": {"kan dere hjelpe meg", "hjelp meg", "jeg trenger hjelp", "trenger hjelp", "jeg er i fare", "et trygt sted", "jeg er ikke trygg"},
	"de": {"konnen sie mir helfen", "konnt ihr mir helfen", "helfen sie mir", "ich brauche hilfe", "brauche hilfe", "ich bin in gefahr", "einen sicheren ort", "ich bin nicht sicher"},
}

type helpPhrase struct {
	lang  string
	words []string
}

var helpList = func() []helpPhrase {
	var out []helpPhrase
	for _, lang := range []string{"en", "fr", "nl", "sv", "nb", "de"} {
		for _, p := range helpPhrases[lang] {
			out = append(out, helpPhrase{lang, foldPhrase(p)})
		}
	}
	return out
}()

// HelpMatch is where a text asks for help, and in which language.
type HelpMatch struct {
	Span   detect.Span
	Lang   string
	Phrase string // as written
}

// FindHelpRequest finds the first way of asking for help in text.
func FindHelpRequest(text string) (HelpMatch, bool) {
	ts := tokens(text)
	best := HelpMatch{Span: detect.Span{-1, -1}}
	for _, p := range helpList {
		for _, m := range findExact(ts, p.words) {
			if best.Span[0] < 0 || m.start < best.Span[0] || m.start == best.Span[0] && m.end > best.Span[1] {
				best = HelpMatch{Span: detect.Span{m.start, m.end}, Lang: p.lang, Phrase: text[m.start:m.end]}
			}
			break
		}
	}
	return best, best.Span[0] >= 0
}

// HelpRequest reports whether an item is a direct message asking for
// help. Only direct messages: a public comment asking for help is seen in
// the queue like any other, and answering it in public is the reply rules'
// business.
func HelpRequest(it ingest.Item) (HelpMatch, bool) {
	if it.Kind != ingest.KindMessage {
		return HelpMatch{}, false
	}
	return FindHelpRequest(it.Text)
}

// HelpTemplateGroup is the group of the starter templates answering a
// help request in a direct message.
const HelpTemplateGroup = "help_dm"

var helpNames = map[string]string{
	"en": "Help request (DM): confidential channels", "fr": "Demande d'aide (message privé) : canaux confidentiels",
	"nl": "Hulpvraag (privébericht): vertrouwelijke kanalen", "sv": "Hjälpbehov (DM): konfidentiella kanaler",
	"nb": "Hjelpebehov (DM): fortrolige kanaler", "de": "Hilfeanfrage (Direktnachricht): vertrauliche Kanäle",
}

var helpBodies = map[string]string{
	"en": "Hello {{author}}, thank you for reaching out. Messages here are not a safe or confidential way to talk, so we cannot help you through them. Please contact us in confidence on {{phone}} or through our secure form: {{contact_url}}. If you are in immediate danger, call the emergency number.",
	"fr": "Bonjour {{author}}, merci de nous avoir écrit. Les messages ici ne sont ni sûrs ni confidentiels, nous ne pouvons donc pas vous aider par ce moyen. Joignez-nous en toute confidentialité au {{phone}} ou par notre formulaire sécurisé : {{contact_url}}. En cas de danger immédiat, appelez les secours.",
	"nl": "Hallo {{author}}, dank u voor uw bericht. Berichten hier zijn niet veilig of vertrouwelijk, daarom kunnen we u hier niet helpen. Neem vertrouwelijk contact met ons op via {{phone}} of ons beveiligde formulier: {{contact_url}}. Bent u in direct gevaar, bel dan het alarmnummer.",
	"sv": "Hej {{author}}, tack för att du hör av dig. Meddelanden här är varken säkra eller konfidentiella, så vi kan inte hjälpa dig den här vägen. Kontakta oss i förtroende på {{phone}} eller via vårt säkra formulär: {{contact_url}}. Är du i akut fara, ring larmnumret.",
	"nb": "Hei {{author}}, takk for at du tar kontakt. Meldinger her er verken trygge eller fortrolige, så vi kan ikke hjelpe deg på denne måten. Kontakt oss fortrolig på {{phone}} eller via det sikre skjemaet vårt: {{contact_url}}. Er du i akutt fare, ring nødnummeret.",
	"de": "Hallo {{author}}, danke, dass Sie sich melden. Nachrichten hier sind weder sicher noch vertraulich, deshalb können wir Ihnen auf diesem Weg nicht helfen. Erreichen Sie uns vertraulich unter {{phone}} oder über unser sicheres Formular: {{contact_url}}. Wenn Sie in akuter Gefahr sind, rufen Sie den Notruf.",
}

// HelpTemplates are the starter templates for help requests in direct
// messages, in six languages, approved by "system" like the replies
// starter library; ids are "help_dm.<lang>".
func HelpTemplates(workspace string) []store.Template {
	var out []store.Template
	for _, lang := range []string{"fr", "nl", "sv", "nb", "en", "de"} {
		out = append(out, store.Template{Workspace: workspace, ID: HelpTemplateGroup + "." + lang, Group: HelpTemplateGroup, Lang: lang,
			Name: helpNames[lang], Tone: "compassionate", Situations: []string{"help_request"}, Body: helpBodies[lang], Status: store.TemplateApproved})
	}
	return out
}

// TemplateCreator is the part of the replies store that adds templates.
type TemplateCreator interface {
	CreateTemplate(ctx context.Context, t store.Template, actor string) (store.Template, error)
}

// SeedHelpTemplates adds the help templates a workspace does not have yet
// (through the replies store contract, as replies.SeedStarterLibrary
// does) and returns how many it added.
func SeedHelpTemplates(ctx context.Context, st TemplateCreator, workspace string, now time.Time) (int, error) {
	n := 0
	for _, t := range HelpTemplates(workspace) {
		t.CreatedAt = now
		_, err := st.CreateTemplate(ctx, t, "system")
		if errors.Is(err, store.ErrConflict) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("seed help templates: %w", err)
		}
		n++
	}
	return n, nil
}
