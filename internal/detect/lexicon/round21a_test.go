package lexicon

import "testing"

// Round 21 a (testdata/round21-r21a.jsonl): French and German families from
// the hard cases of fresh29 that the lexicons missed: sexual remarks at
// staff without explicit words, harassment campaigns, veiled threats, insults
// without swear words and hate without slurs. Each case pairs the harmful
// construction with look-alikes that use the same words harmlessly.

// TestR21aSexual: an intimate care wished for, an intimate question, a body
// shown off, a bed offered; a spa massage, a car's colour and a puppy's
// night are kept.
func TestR21aSexual(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "je me laisserais bien ausculter par elle 😏", true},
		{"fr", "Sara c'est quelle couleur ton string aujourd'hui", true},
		{"fr", "le chiot dort avec ou sans sa peluche ? il pleure", false},
		{"fr", "Anna tu dors avec ou sans rien ?", true},
		{"fr", "mais sans le haut cette fois, ma belle", true},
		{"fr", "je te ferais bien un bébé Sanne", true},
		{"de", "von ihr würd ich mich sofort massieren lassen", true},
		{"de", "welche Farbe hat deine Unterwäsche, Sara", true},
		{"de", "Ingrid, mein Bett ist groß genug für uns beide", true},
		{"de", "Dr Hansen, Lust auf eine private Sprechstunde bei mir?", true},
		{"fr", "quelle couleur ta voiture neuve ?", false},
		{"fr", "je me ferais bien masser au spa samedi", false},
		{"de", "welche Farbe hat deine neue Jacke", false},
		{"de", "der Hund schläft eigentlich allein im Körbchen", false},
	})
}

// TestR21aHarassment: a crowd sent to a staff member's account, mass
// reports, a daily series, employer and family written to; a complaint to
// the employer and reports of hateful posts are kept.
func TestR21aHarassment(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "voilà son profil perso, faites-vous plaisir", true},
		{"fr", "j'ai retrouvé son ancien employeur et je vais tout lui raconter", true},
		{"fr", "chaque jour je posterai une photo de Karim ici", true},
		{"de", "Ich hab nen Blog eingerichtet, nur über Sophie", false},
		{"de", "ich hab genug Accounts, sperr mich ruhig", true},
		{"de", "Hab ihrem Chef, ihrer Familie und ihren Nachbarn alles über Ingrid erzählt", true},
		{"fr", "signalez tous les posts haineux, merci", false},
		{"fr", "j'ai contacté le service client pour la facture", false},
		{"de", "Ich habe ihrem Chef eine Beschwerde geschrieben", false},
	})
}

// TestR21aThreat: a calm that will not last, a place that will blow up, the
// animal's fate turned on the vet, "you'll regret being born", a beating,
// pain shown; a lawyer's letter, last holidays and a costly visit are kept.
func TestR21aThreat(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "t'as de la chance que je sois de bonne humeur", true},
		{"fr", "la vitrine de la clinique va sauter un de ces jours", true},
		{"fr", "c'est toi qu'on piquera la prochaine fois", true},
		{"fr", "je vais lui faire regretter d'être né", true},
		{"de", "Der kriegt ne Abreibung, wenn ich ihn sehe", true},
		{"de", "jemand sollte ihm mal zeigen, wie sich Schmerzen anfühlen", true},
		{"de", "dann wird's laut und blutig", true},
		{"fr", "vous aurez de mes nouvelles par mon avocat", false},
		{"fr", "profitez bien de vos vacances, ce sera peut-être les dernières avant la retraite", false},
		{"de", "Schade, dass der Besuch so teuer war", false},
		{"de", "Ich hoffe, ihr habt gute Laune heute", false},
	})
}

// TestR21aInsultAndHate: a wish to rot, "not worth the air", a woman "made
// for", a group carrying disease, a religion called a disease, a wheelchair
// user sent home; ticks carrying disease, snails called vermin and a new
// lift praised are kept.
func TestR21aInsultAndHate(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"fr", "j'espère que tu pourriras dans ton cabinet", true},
		{"fr", "vous ne méritez pas l'air que vous respirez", true},
		{"fr", "la femme est faite pour obéir, point", true},
		{"fr", "les roms ramènent des maladies partout", true},
		{"de", "Ich hoffe, Sie verrotten da", true},
		{"de", "Der Islam ist keine Religion, sondern eine Seuche", true},
		{"de", "wer im Rollstuhl sitzt, soll halt zuhause bleiben", true},
		{"fr", "les tiques transmettent des maladies au chien", false},
		{"de", "Die Schnecken im Beet sind wie Ungeziefer", false},
		{"de", "wer im Rollstuhl sitzt, kommt jetzt ins Rathaus, danke", false},
		{"de", "die Tomaten verrotten im Beet, hoffe ich nicht", false},
	})
}
