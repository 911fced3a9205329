package lexicon

import "testing"

// TestR16VeiledCloser: a veiled setup (what the writer knows of someone's
// life, a call to visit someone at home, a staff member's pet) made a
// threat by a closer in the next sentences ("just saying", "he's earned
// it", "would be a shame if it went missing"); each half alone, the closer
// before the setup, an errand in the setup's sentence and a quoted setup
// stay untouched.
func TestR16VeiledCloser(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		{"en", "we know where your office manager lives. just saying", true},
		{"en", "i know exactly where the vet parks his van. remember that", true},
		{"en", "anyone fancy paying the mayor a visit at home? he's asked for it", true},
		{"en", "your nurse has a cat too. would be a shame if it went missing", true},
		{"fr", "on sait où habite le directeur. je dis ça je dis rien", true},
		{"fr", "qui vient avec moi rendre une petite visite au maire chez lui ? il l'a bien cherché", true},
		{"nl", "we weten waar die wethouder woont. zeg maar niks", true},
		{"de", "wir wissen, wo der bürgermeister wohnt. nur so als info", true},
		{"sv", "vi vet var rektorn bor. bara så du vet", true},
		{"sv", "vem hänger med och hälsar på rektorn hemma? han har bett om det", true},
		{"nb", "vi vet hvor rektoren bor. bare så det er sagt", true},
		{"nb", "hvem blir med og besøker rektoren hjemme? han har bedt om det", true},
		{"nn", "vi veit kvar rektoren bur. berre så det er sagt", true},
		{"da", "vi ved hvor dyrlægen bor. bare så det er sagt", true},
		{"en", "I know where she lives, she's my neighbour and she's lovely", false},
		{"en", "just saying, the soup at the care home was cold again", false},
		{"en", "our nurse is retiring after 30 years, she's earned it", false},
		{"en", "just saying. we know where the new car park is now", false},
		{"en", "would be awful if it went missing, so we chip all our puppies", false},
		{"en", "your receptionist has a dog too, she showed me photos", false},
		{"en", "someone wrote \"we know where she lives\" under our post. just saying, we called the police", false},
		{"fr", "je sais où elle habite, c'est ma voisine, je lui apporterai son colis", false},
		{"sv", "jag vet var hon bor, hon är min granne och hon är jättesnäll", false},
		{"sv", "jag vet var ni parkerar nu, hittade äntligen den nya platsen", false},
		{"sv", "Sara har jobbat här i 30 år, hon har förtjänat det", false},
		{"nb", "jeg vet hvor dere parkerer nå, fant endelig den nye plassen", false},
		{"de", "ich weiß, wo sie wohnt, sie ist meine nachbarin und bringt mir die post", false},
		{"da", "jeg ved hvor hun bor, hun er min nabo og hun er sød", false},
	})
}

// TestR16ThreatFamilies: threats built by construction rather than by a
// violent verb, one family a block, in every language, with look-alikes
// that reuse each frame: a precedent told ("the last one who spoke to me
// like that ended up in hospital"), "watch her back", a weapon brought on
// a visit, arson with people inside, lying in wait after a shift, a harm in
// the present after a condition, "karma is too slow, I'll help", "you'll
// pay and not in court", "she can hide, I'll find her", "people like you
// end up in a ditch", harm promised to someone on the premises, the
// writer's capability, "you're dead" spoken, property swept up after a
// demand.
func TestR16ThreatFamilies(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		// a precedent told
		{"en", "the last bloke who talked to me like that he ended up in a and e", true},
		{"fr", "le dernier qui m'a parlé sur ce ton il a fini aux urgences", true},
		{"nl", "de laatste die zo tegen mij praatte lag ie drie weken in het ziekenhuis", true},
		{"de", "der letzte, der mich so angeschnauzt hat, lag danach im krankenhaus", true},
		{"sv", "senast någon pratade så till mig hamnade han på akuten", true},
		{"nb", "sist noen snakket sånn til meg havnet han på sykehus", true},
		{"en", "the last time my dog was spoken to like that by a groomer we changed salons", false},
		{"de", "der letzte, der mich so angeschnauzt hat, war mein alter chef, zum glück weg", false},
		{"sv", "senast någon pratade så till mig var på mitt förra jobb, skönt att slippa", false},
		// watch her back
		{"en", "tell the receptionist she'd better watch her back", true},
		{"fr", "dites au maire qu'il fasse gaffe à lui", true},
		{"nl", "zeg tegen die receptioniste dat ze goed moet oppassen", true},
		{"nb", "si til saksbehandleren at hun bør passe seg", true},
		{"en", "the vet told me to watch his back after the surgery, no jumping for two weeks", false},
		{"nl", "zeg tegen oma dat ze op het ijs moet uitkijken", false},
		{"nb", "si til bestemor at hun må passe seg på glatta", false},
		// a weapon on a visit
		{"en", "maybe i'll pop round to the surgery later, bring my baseball bat just in case", true},
		{"fr", "je passerai à la clinique avec ma batte peut être", true},
		{"de", "ich komm mit nem baseballschläger vorbei", true},
		{"sv", "jag kommer förbi med ett järnrör kanske", true},
		{"nb", "jeg tar en tur innom med balltre kanskje", true},
		{"en", "bring a bat maybe? the charity cricket match needs players", false},
		// arson with people inside
		{"en", "someone should burn that care home down with the managers inside", true},
		{"fr", "quelqu'un devrait cramer cette mairie avec les élus dedans", true},
		{"nl", "iemand moet dat kantoor in de fik steken tijdens de vergadering", true},
		{"de", "man sollte das amt abfackeln mit allen beamten drin", true},
		{"sv", "någon borde bränna ner kontoret med cheferna kvar inne", true},
		{"nb", "noen burde sette fyr på kontoret med sjefene inni", true},
		{"en", "someone set fire to the bins last night, luckily nobody was inside", false},
		{"fr", "le chat de la voisine a failli brûler avec la maison, heureusement personne dedans", false},
		// lying in wait after a shift
		{"en", "when she clocks off tonight me and the lads will be waiting outside", true},
		{"fr", "attends qu'il sorte du boulot ce soir, on sera quelques uns à l'attendre devant", true},
		{"en", "when she finishes her shift we'll be outside with flowers for her retirement at 5pm", false},
		// a harm in the present after a condition
		{"en", "if that vet touches my cat again i smash his face", true},
		{"fr", "si elle touche encore à mon chien je lui pète les dents", true},
		{"nl", "als hij nog eens aan mijn kat zit trap ik zijn kop in", true},
		{"de", "wenn der noch einmal meinen hund anfasst, hau ich ihm die zähne ein", true},
		{"sv", "om han rör min katt igen så slår jag sönder honom", true},
		{"nb", "hvis han rører katten min igjen så slår jeg han helseløs", true},
		// karma helped along; paying not in court
		{"en", "if the courts are too slow i'll give it a hand myself", true},
		{"en", "you lot will pay for this and i don't mean money", true},
		{"fr", "vous allez le payer et je ne parle pas d'argent", true},
		{"sv", "ni ska få betala och jag pratar inte om pengar", true},
		{"nb", "dere skal få svi og jeg snakker ikke om penger", true},
		{"de", "dafür wird jemand von euch bluten", true},
		// she can hide, I'll find her
		{"en", "she can run all she likes, i'll track her down", true},
		{"fr", "elle peut se cacher tant qu'elle veut, je la retrouverai", true},
		{"nl", "ze kan zich verstoppen zolang ze wil, ik vind haar", true},
		{"de", "sie kann sich verkriechen so lange sie will, ich krieg sie", true},
		{"sv", "hon kan gömma sig hur länge hon vill, jag hittar henne", true},
		{"nb", "hun kan skjule seg så lenge hun vil, jeg finner henne", true},
		{"da", "hun kan gemme sig så længe hun vil, jeg finder hende", true},
		// people like you end up in a ditch
		{"en", "people like you always end up face down in the canal", true},
		{"fr", "les types comme toi finissent toujours dans le canal", true},
		{"nl", "mensen zoals jij eindigen altijd in de sloot", true},
		{"de", "typen wie du landen irgendwann im graben", true},
		{"sv", "såna som du hamnar förr eller senare i diket", true},
		{"nb", "folk som deg havner før eller siden i grøfta", true},
		// the writer's capability
		{"en", "you don't know what i'm capable of", true},
		{"nl", "jullie hebben geen idee waartoe ik in staat ben", true},
		{"de", "ihr wisst nicht, wozu ich fähig bin", true},
		{"sv", "ni har ingen aning om vad jag är kapabel till", true},
		{"nb", "dere aner ikke hva jeg er i stand til", true},
		{"nn", "de veit ikkje kva eg er i stand til", true},
		{"en", "you have no idea what my kitten is capable of, she opened the fridge", false},
		{"de", "du hast keine ahnung, wozu mein welpe fähig ist, er frisst schuhe", false},
		{"sv", "du har ingen aning om vad min katt är kapabel till, hon öppnar kylen", false},
		{"nn", "eg veit ikkje kva eg er i stand til etter operasjonen, eg er så sliten", false},
		// "you're dead" spoken
		{"fr", "t mort karim", true},
		{"nl", "jullie gaan eraan", true},
		{"sv", "du e död karim", true},
		{"nb", "du e død karim", true},
		{"nn", "du e daud ingrid", true},
		{"fr", "je suis mort de rire devant la photo du chaton", false},
		{"nl", "je gaat eraan wennen, de eerste week is altijd zwaar", false},
		// property swept up after a demand
		{"en", "give me my money back or you'll be sweeping up your windows", true},
		{"fr", "remboursez ou vous allez ramasser vos vitres", true},
		{"nl", "betaal terug of jullie mogen je ramen bij elkaar vegen", true},
		{"de", "zahlt zurück oder ihr könnt eure fenster zusammenfegen", true},
		{"en", "give me my money back or i'll take this to the ombudsman", false},
		{"nl", "betaal terug of ik stap naar de rechter", false},
		{"sv", "betala tillbaka annars går jag till konsumentverket", false},
		// reports and counter-speech
		{"fr", "quelqu'un m'a écrit 'on sait où tu habites', j'ai porté plainte", false},
		{"de", "jemand hat geschrieben 'wir wissen, wo du wohnst', wir haben anzeige erstattet", false},
	})
}
