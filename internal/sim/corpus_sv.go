package sim

// corpusSV: Swedish.
const corpusSV = `
question | Hej, har ni öppet på {day}?
question | Kan jag komma in {day} runt {time} med {pet}? Han haltar sedan igår
question | Tar ni emot nya patienter? Vi har precis flyttat till {city}
question | Vad kostar det ungefär att kastrera en katt?
question | jobbar {staff} på {day}??
question | Min {species} har ätit choklad, måste jag komma direkt?
question | Tar ni emot kaniner och marsvin också?
question | Går det att dela upp betalningen? Räkningen för {pet} blev ganska hög
question | Behöver {pet} vaccineras varje år eller vart tredje år?
question | Hur dags stänger ni på {day}?
question | Finns det någon jour på helgen?
question | Min {species} har inte ätit på {n} dagar, är det farligt?
question | Kan {staff} ringa mig om provsvaren för {pet}?
praise | Tack till hela personalen för att ni tog hand om {pet} {emo+}
praise | Stort tack till {staff}, alltid så lugn och varsam med djuren
praise | {pet} är hemma igen och mår mycket bättre, tack {staff}!!
praise | Vilken söt {species} {emo+}
praise | Bästa veterinären i {city}, rekommenderas varmt
praise | Tack för att ni tog emot {pet} en söndagskväll, ni är fantastiska
praise | Trevligt bemötande, tydliga förklaringar, inget att klaga på
praise | {staff} var otroligt tålmodig med min {species} som hatar veterinären
praise | Tack för kortet efter att vi förlorade {pet}, det värmde
neutral | @{friend} kolla, precis som din
neutral | @{friend} {emo+}
neutral | Vi var där i {day}s med {pet}
complaint | {wait} väntan med en {species} som har ont, det är inte okej
complaint | {amount} för ett vanligt besök... tycker det är för dyrt
complaint | Ingen har svarat i telefon på hela förmiddagen, väldigt frustrerande
complaint | Besviken på bemötandet, kvinnan i telefon var kort fast jag var i panik
complaint | Tiden flyttades två gånger i sista stund utan förklaring
complaint | Jag fick höra {amount} och betalade nästan det dubbla, ingen förklaring
complaint crisis | Vår {species} {pet} dog två dagar efter operationen. Ingen ringde tillbaka, ingen förklarade något. Jag vill bara förstå vad som hände.
complaint crisis | {pet} dog under natten fast ni sa att allt såg bra ut. Jag är förkrossad och arg över att ingen kommunicerade med oss
complaint | Vi väntar fortfarande på blodproverna för {pet}, det har gått 10 dagar
complaint | {staff} tittade knappt på {pet} och vi fick betala {amount}
crisis | Jag har kontaktat en advokat, ni kommer att höra av mig
crisis | Jag har skickat min historia till tidningen, folk måste få veta
crisis complaint | Jag anmäler er till Ansvarsnämnden för djurens hälso- och sjukvård
crisis | Bojkotta den här kliniken, dela!!
accusation | Den här kliniken gör onödiga operationer bara för pengarnas skull
accusation | {staff} gjorde ett misstag och kliniken mörkar allt, skamligt
accusation | De lät min katt dö för att kunna ta betalt för natten
insult | era *inkompetenta* *idioter*, ni är *slaktare*
insult | *skit*klinik, dra åt helvete allihop
insult | ni är *bedragare* och *odugliga*
insult | *jävla* *clowner*
harassment insult | {staff} du är *värdelös*, du borde aldrig ha fått din legitimation
harassment | {staff} skäms, snart vet alla vem du är
harassment | Jag kommer att kommentera varje inlägg tills {staff} får sparken
harassment insult | Alla ska veta att {staff} är en *lögnare*
harassment | Leta upp {staff} på hennes privata konton och säg vad ni tycker
threat | jag vet var du bor {staff}
threat | du ska få betala för det här, se upp när du går från jobbet
threat | Det vore synd om något hände er fina klinik...
threat | vi kommer att hälsa på er, då förstår ni
threat insult | jag ska döda dig {staff} din *jävla* *råtta*
hate harassment | Ännu en invandrare som tar våra jobb, åk hem till ditt land {staff}
hate | Med ett sånt namn är det inte konstigt, sådana som ni hör inte hemma här
sexual harassment | {staff} du är *het*, skicka bilder 😏
sexual | den lilla blonda sköterskan får gärna komma hem till mig 😘😘
doxxing harassment | {staff} bor på {addr}, gå dit och säg vad ni tycker
doxxing harassment | Här är {staff}s privata nummer: {phone}, ring dag och natt
doxxing | Hennes personnummer är {idnum}, ha så kul
doxxing | Hennes privata mejl om någon vill skriva: {email}
spam | 🎁 GIVEAWAY 🎁 Vinn 10 000 kr i Bitcoin, klicka här {url}
spam | Din sida kommer att stängas av inom 24 timmar. Verifiera ditt konto: {url}
spam | Jag tjänar 30 000 kr i veckan hemifrån på kryptohandel, kontakta {handle} på WhatsApp
pii question | Kan ni ringa mig på {phone} angående {pet}
pileon crisis | Rättvisa för {pet} {emo-}
pileon complaint accusation | Hur kunde ni låta {pet} dö?? Ni har inget hjärta
pileon harassment insult accusation | {staff} är en *mördare*, hon dödade {pet}
pileon complaint | Jag sätter aldrig min fot där igen efter det ni gjorde mot {pet}
pileon complaint | Skäms på er. SKÄMS.
pileon accusation crisis | Dela så mycket ni kan, den här kliniken dödar djur {tag}
pileon harassment | Sparka {staff} !!!
pileon harassment threat | {staff} vi vet vem du är och vi släpper inte det här
pileon insult accusation | *Kvacksalvare* som dödar djur för pengar
campaign accusation crisis | {tag} Den här kliniken lät {pet} dö och vägrar förklara sig. Dela och bojkotta.
campaign harassment crisis | {tag} Lämna inte era djur hos {clinic}. {staff} måste stå till svars.
campaign crisis | {tag} Ge {clinic} 1 stjärna så att alla vet
defend praise | Jag satt i väntrummet den dagen, personalen gjorde allt de kunde. Sluta med det här drevet.
defend praise | Vi står bakom hela personalen ❤️ {staff} räddade vår hund förra året
defend praise | Folk som hånar utan att känna till fakta... håll ut
`
