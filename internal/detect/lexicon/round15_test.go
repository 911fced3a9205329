package lexicon

import "testing"

// Round 15: threats and hate carried by grammar rather than by a word (families
// found in an independent set): a condition then the writer's arson in the
// present, "the next one will have me to deal with", a wish of an accident on a
// person, a call to bring weapons, lying in wait for someone who hides, polite
// damage to property, a beating spelled out; a group likened to vermin, women
// barred from leading, disabled children barred from school, "yet another
// <slur>" aimed at one person, go home to your own country. Each family has
// innocent look-alikes that must stay below removal: candles, pets that hide or
// breed, wishes that nobody gets hurt, a new contact person, counter-speech.
func TestRound15Families(t *testing.T) {
	r10nordicRun(t, []r10nordicCase{
		// T1 condition + arson in the present.
		{"de", "wenn mein kater stirbt fackle ich euch die ganze praxis ab", true},
		{"fr", "si ma mere tombe encore je mets le feu a votre ehpad", true},
		{"sv", "om pappa ramlar en gång till sätter jag eld på boendet", true},
		{"nb", "hvis mamma faller igjen setter jeg fyr på hjemmet", true},
		{"en", "if my nan falls again i swear i'll torch that whole care home", true},
		{"de", "wenn papa noch mal liegen bleibt zünd ich euch das ganze haus an", true},
		{"de", "ich zünde heute abend eine kerze für meine oma an", false},
		{"nb", "jeg tenner på lys for katten vår i kveld", false},
		{"fr", "je brule d'impatience de revoir toute l'equipe du refuge", false},
		// T2 "will have me to deal with".
		{"de", "wer oma noch mal so liegen lässt, der kriegt es mit mir zu tun", true},
		{"nl", "de volgende die dat laat gebeuren krijgt met mij te maken", true},
		{"sv", "nästa som låter mormor ligga så får med mig att skaffa", true},
		{"nb", "neste som lar bestefar ligge sånn får med meg å bestille", true},
		{"nn", "neste som let mor liggje slik får med meg å gjere", true},
		{"da", "den næste der lader far ligge sådan får med mig at gøre", true},
		{"en", "the next nurse who ignores her will have me to deal with", true},
		{"fr", "le prochain qui la laisse par terre, il va comprendre sa douleur", true},
		{"de", "ab montag bekommen sie es mit mir zu tun, ich bin die neue heimleitung", false},
		{"nl", "bij problemen krijgt u met mij te maken, ik ben uw contactpersoon", false},
		// T3 a wish of an accident on a person.
		{"de", "ich hoffe der amtsleiter fährt vor einen zug", true},
		{"nl", "ik hoop dat die ambtenaar onder de trein komt", true},
		{"sv", "hoppas chefen blir överkörd av en lastbil", true},
		{"nb", "håper rådmannen havner under en buss", true},
		{"en", "hope the headmaster gets hit by a bus on his way home", true},
		{"de", "hoffentlich kracht die amtsleiterin gegen einen baum", true},
		{"de", "hoffentlich fährt niemand gegen einen baum bei dem glatteis", false},
		{"de", "ich hoffe der bus fährt nicht wieder gegen den baum", false},
		{"sv", "hoppas ingen blir påkörd vid skolan, sätt upp ett farthinder", false},
		{"nb", "håper ingen blir påkjørt ved barnehagen, vi trenger fartsdumper", false},
		{"en", "i hope nobody gets run over on that bend, it needs a crossing", false},
		{"nl", "ik hoop dat niemand onder een auto komt op die kruising", false},
		// T4 calls with weapons; T5 lying in wait; T7 a beating spelled out.
		{"en", "meet at the depot friday and bring baseball bats", true},
		{"fr", "on va regler ca avec des barres de fer devant la mairie", true},
		{"nb", "ta med balltre til rådhuset på fredag, alle sammen", true},
		{"en", "he can't hide in that refuge forever, i'll be waiting", true},
		{"nb", "hun kan ikke gjemme seg på senteret for alltid, jeg venter utenfor", true},
		{"nl", "ik pak je op de parkeerplaats en dan sla ik je tot moes", true},
		{"nl", "als oma weer valt sla ik die verzorger het ziekenhuis in", true},
		{"nl", "ik sla de eieren in elkaar met suiker", false},
		{"en", "i'll throw him through the plate glass at reception", true},
		{"de", "ich hau dich morgen grün und blau", true},
		{"de", "ich schlag dich nachher krankenhausreif", true},
		{"de", "ich hau dich beim skat grün und blau lol", false},
		{"de", "ich schlage dich beim schach windelweich", false},
		{"fr", "la prochaine qui laisse mon pere sans eau aura affaire a moi", true},
		{"fr", "pour votre dossier vous aurez affaire a moi, je suis la nouvelle referente", false},
		{"de", "seit die im rathaus nur noch kanacken einstellen funktioniert gar nix mehr", true},
		{"de", "seit sie nur noch azubis einstellen funktioniert nix", false},
		{"en", "please put me through to the surgery, been on hold forever", false},
		{"en", "the dog can't hide under the bed forever, he'll come out for dinner", false},
		{"sv", "katten kan inte gömma sig under soffan för alltid, den kommer ut när den är hungrig", false},
		// H1 likened to vermin; H2 women barred from leading; H3 school.
		{"en", "those people are like cockroaches, they ruin every estate", true},
		{"sv", "det folket är som råttor, de förstör varenda förort", true},
		{"de", "diese leute sind wie heuschrecken, die fressen alles leer", true},
		{"fr", "ces etrangers c'est des blattes, ils pullulent", true},
		{"fr", "il y a des blattes dans la cuisine de l'ehpad, c'est inadmissible", false},
		{"en", "our guinea pigs breed like rabbits, when can they be neutered?", false},
		{"nl", "onze cavia's fokken als konijnen, wanneer kunnen ze geholpen worden?", false},
		{"de", "frauen können nicht führen, das sieht man an dieser stadt", true},
		{"nl", "vrouwen kunnen niet leidinggeven, kijk maar naar deze gemeente", true},
		{"sv", "kvinnor kan inte leda en kommun, titta bara på den här", true},
		{"sv", "kvinnor ska inte behöva välja mellan barn och jobb", false},
		{"nb", "kvinner skal ikke måtte velge mellom barn og jobb", false},
		{"nl", "vrouwen horen in de politiek, wie anders denkt leeft in de middeleeuwen", false},
		{"de", "behinderte kinder gehören nicht in eine regelklasse", true},
		{"sv", "handikappade ungar hör inte hemma i en vanlig skola", true},
		// H4 "yet another <slur>"; H6 go home.
		{"de", "schon wieder so ne schwuchtel am empfang", true},
		{"fr", "encore une tarlouze au guichet qui nous donne des lecons", true},
		{"nb", "dra hjem til ditt eget land med sjalet ditt", true},
	})
}
