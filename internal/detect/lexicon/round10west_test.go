package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// Round 10 (west): threats and hate in grammatical forms the earlier rounds
// did not spell out, in sentences written apart from
// probes/round10-west.jsonl, so that its entries are checked on the
// families, not on the probe lines. runR7 and staff7 come from
// round7_test.go.

// TestR10westThreatForms: a wish to do it, a passive future, "your own
// mother won't recognise you", "don't be surprised when someone …", "people
// like you don't grow old", "you don't know what I'm capable of", a home
// "so easy to find", a weapon waiting, "first my dog, now you"; the
// look-alikes say the same words of a pet, a queue, a holiday or a puppy's
// crate.
func TestR10westThreatForms(t *testing.T) {
	thr := detect.Threat
	runR7(t, []r7case{
		{"en", "i could happily wring that manager's neck after today", thr, true},
		{"en", "wring out the towel before you put it on the radiator", thr, false},
		{"en", "you will be hunted down, every one of you", thr, true},
		{"en", "you will be contacted by the front desk within two days", thr, false},
		{"en", "after my horse, you're next. count on it", thr, true},
		{"en", "you're next after the man with the parrot, take a seat", thr, false},
		{"en", "don't be surprised if somebody is waiting for you by your car tonight", thr, true},
		{"en", "don't be surprised if your kitten sneezes for a day after the vaccine", thr, false},
		{"en", "folks like you never grow old round here", thr, true},
		{"en", "our hamster didn't live long but he was loved", thr, false},
		{"en", "you do not know what i am capable of", thr, true},
		{"en", "you have no idea what this puppy is capable of, the sofa is gone", thr, false},
		{"en", "your own mum won't recognise you after this", thr, true},
		{"en", "my own mum wouldn't recognise the cat after the shave", thr, false},
		{"en", "dead easy to work out where that councillor lives", thr, true},
		{"en", "dead easy to find the surgery, right by the station", thr, false},
		{"en", "there's a crowbar in my van with your name on it", thr, true},
		{"en", "there's a blanket in my van for the new puppy", thr, false},
		{"en", "get her alone in the car park and she'll learn", thr, true},
		{"en", "can you see her alone in the consult room, she is nervous", thr, false},
		{"fr", "j'aimerais bien lui tordre le cou à celle-là", thr, true},
		{"fr", "cet article tord le cou aux idées reçues sur les chats", thr, false},
		{"fr", "tu seras retrouvé, où que tu ailles", thr, true},
		{"fr", "vous serez recontactés par le secrétariat demain", thr, false},
		{"fr", "faudra pas t'étonner si quelqu'un t'attend devant chez toi", thr, true},
		{"fr", "faudra pas t'étonner si ton chiot dort beaucoup après le vaccin", thr, false},
		{"fr", "tu sais pas de quoi je suis capable", thr, true},
		{"fr", "ta mère te reconnaîtra plus quand j'aurai fini", thr, true},
		{"fr", "les types comme toi font jamais de vieux os", thr, true},
		{"fr", "ce vieux hamster n'a pas fait de vieux os, merci quand même", thr, false},
		{"nl", "je hebt geen idee waartoe ik in staat ben", thr, true},
		{"nl", "je hebt geen idee waartoe deze pup in staat is", thr, false},
		{"nl", "jullie worden opgespoord, allemaal", thr, true},
		{"nl", "u wordt gebeld door de assistente", thr, false},
		{"nl", "types als jij worden niet oud", thr, true},
		{"nl", "wees niet verbaasd als er iemand bij je voordeur staat vannacht", thr, true},
		{"nl", "wees niet verbaasd als je kat na de operatie veel slaapt", thr, false},
		{"de", "du ahnst nicht wozu ich fähig bin", thr, true},
		{"de", "du ahnst nicht wozu dieser welpe fähig ist", thr, false},
		{"de", "ihr werdet aufgespürt, jeder einzelne", thr, true},
		{"de", "sie werden von der praxis angerufen", thr, false},
		{"de", "typen wie du werden hier nicht alt", thr, true},
		{"de", "wundere dich nicht wenn jemand vor deiner tür steht", thr, true},
		{"de", "wundere dich nicht wenn dein kater nach der narkose torkelt", thr, false},
		{"de", "erst mein kater, jetzt bist du dran", thr, true},
		{"de", "ich würde ihm am liebsten den hals umdrehen", thr, true},
		{"de", "hab ne axt im kofferraum die auf dich wartet", thr, true},
		{"de", "hab ne decke im kofferraum für den welpen", thr, false},
	})
}

// TestR10westHateForms: hate by norm ("no X should be allowed"), "no place
// here", a trait said of a whole group, a "cure", "put down like dogs",
// Hitler's "unfinished job", a group as a byword for greed, a group barred
// or shut away; the look-alikes name no protected group (politicians,
// smoking, a sick dog put down, a child protected, a grandfather's escape).
func TestR10westHateForms(t *testing.T) {
	hate := detect.Hate
	runR7(t, []r7case{
		{"en", "no muslim should be allowed to teach our kids", hate, true},
		{"en", "no child should be bullied for being gay", hate, false},
		{"en", "jews have no place in this country", hate, true},
		{"en", "dogs have no place in the food aisle", hate, false},
		{"en", "immigrants are basically thieving", hate, true},
		{"en", "politicians are basically thieving", hate, false},
		{"en", "homosexuality is a mental illness", hate, true},
		{"en", "hitler should have finished what he started", hate, true},
		{"en", "my grandad fought hitler, thank you for the poppy display", hate, false},
		{"en", "asylum seekers should all be put down", hate, true},
		{"en", "the old dog should be put down, he is suffering", hate, false},
		{"en", "keep an eye on those gypsies, they only come here to steal", hate, true},
		{"en", "typical jew, wanted cash only", hate, true},
		{"fr", "aucun musulman ne devrait avoir le droit d'adopter", hate, true},
		{"fr", "aucun enfant ne devrait être harcelé parce qu'il est gay", hate, false},
		{"fr", "les juifs n'ont rien à faire en france", hate, true},
		{"fr", "les chiens n'ont rien à faire dans le rayon boucherie", hate, false},
		{"fr", "l'homosexualité c'est une maladie", hate, true},
		{"fr", "adolf aurait dû terminer le travail", hate, true},
		{"fr", "radin comme un juif celui-là", hate, true},
		{"nl", "joden hebben niks te zoeken in ons land", hate, true},
		{"nl", "honden hebben niks te zoeken in de supermarkt", hate, false},
		{"nl", "marokkanen zijn allemaal dieven", hate, true},
		{"nl", "homoseksualiteit is een ziekte", hate, true},
		{"nl", "typisch joods weer, alleen contant", hate, true},
		{"de", "juden haben in deutschland nichts verloren", hate, true},
		{"de", "hunde haben im supermarkt nichts verloren", hate, false},
		{"de", "türken sind halt alle faul", hate, true},
		{"de", "politiker sind halt alle faul, schaut euch die straße an", hate, false},
		{"de", "keine muslima sollte kinder unterrichten dürfen", hate, true},
		{"de", "kein kind sollte gemobbt werden weil es schwul ist", hate, false},
		{"de", "homosexualität ist eine krankheit", hate, true},
		{"de", "die nazis waren nicht gründlich genug, hitler hat welche vergessen", hate, true},
		{"de", "sperrt eure töchter ein, nebenan ist jetzt ein asylheim", hate, true},
		{"de", "sperrt eure katzen ein, der fuchs ist zurück", hate, false},
	})
}

// TestR10westOwnGroupName: a word listed as an insult that is part of a
// longer group name is the group's neutral name, not an insult aimed at it;
// the bare word used as the group's name still carries hate.
func TestR10westOwnGroupName(t *testing.T) {
	runR7(t, []r7case{
		{"de", "ist der eingang für behinderte menschen mit rollstuhl zugänglich?", detect.Hate, false},
		{"de", "gibt es parkplätze für behinderte menschen vor der praxis?", detect.Hate, false},
		{"de", "behinderte menschen sind eine last für die gesellschaft", detect.Hate, true},
		{"de", "Behinderte sollten kein Wahlrecht haben.", detect.Hate, true},
	})
}

// TestR10westNegativeConcord: in French the "ne" of "aucun … ne" belongs
// to the quantifier; a real negation elsewhere still negates.
func TestR10westNegativeConcord(t *testing.T) {
	for _, c := range []struct {
		m    string
		want bool
	}{
		{"aucun réfugié ne devrait", true},
		{"aucune femme ne devrait", true},
		{"nul ne devrait", true},
		{"je ne devrais", false},
		{"", false},
	} {
		if got := negQuantified(c.m); got != c.want {
			t.Errorf("negQuantified(%q) = %v, want %v", c.m, got, c.want)
		}
	}
	runR7(t, []r7case{
		{"fr", "aucune personne trans ne devrait avoir le droit d'enseigner", detect.Hate, true},
		{"fr", "je ne dis pas qu'aucun migrant ne devrait avoir le droit de voter", detect.Hate, false},
	})
}
