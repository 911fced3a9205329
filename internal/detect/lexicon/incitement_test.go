package lexicon

import "testing"

// The threat grammar's incitement path (threatgrammar.go, harm entries
// flagged c): an imperative or a first-person present harm verb opening
// its clause is its own agent. The sentences are written apart from the
// tuning file; the look-alikes use the same verbs on things without an
// owner, in idioms, on pests, negated, quoted, asked, or with the
// would-be target in another clause.

// TestIncImperativeCalls: calls on others and bare present threats, in
// every language, with an opener ("come on", "allez", "kom igen"), a
// vocative before a comma, or nothing before the verb.
func TestIncImperativeCalls(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "burn their office down", true},
		{"en", "someone go smash his windows", true},
		{"en", "Karim, kill that receptionist", true},
		{"en", "come on, stab the vet tonight", true},
		{"en", "let's torch the shelter", true},
		{"fr", "brûlez leur mairie", true},
		{"fr", "cassez-lui la gueule", true},
		{"fr", "je brûle votre mairie", true},
		{"fr", "allez, tabassez ce véto", true},
		{"fr", "je te bute demain", true},
		{"nl", "steek die kliniek in de fik", true},
		{"nl", "sla die dierenarts in elkaar", true},
		{"nl", "ik steek je neer", true},
		{"nl", "gooi zijn ramen in", true},
		{"de", "hau dem Tierarzt in die Fresse", true},
		{"de", "ich stech dich ab", true},
		{"de", "fackelt ihre Praxis ab", true},
		{"de", "los, erschießt den Typ", true},
		{"de", "brich ihm die Beine", true},
		{"sv", "slå ned veterinären", true},
		{"sv", "kom igen, bränn ner deras kontor", true},
		{"sv", "jag knivhugger dig", true},
		{"sv", "krossa bilen hans", true},
		{"nb", "knus trynet hans", true},
		{"nb", "sett fyr på rådhuset", true},
		{"nb", "jeg dreper deg", true},
		{"nb", "knus vinduene hennes", true},
	})
}

// TestIncLookalikes: the same verbs where no one is called on to harm a
// person or someone's own.
func TestIncLookalikes(t *testing.T) {
	runTG(t, []tgCase{
		// a thing without an owner, or cooking
		{"en", "burn the leaves behind the barn", false},
		{"en", "smash the garlic with a knife", false},
		{"fr", "cassez les œufs dans un bol", false},
		{"fr", "brûlez les feuilles mortes", false},
		{"nl", "steek de kaarsen aan", false},
		{"de", "hau rein, das Essen ist fertig", false},
		{"de", "schlag die Eier schaumig", false},
		{"sv", "krossa vitlöken", false},
		{"nb", "knus hvitløken", false},
		// idioms
		{"en", "kill the lights when you leave", false},
		{"en", "break a leg tomorrow", false},
		{"fr", "je tue le temps en salle d'attente", false},
		{"nl", "schiet op, we sluiten", false},
		{"de", "mach dich fertig, wir gehen", false},
		{"sv", "skjut upp mötet", false},
		{"nb", "bank på døren", false},
		// pests and animals
		{"en", "kill the fleas on his dog", false},
		{"fr", "tuez les puces de son chien", false},
		{"sv", "döda råttorna i ladan", false},
		// negated
		{"en", "don't kill him, he's a puppy", false},
		{"fr", "ne le frappe pas", false},
		{"de", "schlag ihn nicht, er ist ein Welpe", false},
		{"sv", "slå honom inte", false},
		{"nb", "ikke slå ham", false},
		{"nl", "sla hem niet", false},
		// quoted or reported
		{"en", "he shouted \"burn their office down\" and got arrested", false},
		{"fr", "il criait « brûlez la mairie », la police l'a arrêté", false},
		// asked
		{"en", "burn their old files?", false},
		{"nb", "skal vi brenne de gamle papirene deres?", false},
		// the would-be target in another clause
		{"de", "stech die Kartoffeln ab, ob sie gar sind", false},
		{"en", "come on, torch the bonfire, nobody will know", false},
		// the reader called on to harm himself: self-harm incitement,
		// harassment elsewhere, not a threat
		{"en", "kill ur self", false},
		{"de", "bring dich um", false},
		// not at the start of a clause
		{"fr", "la maison de sa mère brûle", false},
		{"en", "we watched them kill him in the film", false},
	})
}

// TestIncOpenersOnlyLead: an opener (agent flagged c) is no agent of its
// own: "now" or "go" before an infinitive harm makes no threat.
func TestIncOpenersOnlyLead(t *testing.T) {
	runTG(t, []tgCase{
		{"en", "the vet told me now to kill the pain with ice", false},
		{"fr", "va tuer le temps ailleurs", false},
		{"sv", "gå och döda tiden någon annanstans", false},
	})
}
