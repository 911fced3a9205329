package lexicon

import (
	"testing"

	"github.com/stormwatch/stormwatch/internal/detect"
)

// staff8 are staff names of probes/round8-nordic.jsonl (the eval's default).
var staff8 = []string{"Dr Lindqvist", "Dr Hansen", "Sara", "Ingrid", "Karim"}

// r8case is thresholdCase.
type r8case = r7case

func runR8(t *testing.T, cases []r8case) {
	t.Helper()
	runThreshold(t, staff8, cases)
}

// TestRound8NordicThreats: threats no entry imagined before — a curse or a
// wish of harm, a call on others, an ultimatum's second half, harm to a
// building, a car or a pet, slang violence, a death looked forward to — in
// Swedish, Bokmål and Nynorsk; the look-alikes are sport and games, a lost
// pet, a vet's patient, a request to post tablets home.
func TestRound8NordicThreats(t *testing.T) {
	thr := detect.Threat
	runR8(t, []r8case{
		{"sv", "hoppas ni brinner upp allihop", thr, true},
		{"sv", "må du ruttna i helvetet", thr, true},
		{"sv", "hoppas du plågas lika länge som min hund gjorde", thr, true},
		{"sv", "nån borde lära henne en läxa", thr, true},
		{"sv", "någon borde ge den där handläggaren ett kok stryk", thr, true},
		{"sv", "dör min katt så dör du", thr, true},
		{"sv", "rör du min dotter igen så bryter jag benen på dig", thr, true},
		{"sv", "kommunhuset kommer att brinna en natt", thr, true},
		{"sv", "du får bank om du inte håller käften", thr, true},
		{"sv", "det borde vara du som låg i kistan", thr, true},
		{"sv", "kan inte nån ta en prat med honom efter jobbet", thr, true},
		{"nb", "håper noen tar deg en mørk kveld", thr, true},
		{"nb", "noen burde banke opp den saksbehandleren", thr, true},
		{"nb", "rører du datteren min igjen så brekker jeg armene dine", thr, true},
		{"nb", "får jeg ikke ungene tilbake skal noen bøte med livet", thr, true},
		{"nb", "kan ikke noen av gutta ta seg av sykepleieren på nattskiftet", thr, true},
		{"nb", "gleder meg til den dagen du er borte for godt", thr, true},
		{"nn", "døyr hunden min, så døyr du òg", thr, true},
		{"nn", "eg skal knekke deg", thr, true},
		// look-alikes
		{"sv", "hoppas någon hittar min katt, hon sprang bort i natt", thr, false},
		{"sv", "Jag hoppas att han får lida mindre efter operationen", thr, false},
		{"sv", "hoppas hon vaknar upp fint efter narkosen", thr, false},
		{"sv", "vi fick bank mot Hammarby igår, 0-4", thr, false},
		{"sv", "Ni kommer få stryk på söndag, vi har bästa laget!", thr, false},
		{"sv", "Jag ska spöa skiten ur dig i FIFA ikväll haha", thr, false},
		{"sv", "hon förtjänar inte att leva med sån smärta, vi valde att avliva", thr, false},
		{"sv", "råttgift är billigt men farligt för hundar", thr, false},
		{"sv", "Sara lärde mig en läxa: boka alltid tid i god tid", thr, false},
		{"sv", "om ni smäller i er sånt där käk dagligen så dör ni av det", thr, false},
		{"nb", "spiser dere sånt hver dag så dør dere tidlig", thr, false},
		{"nb", "håper noen finner katten min, hun stakk av i natt", thr, false},
		{"nb", "vi fikk bank av Rosenborg i går, 0-5", thr, false},
		{"nb", "jeg skal knekke koden på den nye appen deres", thr, false},
		{"nb", "gleder meg til den dagen dere åpner den nye avdelingen!", thr, false},
		{"nn", "vi fekk bank av Molde i går, 0-4", thr, false},
	})
}

// TestRound8NordicUndergoer: a beating with no agent in the phrase ("ska få
// stryk", "skal få bank") whose subject is the writer is a fear or a report
// of one; said of "du" it is a threat, and a phrase that names its victim
// ("jag får tag på dig") is not said of the writer.
func TestRound8NordicUndergoer(t *testing.T) {
	thr := detect.Threat
	runR8(t, []r8case{
		{"sv", "du ska få stryk när jag ser dig", thr, true},
		{"nb", "du får bank neste gang jeg ser deg", thr, true},
		{"sv", "mitt ex sa att jag ska få stryk om jag berättar", thr, false},
		{"sv", "jag kommer få bank av mamma om jag kommer hem sent haha", thr, false},
		{"nb", "eksen min sa jeg skal få bank hvis jeg drar", thr, false},
		{"nn", "eksen min sa eg skal få bank viss eg dreg", thr, false},
	})
}

// TestRound8NordicHate: hate without slurs, as an opinion, a question or a
// "joke"; the look-alikes mention the same groups neutrally, breed rabbits
// or wild cats, and complain about waits for women.
func TestRound8NordicHate(t *testing.T) {
	hate := detect.Hate
	runR8(t, []r8case{
		{"sv", "de där förökar sig som kaniner och vi får betala", hate, true},
		{"sv", "kvinnor ska inte vara veterinärer", hate, true},
		{"sv", "såna som henne hör inte hemma här", hate, true},
		{"sv", "är det bara jag som tycker att somalier inte passar in i sverige?", hate, true},
		{"sv", "judarna har alltid tjänat pengar på andras olycka", hate, true},
		{"sv", "bögar ska hålla sig borta från våra barn", hate, true},
		{"sv", "islam är en sjukdom", hate, true},
		{"nb", "de der formerer seg som kaniner", hate, true},
		{"nb", "kvinner skal ikke være veterinærer", hate, true},
		{"nb", "muslimer passer ikke inn her", hate, true},
		{"nb", "flyktningene kommer hit og voldtar døtrene våre", hate, true},
		{"nn", "sånne som ho høyrer ikkje heime her", hate, true},
		// look-alikes
		{"sv", "vildkatterna förökar sig som kaniner på gården, hjälper kommunen till med kastrering?", hate, false},
		{"sv", "kaniner förökar sig fort, kastrerar ni hanar också?", hate, false},
		{"sv", "kvinnor ska inte behöva vänta tre timmar på akuten", hate, false},
		{"sv", "kan ni skicka hem dem med posten? tabletterna alltså", detect.Insult, false},
		{"sv", "islam och kristendom, föredrag på biblioteket på tisdag", hate, false},
		{"nb", "villkattene formerer seg som kaniner i nabolaget", hate, false},
		{"nb", "kona mi er muslim, har dere halal mat?", hate, false},
	})
}

// TestRound8NordicHarassment: pile-ons, persistence and rumours aimed at a
// staff member; the look-alikes tag a staff member to praise her and make
// the organization's own conduct public.
func TestRound8NordicHarassment(t *testing.T) {
	har := detect.Harassment
	runR8(t, []r8case{
		{"sv", "tagga Karim i varje inlägg från kliniken tills han raderar sitt konto", har, true},
		{"sv", "Ingrid kan inte undvika mig för alltid", har, true},
		{"sv", "fråga Karim varför han fick lämna sitt förra jobb", har, true},
		{"nb", "tagg Karim i alle innlegg til han sletter profilen sin", har, true},
		{"nb", "du kan blokke meg så mye du vil Sara", har, true},
		{"nb", "alle som leser dette, ring Ingrid på jobben", har, true},
		// look-alikes
		{"sv", "tagga Sara i alla inlägg om valpkursen, hon är grym", har, false},
		{"sv", "jag kommer att skriva om det här överallt", har, false},
		{"nb", "tagg Ingrid i alle innlegg om valpekurset, hun er rå", har, false},
		{"nb", "jeg kommer til å skrive om dette overalt, folk må vite hvordan dere driver", har, false},
	})
}
