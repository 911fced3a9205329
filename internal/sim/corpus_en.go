package sim

// corpusEN: English, as written by expats and visitors.
const corpusEN = `
question | Hi, are you open on {day}?
question | Can I bring {pet} in {day} around {time}? He's limping since yesterday
question | Are you taking new patients? We just moved to {city}
question | How much is it to spay a cat roughly?
question | is {staff} working {day}??
question | my {species} just ate chocolate, do I need to come in right now?
question | Do you see rabbits and other small pets?
question | Is it possible to pay in instalments? The bill for {pet} is quite a lot
question | Does {pet} need the booster every year or every 3 years?
question | What time do you close {day} please
question | Is there an out of hours number for weekends?
question | does anyone know if you can walk in without an appointment?
question | My {species} hasn't eaten for {n} days, should I be worried?
question | Could {staff} call me back about {pet}'s results?
question | Do any of your vets speak English? My French is not great
praise | Thank you to the whole team for looking after {pet} {emo+}
praise | Huge thanks to {staff}, always so patient and gentle with the animals
praise | {pet} is home and doing so much better, thank you {staff}!!
praise | What a cutie {emo+}
praise | Best vets in {city}, can't recommend them enough
praise | Thanks for seeing {pet} on a sunday night at such short notice, you're amazing
praise | Lovely welcome, clear explanations about {pet}, nothing to complain about
praise | {staff} was incredibly patient with my {species} who hates the vet
praise | Thank you for the card after we lost {pet}, it meant a lot
neutral | @{friend} look it's just like yours
neutral | @{friend} {emo+}
neutral | we were there on {day} with {pet}
neutral | lol {pet} makes the same face in the morning
complaint | {wait} waiting with a {species} in pain, that's just not ok
complaint | {amount} for a basic consultation... seems excessive to me
complaint | Nobody has picked up the phone all morning, really frustrating
complaint | Disappointed with reception, the lady on the phone was curt when I was panicking
complaint | Appointment moved twice at the last minute with no explanation
complaint | I was quoted {amount} and paid almost double, no explanation given
complaint crisis | Our {species} {pet} died two days after surgery. Nobody called us back, nobody explained anything. I just want to understand what happened.
complaint crisis | {pet} passed away overnight after we were told everything was fine. I'm devastated and angry about the lack of communication
complaint | Still waiting on {pet}'s blood results, it's been 10 days
complaint | {staff} barely looked at {pet} and charged us {amount}
complaint | Your voicemail says you'll call back but no one ever does
crisis | I've contacted a lawyer, you'll be hearing from me
crisis | I've sent my story to the local paper, people need to know
crisis complaint | I'm filing a complaint with the veterinary council
crisis | Boycott this clinic, please share!!
accusation | This clinic does unnecessary surgery just for the money
accusation | {staff} made a mistake and the clinic is covering it up, disgraceful
accusation | They let my cat die so they could charge for the night
insult | bunch of *incompetent* *idiots*, you're butchers
insult | *shit* clinic, *fuck* you all
insult | you're *scammers* and *useless*
insult | *wankers*
insult | What a bunch of *clowns*, my neighbour could do better
harassment insult | {staff} you're *useless*, you should never have qualified
harassment | {staff} you should be ashamed, everyone is going to know who you are
harassment | I'll comment on every single post until {staff} gets fired
harassment insult | Everyone needs to know {staff} is a *liar*
harassment | Find {staff} on her personal accounts and tell her what you think
threat | i know where you live {staff}
threat | you'll pay for this, watch your back when you leave work
threat | Would be a shame if something happened to your nice little clinic...
threat | we'll pay you a little visit, then you'll understand
threat insult | I'll kill you {staff} you *piece of shit*
threat | hope your car insurance is up to date {staff}
hate harassment | Another foreigner taking our jobs, go back to your country {staff}
hate | With a name like that no surprise, people like you don't belong here
sexual harassment | {staff} you're *hot*, send pics 😏
sexual | wouldn't mind a night with that little blonde nurse 😘😘
doxxing harassment | {staff} lives at {addr}, go tell her what you think
doxxing harassment | Here's {staff}'s private number: {phone}, call day and night
doxxing | Her NI number is {idnum}, have fun
doxxing | Her personal email if anyone wants to write: {email}
spam | 🎁 GIVEAWAY 🎁 Win $1000 in Bitcoin, click here {url}
spam | Your page will be disabled within 24 hours. Verify your account: {url}
spam | I make $3000 a week from home trading crypto, contact {handle} on WhatsApp
spam | Premium dog food 70% off today only 👉 {url}
spam | Your page violates our copyright policy. Appeal here before it is deleted: {url}
pii question | Can you call me back on {phone} about {pet} please
pileon crisis | Justice for {pet} {emo-}
pileon complaint accusation | How could you let {pet} die?? You have no heart
pileon harassment insult accusation | {staff} is a *murderer*, she killed {pet}
pileon complaint | I'll never set foot in there again after what you did to {pet}
pileon complaint | Shame on you. SHAME.
pileon accusation crisis | Share as much as you can, this clinic kills animals {tag}
pileon harassment | Fire {staff} !!!
pileon harassment threat | {staff} we know who you are and we won't let this go
pileon insult accusation | *Quacks* killing animals for cash
pileon complaint | Just read what happened to {pet}, I'm in shock. You owe the family an explanation.
campaign accusation crisis | {tag} This clinic let {pet} die and refuses to explain. Share and boycott.
campaign harassment crisis | {tag} Don't take your pets to {clinic}. {staff} must be held accountable.
campaign crisis | {tag} Leave {clinic} a 1 star review so everyone knows
defend praise | I was in the waiting room that day, the team did everything they could. Stop this harassment.
defend praise | We stand with the whole team ❤️ {staff} saved our dog last year
defend praise | People insulting without knowing the facts... hang in there
`
