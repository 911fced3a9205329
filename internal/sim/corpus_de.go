package sim

// corpusDE: German, as written by clients from East Belgium and Aachen.
const corpusDE = `
question | Hallo, haben Sie {day} geöffnet?
question | Kann ich {day} gegen {time} mit {pet} vorbeikommen? Er humpelt seit gestern
question | Nehmen Sie noch neue Patienten auf? Wir sind gerade nach {city} gezogen
question | Was kostet ungefähr eine Kastration bei einer Katze?
question | ist {staff} {day} da??
question | Guten Abend, mein {species} hat Schokolade gefressen, muss ich sofort kommen?
question | Behandelt ihr auch Kaninchen und Meerschweinchen?
question | Kann man die Rechnung in Raten zahlen? Ist diesen Monat ziemlich viel
question | Muss {pet} jedes Jahr geimpft werden oder alle 3 Jahre?
question | Bis wann habt ihr {day} offen?
question | Gibt es am Wochenende einen Notdienst?
question | Mein {species} frisst seit {n} Tagen nicht mehr, ist das schlimm?
question | Könnte {staff} mich wegen der Ergebnisse von {pet} zurückrufen?
praise | Danke an das ganze Team für {pet} {emo+}
praise | Vielen Dank an {staff}, immer so geduldig und liebevoll mit den Tieren
praise | {pet} ist wieder zu Hause und es geht ihm viel besser, danke {staff}!!
praise | Was für ein süßer {species} {emo+}
praise | Beste Tierarztpraxis in {city}, absolut empfehlenswert
praise | Danke, dass ihr {pet} am Sonntagabend noch genommen habt, ihr seid super
praise | Freundlicher Empfang, klare Erklärungen, nichts auszusetzen
praise | {staff} war unglaublich geduldig mit meinem ängstlichen Hund
praise | Danke für die Karte nach dem Tod von {pet}, das hat uns sehr berührt
neutral | @{friend} guck mal, genau wie deiner
neutral | @{friend} {emo+}
neutral | Wir waren {day} auch mit {pet} da
complaint | {wait} Wartezeit mit einem Tier, das Schmerzen hat, das geht gar nicht
complaint | {amount} für eine normale Untersuchung... finde ich übertrieben
complaint | Den ganzen Vormittag geht keiner ans Telefon, sehr ärgerlich
complaint | Enttäuscht vom Empfang, die Dame am Telefon war kurz angebunden, obwohl ich in Panik war
complaint | Termin zweimal kurzfristig abgesagt, ohne Erklärung
complaint | Mir wurden {amount} gesagt und ich habe fast das Doppelte bezahlt, ohne Erklärung
complaint crisis | Unser {species} {pet} ist zwei Tage nach der OP gestorben. Niemand hat zurückgerufen, niemand hat etwas erklärt. Ich will nur verstehen, was passiert ist.
complaint crisis | {pet} ist in der Nacht gestorben, obwohl uns gesagt wurde, alles sei gut. Ich bin am Boden zerstört und wütend über eure fehlende Kommunikation
complaint | Wir warten immer noch auf die Blutwerte von {pet}, seit 10 Tagen
complaint | {staff} hat {pet} kaum angeschaut und wir sollten {amount} zahlen
crisis | Ich habe einen Anwalt eingeschaltet, Sie hören von mir
crisis | Ich habe meine Geschichte an die Zeitung geschickt, die Leute müssen das wissen
crisis complaint | Ich reiche Beschwerde bei der Tierärztekammer ein
crisis | Boykottiert diese Praxis, bitte teilen!!
accusation | Diese Klinik macht unnötige Operationen nur fürs Geld
accusation | {staff} hat einen Fehler gemacht und die Klinik vertuscht alles, eine Schande
accusation | Die haben meine Katze sterben lassen, um die Nacht abrechnen zu können
insult | ihr *unfähigen* *Idioten*, ihr seid *Metzger*
insult | *Scheiß*praxis, ihr könnt mich alle mal
insult | ihr seid *Betrüger* und *Versager*
insult | *Arschlöcher*
harassment insult | {staff} du bist eine *Niete*, du hättest nie Tierärztin werden dürfen
harassment | {staff} schäm dich, bald weiß jeder, wer du bist
harassment | Ich kommentiere unter jedem Beitrag, bis {staff} gefeuert wird
harassment insult | Jeder soll wissen, dass {staff} eine *Lügnerin* ist
harassment | Sucht {staff} auf ihren privaten Profilen und sagt ihr, was ihr denkt
threat | ich weiß wo du wohnst {staff}
threat | dafür wirst du bezahlen, pass auf wenn du von der Arbeit kommst
threat | Wäre doch schade, wenn eurer schönen Praxis etwas zustoßen würde...
threat | wir statten euch mal einen kleinen Besuch ab, dann versteht ihr es
threat insult | ich bring dich um {staff} du *Dreckstück*
hate harassment | Noch so eine Ausländerin, die uns die Arbeit wegnimmt, geh zurück in dein Land {staff}
hate | Bei dem Namen wundert mich nichts, Leute wie ihr gehören nicht hierher
sexual harassment | {staff} du bist *heiß*, schick mal Fotos 😏
sexual | die kleine blonde Helferin darf gern mal bei mir vorbeikommen 😘😘
doxxing harassment | {staff} wohnt in der {addr}, sagt ihr mal, was ihr denkt
doxxing harassment | Hier die private Nummer von {staff}: {phone}, ruft Tag und Nacht an
doxxing | Ihre Steuer-ID ist {idnum}, viel Spaß
doxxing | Ihre private Mail für alle, die ihr schreiben wollen: {email}
spam | 🎁 GEWINNSPIEL 🎁 Gewinne 1000€ in Bitcoin, klick hier {url}
spam | Ihre Seite wird in 24 Stunden deaktiviert. Bestätigen Sie Ihr Konto: {url}
spam | Ich verdiene 3000€ pro Woche von zu Hause mit Krypto-Trading, schreibt {handle} auf WhatsApp
spam | Premium Hundefutter -70% nur heute 👉 {url}
pii question | Können Sie mich unter {phone} wegen {pet} zurückrufen bitte
pileon crisis | Gerechtigkeit für {pet} {emo-}
pileon complaint accusation | Wie konntet ihr {pet} sterben lassen?? Ihr habt kein Herz
pileon harassment insult accusation | {staff} ist eine *Mörderin*, sie hat {pet} getötet
pileon complaint | Ich setze nie wieder einen Fuß in diese Praxis nach dem, was ihr {pet} angetan habt
pileon complaint | Schämt euch. SCHÄMT EUCH.
pileon accusation crisis | Teilt das so oft wie möglich, diese Klinik tötet Tiere {tag}
pileon harassment | Feuert {staff} !!!
pileon harassment threat | {staff} wir wissen wer du bist und wir lassen nicht locker
pileon insult accusation | *Quacksalber*, die Tiere für Geld töten
campaign accusation crisis | {tag} Diese Klinik hat {pet} sterben lassen und verweigert jede Erklärung. Teilen und boykottieren.
campaign harassment crisis | {tag} Bringt eure Tiere nicht mehr zu {clinic}. {staff} muss Rechenschaft ablegen.
campaign crisis | {tag} Gebt {clinic} 1 Stern, damit es alle wissen
defend praise | Ich war an dem Tag im Wartezimmer, das Team hat alles gegeben. Hört auf mit dieser Hetze.
defend praise | Wir stehen hinter dem ganzen Team ❤️ {staff} hat letztes Jahr unseren Hund gerettet
defend praise | Leute, die ohne die Fakten zu kennen beleidigen... haltet durch
`
