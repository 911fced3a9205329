package replies

import "github.com/stormwatch/stormwatch/internal/store"

// Tones a template may have.
var Tones = []string{"compassionate", "informative", "firm", "apologetic"}

// Situations a template may be tagged with. help_request is seed 004's
// rule: never provide a service in public, point to a confidential channel.
var Situations = []string{"complaint", "question", "death", "harassment", "help_request", "delay", "praise"}

// Languages replies are written in.
var Languages = []string{"fr", "nl", "sv", "nb", "nn", "en", "de"}

type starter struct {
	group, tone string
	situations  []string
	names       map[string]string
	bodies      map[string]string
}

// starters is the demo library (a veterinary clinic), written for
// Stormwatch. Each reply acknowledges the feeling, moves the conversation
// to a private channel, does not defend, and admits no fault: being sorry
// that someone feels hurt is not saying the care was wrong.
var starters = []starter{
	{
		group: "complaint_ack", tone: "compassionate", situations: []string{"complaint"},
		names: map[string]string{"fr": "Plainte : accuser réception", "en": "Complaint: acknowledge", "nl": "Klacht: erkennen", "sv": "Klagomål: bekräfta", "nb": "Klage: anerkjenne", "de": "Beschwerde: anerkennen"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, merci de nous avoir écrit. Nous entendons votre mécontentement et nous sommes désolés que votre expérience vous ait laissé ce sentiment. Parlons-en directement : appelez-nous au {{phone}} ou écrivez-nous via {{contact_url}}.",
			"en": "Hello {{author}}, thank you for writing to us. We hear how unhappy you are, and we are sorry your visit left you feeling this way. We would like to talk with you directly: could you call us on {{phone}} or write to us at {{contact_url}}?",
			"nl": "Hallo {{author}}, dank u voor uw bericht. We horen hoe ontevreden u bent en het spijt ons dat uw bezoek dit gevoel heeft achtergelaten. We praten hier graag persoonlijk met u over: wilt u ons bellen op {{phone}} of schrijven via {{contact_url}}?",
			"sv": "Hej {{author}}, tack för att du skriver till oss. Vi förstår att du är missnöjd och det gör oss ledsna att besöket lämnade dig med den känslan. Vi vill gärna prata med dig direkt: ring oss på {{phone}} eller skriv till oss via {{contact_url}}.",
			"nb": "Hei {{author}}, takk for at du skriver til oss. Vi forstår at du er misfornøyd, og vi er lei oss for at besøket ga deg den følelsen. Vi vil gjerne snakke med deg direkte: ring oss på {{phone}} eller skriv til oss via {{contact_url}}.",
			"de": "Hallo {{author}}, danke, dass Sie uns schreiben. Wir hören, wie unzufrieden Sie sind, und es tut uns leid, dass Ihr Besuch dieses Gefühl hinterlassen hat. Wir sprechen gern direkt mit Ihnen: Rufen Sie uns unter {{phone}} an oder schreiben Sie uns über {{contact_url}}.",
		},
	},
	{
		group: "condolences", tone: "compassionate", situations: []string{"death"},
		names: map[string]string{"fr": "Décès : condoléances", "en": "Death: condolences", "nl": "Overlijden: medeleven", "sv": "Dödsfall: beklagande", "nb": "Dødsfall: kondolanse", "de": "Todesfall: Anteilnahme"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, toute l'équipe de {{organization}} partage votre peine. Perdre un compagnon est une épreuve immense. Si vous souhaitez parler de ce qui s'est passé, nous sommes là pour vous, au {{phone}}.",
			"en": "Hello {{author}}, everyone at {{organization}} is thinking of you. Losing a companion is so hard. If you would like to talk about what happened, we are here for you on {{phone}}.",
			"nl": "Hallo {{author}}, het hele team van {{organization}} leeft met u mee. Een trouwe metgezel verliezen is ontzettend zwaar. Wilt u praten over wat er gebeurd is, dan zijn we er voor u op {{phone}}.",
			"sv": "Hej {{author}}, alla vi på {{organization}} tänker på dig. Att förlora en kär vän är oerhört tungt. Om du vill prata om det som hände finns vi här för dig på {{phone}}.",
			"nb": "Hei {{author}}, alle oss på {{organization}} tenker på deg. Å miste en kjær venn er utrolig tungt. Hvis du vil snakke om det som skjedde, er vi her for deg på {{phone}}.",
			"de": "Hallo {{author}}, das ganze Team von {{organization}} fühlt mit Ihnen. Einen treuen Begleiter zu verlieren ist unendlich schwer. Wenn Sie über das Geschehene sprechen möchten, sind wir unter {{phone}} für Sie da.",
		},
	},
	{
		group: "question_private", tone: "informative", situations: []string{"question"},
		names: map[string]string{"fr": "Question : passer en privé", "en": "Question: take it private", "nl": "Vraag: privé verder", "sv": "Fråga: ta det privat", "nb": "Spørsmål: ta det privat", "de": "Frage: privat weiter"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, merci pour votre question. Pour vous répondre correctement, nous avons besoin du dossier de votre animal : appelez-nous au {{phone}} ou écrivez-nous via {{contact_url}}, nous vous répondrons volontiers.",
			"en": "Hello {{author}}, thank you for your question. To answer it properly we need your animal's records: please call us on {{phone}} or write to us at {{contact_url}} and we will gladly help.",
			"nl": "Hallo {{author}}, dank u voor uw vraag. Om die goed te beantwoorden hebben we het dossier van uw dier nodig: belt u ons op {{phone}} of schrijft u ons via {{contact_url}}? We helpen u graag.",
			"sv": "Hej {{author}}, tack för din fråga. För att svara rätt behöver vi titta i ditt djurs journal: ring oss på {{phone}} eller skriv via {{contact_url}}, så hjälper vi dig gärna.",
			"nb": "Hei {{author}}, takk for spørsmålet. For å svare riktig trenger vi å se i journalen til dyret ditt: ring oss på {{phone}} eller skriv via {{contact_url}}, så hjelper vi deg gjerne.",
			"de": "Hallo {{author}}, danke für Ihre Frage. Um sie richtig zu beantworten, brauchen wir die Akte Ihres Tieres: Rufen Sie uns unter {{phone}} an oder schreiben Sie uns über {{contact_url}}, wir helfen gern.",
		},
	},
	{
		group: "help_private", tone: "informative", situations: []string{"help_request"},
		names: map[string]string{"fr": "Demande d'aide : canal confidentiel", "en": "Help request: confidential channel", "nl": "Hulpvraag: vertrouwelijk kanaal", "sv": "Hjälpbehov: konfidentiell kanal", "nb": "Hjelpebehov: fortrolig kanal", "de": "Hilfeanfrage: vertraulicher Kanal"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, merci de votre confiance. Pour protéger votre vie privée, nous ne traitons pas les situations personnelles ici. Contactez-nous en toute confidentialité au {{phone}} ou via {{contact_url}}.",
			"en": "Hello {{author}}, thank you for trusting us. To protect your privacy we do not discuss personal situations here. Please reach us in confidence on {{phone}} or at {{contact_url}}.",
			"nl": "Hallo {{author}}, dank u voor uw vertrouwen. Om uw privacy te beschermen bespreken we persoonlijke situaties niet hier. U kunt ons vertrouwelijk bereiken op {{phone}} of via {{contact_url}}.",
			"sv": "Hej {{author}}, tack för att du vänder dig till oss. För att skydda din integritet tar vi inte upp personliga frågor här. Du når oss i förtroende på {{phone}} eller via {{contact_url}}.",
			"nb": "Hei {{author}}, takk for at du tar kontakt. For å beskytte personvernet ditt tar vi ikke opp personlige forhold her. Du når oss fortrolig på {{phone}} eller via {{contact_url}}.",
			"de": "Hallo {{author}}, danke für Ihr Vertrauen. Zum Schutz Ihrer Privatsphäre besprechen wir persönliche Anliegen nicht hier. Sie erreichen uns vertraulich unter {{phone}} oder über {{contact_url}}.",
		},
	},
	{
		group: "harassment_rule", tone: "firm", situations: []string{"harassment"},
		names: map[string]string{"fr": "Harcèlement : message masqué, règle citée", "en": "Harassment: hidden, rule cited", "nl": "Intimidatie: verborgen, regel genoemd", "sv": "Trakasserier: dolt, regel angiven", "nb": "Trakassering: skjult, regel oppgitt", "de": "Belästigung: ausgeblendet, Regel genannt"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, les critiques ont leur place ici, mais nous avons masqué ce message : {{rule_text}} Si vous souhaitez parler de votre expérience, nous restons disponibles via {{contact_url}}.",
			"en": "Hello {{author}}, there is room for criticism here, but we have hidden this message: {{rule_text}} If you would like to talk about your experience, you can reach us at {{contact_url}}.",
			"nl": "Hallo {{author}}, kritiek is hier welkom, maar dit bericht hebben we verborgen: {{rule_text}} Wilt u over uw ervaring praten, dan kunt u ons bereiken via {{contact_url}}.",
			"sv": "Hej {{author}}, kritik är välkommen här, men det här inlägget har vi dolt: {{rule_text}} Vill du prata om din upplevelse når du oss via {{contact_url}}.",
			"nb": "Hei {{author}}, kritikk er velkommen her, men denne meldingen har vi skjult: {{rule_text}} Vil du snakke om opplevelsen din, når du oss via {{contact_url}}.",
			"de": "Hallo {{author}}, Kritik hat hier Platz, aber diesen Beitrag haben wir ausgeblendet: {{rule_text}} Wenn Sie über Ihre Erfahrung sprechen möchten, erreichen Sie uns über {{contact_url}}.",
		},
	},
	{
		group: "sorry_wait", tone: "apologetic", situations: []string{"complaint", "delay"},
		names: map[string]string{"fr": "Attente : s'excuser du délai", "en": "Waiting: sorry for the delay", "nl": "Wachten: excuses voor de vertraging", "sv": "Väntan: ursäkt för dröjsmålet", "nb": "Venting: beklager ventetiden", "de": "Wartezeit: Entschuldigung"},
		bodies: map[string]string{
			"fr": "Bonjour {{author}}, nous sommes désolés de vous avoir fait attendre une réponse. Merci de votre patience ; vous pouvez joindre l'équipe directement au {{phone}}.",
			"en": "Hello {{author}}, we are sorry you had to wait for an answer from us. Thank you for your patience; you can reach the team directly on {{phone}}.",
			"nl": "Hallo {{author}}, het spijt ons dat u op een antwoord heeft moeten wachten. Dank voor uw geduld; u kunt het team rechtstreeks bereiken op {{phone}}.",
			"sv": "Hej {{author}}, vi ber om ursäkt för att du har fått vänta på svar. Tack för ditt tålamod; du når teamet direkt på {{phone}}.",
			"nb": "Hei {{author}}, beklager at du har måttet vente på svar fra oss. Takk for tålmodigheten; du når teamet direkte på {{phone}}.",
			"de": "Hallo {{author}}, es tut uns leid, dass Sie auf eine Antwort warten mussten. Danke für Ihre Geduld; Sie erreichen das Team direkt unter {{phone}}.",
		},
	},
}

// StarterLibrary returns the demo library for a workspace: six replies in
// six languages (fr, nl, sv, nb, en, de), approved by "system" so that a
// new clinic can answer from its first day. Template ids are
// "<group>.<lang>".
func StarterLibrary(workspace string) []store.Template {
	var out []store.Template
	for _, s := range starters {
		for _, lang := range []string{"fr", "nl", "sv", "nb", "en", "de"} {
			out = append(out, store.Template{
				Workspace: workspace, ID: s.group + "." + lang, Group: s.group, Lang: lang,
				Name: s.names[lang], Tone: s.tone, Situations: append([]string(nil), s.situations...),
				Body: s.bodies[lang], Status: store.TemplateApproved,
			})
		}
	}
	return out
}
