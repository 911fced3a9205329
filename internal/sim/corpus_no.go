package sim

// corpusNB: Norwegian Bokmål.
const corpusNB = `
question | Hei, har dere åpent på {day}?
question | Kan jeg komme innom {day} rundt {time} med {pet}? Han halter siden i går
question | Tar dere imot nye pasienter? Vi har nettopp flyttet til {city}
question | Hva koster det omtrent å kastrere en katt?
question | jobber {staff} på {day}??
question | Min {species} har spist sjokolade, må jeg komme med en gang?
question | Tar dere imot kaniner og marsvin også?
question | Går det an å dele opp betalingen? Regningen for {pet} ble ganske høy
question | Må {pet} vaksineres hvert år eller hvert tredje år?
question | Når stenger dere på {day}?
question | Finnes det vakttelefon i helgene?
question | {species} min har ikke spist på {n} dager, er det farlig?
question | Kan {staff} ringe meg om prøvesvarene til {pet}?
praise | Takk til hele gjengen for at dere tok vare på {pet} {emo+}
praise | Tusen takk til {staff}, alltid så rolig og god med dyrene
praise | {pet} er hjemme igjen og har det mye bedre, takk {staff}!!
praise | For en søt {species} {emo+}
praise | Beste veterinæren i {city}, anbefales på det varmeste
praise | Takk for at dere tok imot {pet} en søndagskveld, dere er fantastiske
praise | Hyggelig mottakelse, klare forklaringer, ingenting å klage på
praise | {staff} var utrolig tålmodig med {species}en min som hater dyrlegen
praise | Takk for kortet etter at vi mistet {pet}, det varmet
neutral | @{friend} se, akkurat som din
neutral | @{friend} {emo+}
neutral | Vi var der på {day} med {pet}
complaint | {wait} venting med en {species} som har vondt, det er ikke greit
complaint | {amount} for en vanlig konsultasjon... synes det er altfor dyrt
complaint | Ingen har tatt telefonen hele formiddagen, veldig frustrerende
complaint | Skuffet over mottakelsen, damen i telefonen var kort selv om jeg var i panikk
complaint | Timen ble flyttet to ganger i siste liten uten forklaring
complaint | Jeg fikk beskjed om {amount} og betalte nesten det dobbelte, ingen forklaring
complaint crisis | {species}en vår {pet} døde to dager etter operasjonen. Ingen ringte tilbake, ingen forklarte noe. Jeg vil bare forstå hva som skjedde.
complaint crisis | {pet} døde i løpet av natten selv om dere sa at alt så bra ut. Jeg er knust og sint over at ingen snakket med oss
complaint | Vi venter fortsatt på blodprøvene til {pet}, det har gått 10 dager
complaint | {staff} så knapt på {pet} og vi måtte betale {amount}
crisis | Jeg har kontaktet advokat, dere kommer til å høre fra meg
crisis | Jeg har sendt historien min til avisa, folk må få vite
crisis complaint | Jeg klager dere inn til Mattilsynet
crisis | Boikott denne klinikken, del!!
accusation | Denne klinikken gjør unødvendige operasjoner bare for pengenes skyld
accusation | {staff} gjorde en feil og klinikken dekker over alt, skammelig
accusation | De lot katten min dø for å kunne ta betalt for natta
insult | dere *inkompetente* *idioter*, dere er *slaktere*
insult | *drit*klinikk, dra til helvete alle sammen
insult | dere er *svindlere* og *udugelige*
insult | *jævla* *klovner*
harassment insult | {staff} du er *ubrukelig*, du skulle aldri fått autorisasjon
harassment | {staff} skam deg, snart vet alle hvem du er
harassment | Jeg kommer til å kommentere hvert eneste innlegg til {staff} får sparken
harassment insult | Alle skal vite at {staff} er en *løgner*
harassment | Finn {staff} på de private kontoene hennes og si hva dere synes
threat | jeg vet hvor du bor {staff}
threat | du skal få betale for dette, pass deg når du går fra jobben
threat | Det hadde vært synd om noe skjedde med den fine klinikken deres...
threat | vi kommer på besøk, da skjønner dere
threat insult | jeg skal drepe deg {staff} din *jævla* *rotte*
hate harassment | Enda en innvandrer som tar jobbene våre, reis hjem til ditt eget land {staff}
hate | Med et sånt navn er det ikke rart, sånne som dere hører ikke hjemme her
sexual harassment | {staff} du er *digg*, send bilder 😏
sexual | den lille blonde assistenten kan gjerne komme hjem til meg 😘😘
doxxing harassment | {staff} bor i {addr}, gå dit og si hva dere mener
doxxing harassment | Her er privatnummeret til {staff}: {phone}, ring dag og natt
doxxing | Fødselsnummeret hennes er {idnum}, kos dere
doxxing | Privat e-post hvis noen vil skrive til henne: {email}
spam | 🎁 GIVEAWAY 🎁 Vinn 10 000 kr i Bitcoin, klikk her {url}
spam | Siden din blir deaktivert innen 24 timer. Bekreft kontoen din: {url}
spam | Jeg tjener 30 000 kr i uka hjemmefra på kryptohandel, kontakt {handle} på WhatsApp
pii question | Kan dere ringe meg på {phone} angående {pet}
pileon crisis | Rettferdighet for {pet} {emo-}
pileon complaint accusation | Hvordan kunne dere la {pet} dø?? Dere har ikke hjerte
pileon harassment insult accusation | {staff} er en *morder*, hun drepte {pet}
pileon complaint | Jeg setter aldri min fot der igjen etter det dere gjorde med {pet}
pileon complaint | Skam dere. SKAM.
pileon accusation crisis | Del så mye dere kan, denne klinikken dreper dyr {tag}
pileon harassment | Spark {staff} !!!
pileon harassment threat | {staff} vi vet hvem du er og vi gir oss ikke
pileon insult accusation | *Kvakksalvere* som dreper dyr for penger
campaign accusation crisis | {tag} Denne klinikken lot {pet} dø og nekter å forklare seg. Del og boikott.
campaign harassment crisis | {tag} Ikke ta med dyrene deres til {clinic}. {staff} må stå til ansvar.
campaign crisis | {tag} Gi {clinic} 1 stjerne så alle vet det
defend praise | Jeg satt på venterommet den dagen, de ansatte gjorde alt de kunne. Slutt med denne hetsen.
defend praise | Vi står bak hele gjengen ❤️ {staff} reddet hunden vår i fjor
defend praise | Folk som hetser uten å kjenne fakta... stå på
`

// corpusNN: Norwegian Nynorsk, a smaller corpus; families it lacks are
// drawn from Bokmål.
const corpusNN = `
question | Hei, har de ope på {day}?
question | Kan eg kome innom {day} kring {time} med {pet}? Han haltar sidan i går
question | Kva kostar det å kastrere ein katt?
question | Kva tid stengjer de på {day}?
question | {species}en vår har ikkje ete noko på {n} dagar, er det farleg?
question | Kan {staff} ringje meg om prøvesvara til {pet}?
praise | Takk til heile gjengen for at de tok vare på {pet} {emo+}
praise | Tusen takk til {staff}, alltid så roleg og god med dyra
praise | {pet} er heime att og har det mykje betre, takk {staff}!!
praise | Eg har aldri vore så nøgd med ein veterinær, tusen takk
neutral | @{friend} sjå, akkurat som din
complaint | {wait} venting med ein {species} som har vondt, det er ikkje greitt
complaint | {amount} for ein vanleg konsultasjon... det er altfor dyrt
complaint | Ingen har teke telefonen heile føremiddagen, veldig frustrerande
complaint crisis | {species}en vår {pet} døydde to dagar etter operasjonen. Ingen ringde attende, ingen forklarte noko. Eg vil berre forstå kva som skjedde.
complaint | {staff} såg knapt på {pet} og vi måtte betale {amount}
crisis | Eg har kontakta advokat, de kjem til å høyre frå meg
accusation | Denne klinikken gjer unødvendige operasjonar berre for pengane si skuld
insult | de er *svindlarar* og *udugelege*
harassment | {staff} skam deg, snart veit alle kven du er
threat | eg veit kvar du bur {staff}
threat | du skal få betale for dette, pass deg når du går frå jobben
doxxing harassment | {staff} bur i {addr}, gå dit og sei kva de meiner
pileon complaint accusation | Korleis kunne de la {pet} døy?? De har ikkje hjarte
pileon complaint | Eg set aldri foten min der att etter det de gjorde med {pet}
defend praise | Eg sat på venterommet den dagen, dei tilsette gjorde alt dei kunne. Slutt med denne hetsen.
`
