package sim

// corpusNL: Dutch, mostly Flemish, as written by clients in and around
// Brussels.
const corpusNL = `
question | Hallo, zijn jullie {day} open?
question | Kan ik {day} rond {time} langskomen met {pet}? Ze trekt met haar poot
question | Nemen jullie nog nieuwe patiënten aan? We zijn net verhuisd naar {city}
question | Wat kost een castratie van een kater ongeveer?
question | is {staff} er {day}??
question | Goedenavond, mijn {species} heeft chocolade gegeten, moet ik meteen komen?
question | Behandelen jullie ook konijnen en cavia's?
question | Kan ik de rekening in schijven betalen? Het is nogal veel deze maand
question | Moet {pet} elk jaar gevaccineerd worden of om de 3 jaar?
question | Tot hoe laat zijn jullie open {day}?
question | Is er een wachtdienst in het weekend?
question | weet iemand of je zonder afspraak kan komen 's ochtends?
question | Mijn {species} eet al {n} dagen niet meer, is dat erg?
question | Kan {staff} mij terugbellen voor de uitslag van {pet}?
praise | Bedankt aan heel het team voor {pet} {emo+}
praise | Super bedankt {staff}, altijd zo geduldig en lief met de dieren
praise | {pet} is terug thuis en stelt het veel beter, dankjewel {staff}!!
praise | Wat een schatje van een {species} {emo+}
praise | Beste dierenarts van {city}, echt een aanrader
praise | Bedankt om {pet} op zondagavond nog binnen te nemen, top!
praise | Vriendelijk onthaal, duidelijke uitleg over {pet}, niks op aan te merken
praise | Ooh dat snoetje {emo+}
praise | {staff} was zo geduldig met mijn {species} die doodsbang is van de dierenarts
praise | Al {n} jaar klant en nog altijd even tevreden, merci
praise | Bedankt voor jullie kaartje na het overlijden van {pet}, dat deed ons echt deugd
neutral | @{friend} kijk, net die van jou
neutral | @{friend} {emo+}
neutral | Wij waren er {day} ook met {pet}
neutral | haha {pet} kijkt net zo 's ochtends
complaint | {wait} wachten met een {species} die pijn heeft, dat kan toch niet
complaint | {amount} voor een gewone consultatie... dat vind ik echt te veel
complaint | Al de hele ochtend neemt niemand de telefoon op, heel vervelend
complaint | Teleurgesteld in het onthaal, de dame aan de telefoon was kortaf terwijl ik in paniek was
complaint | Afspraak 2 keer op het laatste moment verzet, zonder uitleg
complaint | Er werd {amount} gezegd en ik heb bijna het dubbele betaald, geen uitleg
complaint crisis | Onze {species} {pet} is twee dagen na de operatie gestorven. Niemand heeft ons teruggebeld, niemand heeft iets uitgelegd. Ik wil gewoon weten wat er gebeurd is.
complaint crisis | {pet} is 's nachts overleden terwijl jullie zeiden dat alles goed ging. Ik ben kapot en boos om jullie gebrek aan communicatie
complaint | We wachten nog altijd op de bloeduitslag van {pet}, al 10 dagen
complaint | De parking staat altijd vol, onmogelijk met een zieke hond
complaint | {staff} heeft amper naar {pet} gekeken en we moesten {amount} betalen
complaint | Jullie antwoordapparaat zegt terug te bellen maar niemand belt ooit terug
crisis | Ik heb een advocaat ingeschakeld, jullie horen nog van mij
crisis | Ik heb mijn verhaal naar de krant gestuurd, mensen moeten dit weten
crisis complaint | Ik dien een klacht in bij de Orde der Dierenartsen
crisis | Boycot deze praktijk, delen aub!!
accusation | Deze kliniek doet onnodige operaties puur voor het geld
accusation | {staff} heeft een fout gemaakt en de kliniek dekt alles toe, schandalig
accusation | Ze hebben mijn kat laten sterven om de nacht te kunnen aanrekenen
insult | stelletje *prutsers*, jullie zijn *slagers*
insult | *kut*kliniek, rot toch allemaal op
insult | jullie zijn *oplichters* en *sukkels*
insult | *klootzakken*
insult | Wat een *amateurs*, mijn buurman zou het beter doen
harassment insult | {staff} jij bent een *nul*, je had nooit je diploma mogen halen
harassment | {staff} schaam je, iedereen gaat weten wie jij bent
harassment | Ik blijf onder elke post reageren tot {staff} ontslagen is
harassment insult | Iedereen moet weten dat {staff} een *leugenaar* is
harassment | Zoek {staff} op op haar privé-Instagram en zeg wat je ervan denkt
threat | ik weet waar je woont {staff}
threat | je gaat hiervoor boeten, kijk maar uit als je van je werk komt
threat | Het zou jammer zijn als er iets met jullie mooie praktijk gebeurde...
threat | we komen jullie eens een bezoekje brengen, dan zullen jullie het wel snappen
threat insult | ik maak je af {staff} vuile *rat*
hate harassment | Weer zo'n buitenlander die ons werk afpakt, ga terug naar je land {staff}
hate | Met zo'n naam verbaast het me niks, mensen zoals jullie horen hier niet
sexual harassment | {staff} jij bent *lekker*, stuur eens foto's 😏
sexual | die kleine blonde assistente mag bij mij langskomen 😘😘
doxxing harassment | {staff} woont op {addr}, ga haar maar eens vertellen wat je denkt
doxxing harassment | Hier is het privénummer van {staff}: {phone}, bel maar dag en nacht
doxxing | Haar BSN is {idnum}, veel plezier ermee
doxxing | Haar privémail voor wie haar iets wil zeggen: {email}
spam | 🎁 GIVEAWAY 🎁 Win €1000 in Bitcoin, klik hier {url}
spam | Uw pagina wordt binnen 24 uur uitgeschakeld. Verifieer uw account: {url}
spam | Ik verdien €3000 per week vanuit huis met crypto trading, contacteer {handle} op WhatsApp
spam | Premium hondenvoer -70% alleen vandaag 👉 {url}
pii question | Kunnen jullie me terugbellen op {phone} voor {pet} aub
pileon crisis | Gerechtigheid voor {pet} {emo-}
pileon complaint accusation | Hoe konden jullie {pet} laten sterven?? Jullie hebben geen hart
pileon harassment insult accusation | {staff} is een *moordenaar*, ze heeft {pet} vermoord
pileon complaint | Ik zet hier nooit meer een voet binnen na wat jullie {pet} hebben aangedaan
pileon complaint | Schaam jullie. SCHAAM JULLIE.
pileon accusation crisis | Deel dit zoveel mogelijk, deze kliniek doodt dieren {tag}
pileon harassment | Ontsla {staff} !!!
pileon harassment threat | {staff} we weten wie je bent en we laten je niet los
pileon insult accusation | *Kwakzalvers* die dieren doden voor het geld
campaign accusation crisis | {tag} Deze kliniek liet {pet} sterven en weigert uitleg te geven. Delen en boycotten.
campaign harassment crisis | {tag} Breng je dieren niet meer naar {clinic}. {staff} moet verantwoording afleggen.
campaign crisis | {tag} Geef {clinic} 1 ster zodat iedereen het weet
defend praise | Ik zat die dag in de wachtzaal, het team heeft alles gedaan. Stop met deze hetze.
defend praise | Wij steunen het hele team ❤️ {staff} heeft vorig jaar onze hond gered
defend praise | Mensen die schelden zonder de feiten te kennen... sterkte aan jullie
`
