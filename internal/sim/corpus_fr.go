package sim

// corpusFR: French, as written by clients of a clinic in Brussels.
const corpusFR = `
question | Bonjour, vous êtes ouverts {day} ?
question | Bonjour, est-ce que je peux passer {day} vers {time} avec {pet} ? Il boite depuis hier
question | Vous prenez encore de nouveaux patients ? On vient d'arriver à {city}
question | Combien coûte une stérilisation pour une chatte svp ?
question | est ce que {staff} consulte {day} ??
question | Bonsoir, mon {species} a mangé du chocolat, je dois venir tout de suite ?
question | Vous faites les NAC ? J'ai un lapin de {n} ans
question | C'est possible de payer en plusieurs fois ? La facture de {pet} est assez lourde
question | Le rappel de vaccin de {pet} c'est tous les ans ou tous les 3 ans ?
question | À quelle heure ferme la clinique {day} svp
question | Il y a un numéro de garde le week-end ?
question | quelqu'un sait si on peut venir sans rdv le matin ?
question | Bonjour, vous vendez les croquettes rénales ou il faut les commander ?
question | Mon {species} ne mange plus depuis {n} jours, c'est grave ?
question | Est-ce que {staff} pourrait me rappeler pour les résultats de {pet} ?
praise | Merci à toute l'équipe pour {pet} {emo+}
praise | Un grand merci à {staff}, toujours à l'écoute et d'une grande douceur avec les animaux
praise | {pet} est rentré à la maison et va beaucoup mieux, merci {staff} !!
praise | Trop mignon ce petit {species} {emo+}
praise | Meilleure clinique vétérinaire à {city}, je recommande les yeux fermés
praise | Merci d'avoir pris {pet} en urgence un dimanche soir, vous êtes top
praise | Accueil adorable, explications claires pour {pet}, rien à redire
praise | Ohhh la bouille {emo+}
praise | Bravo pour la nouvelle salle d'attente, les chats ne sont plus à côté des chiens, {pet} était beaucoup plus calme
praise | {staff} a été d'une patience incroyable avec mon {species} qui a horreur des vétos
praise | {n} ans qu'on vient chez vous avec nos animaux et toujours aussi bien reçus, merci
praise | Merci pour votre petit mot après le départ de {pet}, ça nous a beaucoup touchés
neutral | @{friend} regarde c'est le même que le tien
neutral | @{friend} {emo+}
neutral | On y était {day} dernier avec {pet}
neutral | Haha {pet} a la même tête le matin
neutral | Partagé 
complaint | {wait} d'attente avec un {species} qui souffre, c'est vraiment pas normal
complaint | {amount} pour une simple consultation... je trouve ça excessif
complaint | Personne ne répond au téléphone depuis ce matin, c'est pénible
complaint | Déçue de l'accueil, la dame au téléphone a été sèche alors que j'étais paniquée
complaint | Rdv annulé 2 fois au dernier moment, sans explication
complaint | On m'avait annoncé {amount} et j'ai payé presque le double, aucune explication
complaint crisis | Mon {species} {pet} est mort deux jours après l'opération. Personne ne m'a rappelée, personne ne m'a expliqué. Je veux juste comprendre ce qui s'est passé.
complaint crisis | {pet} est décédé pendant la nuit alors qu'on m'avait dit que tout allait bien. Je suis effondrée et en colère contre votre manque de communication
complaint | On attend toujours les résultats des analyses de {pet}, ça fait 10 jours
complaint | Le parking est toujours plein, impossible de se garer avec un chien malade
complaint | Très déçu, {staff} a à peine regardé {pet} et nous a facturé {amount}
complaint | Franchement la salle d'attente est sale et on attend debout, faites quelque chose
complaint | Votre répondeur dit de rappeler et personne ne rappelle jamais
crisis | J'ai contacté un avocat, vous aurez de mes nouvelles
crisis | J'ai envoyé mon histoire à la presse, les gens doivent savoir
crisis complaint | Je porte plainte auprès de l'Ordre des vétérinaires
crisis | Appel au boycott de cette clinique, partagez !!
accusation | Cette clinique fait des opérations inutiles juste pour l'argent
accusation | {staff} a fait une erreur et la clinique couvre tout, c'est une honte
accusation | Ils ont laissé mourir mon chat pour pouvoir facturer la nuit
accusation | {staff} vend des médicaments périmés, j'ai les preuves
insult | bande d'*incompétents*, vous êtes des *bouchers*
insult | clinique de *merde*, allez tous vous faire *foutre*
insult | vous êtes des *escrocs* et des *incapables*
insult | *connards* va
insult | Bande de *guignols*, même mon voisin soignerait mieux
harassment insult | {staff} t'es qu'une *incapable*, t'aurais jamais dû avoir ton diplôme
harassment | {staff} tu devrais avoir honte de te regarder dans la glace, tout le monde va savoir qui tu es
harassment | Je vais commenter sous chacune de vos publications jusqu'à ce que {staff} soit virée
harassment insult | Tout le monde doit savoir que {staff} est une *menteuse*
harassment | Retrouvez {staff} sur ses réseaux perso et dites-lui ce que vous en pensez
threat | je sais où tu habites {staff}
threat | tu vas payer pour ce que t'as fait, fais attention en sortant du travail
threat | Ce serait dommage qu'il arrive quelque chose à votre belle clinique...
threat | on va venir vous rendre une petite visite, vous allez comprendre
threat insult | je vais te *crever* {staff} espèce de *pourriture*
threat | J'espère que tu as une bonne assurance pour ta voiture {staff}
hate harassment | Encore une étrangère qui nous prend nos emplois, retourne dans ton pays {staff}
hate | Avec un nom pareil ça m'étonne pas, les gens comme vous n'ont rien à faire ici
hate | Une clinique qui n'embauche que des étrangers, pas étonnant que les animaux meurent
sexual harassment | {staff} t'es *bonne*, envoie des photos 😏
sexual | je passerais bien une nuit avec la petite assistante blonde 😘😘
sexual harassment | {staff} je préfère quand tu te penches pour ausculter hein 😏
doxxing harassment | {staff} habite au {addr}, allez lui dire ce que vous pensez
doxxing harassment | Voilà le numéro perso de {staff} : {phone}, appelez jour et nuit
doxxing | Son numéro de sécu c'est {idnum}, amusez-vous
doxxing | Son mail perso pour ceux qui veulent lui écrire : {email}
doxxing threat | {staff} on a ton adresse, {addr}. À bientôt.
spam | 🎁 GIVEAWAY 🎁 Gagnez 1000€ en Bitcoin, cliquez ici {url}
spam | Votre page sera désactivée sous 24h. Vérifiez votre compte : {url}
spam | Je gagne 3000€ par semaine depuis chez moi grâce au trading crypto, contactez {handle} sur WhatsApp
spam | Croquettes premium -70% seulement aujourd'hui 👉 {url}
spam | Félicitations, vous avez gagné ! Frais de dossier de 19€ à verser sur {iban}
pii question | Bonjour pouvez-vous me rappeler au {phone} pour {pet} svp
pii | Je vous envoie mon adresse pour la facture : {addr}
pileon crisis | Justice pour {pet} {emo-}
pileon complaint accusation | Comment vous avez pu laisser mourir {pet} ?? Vous n'avez aucun cœur
pileon harassment insult accusation | {staff} est une *meurtrière*, elle a tué {pet}
pileon complaint | Je ne mettrai plus jamais les pieds chez vous après ce que vous avez fait à {pet}
pileon complaint | Honte à vous. HONTE.
pileon accusation crisis | Partagez au maximum, cette clinique tue des animaux {tag}
pileon harassment | Virez {staff} !!!
pileon harassment threat | {staff} on sait qui tu es et on va pas te lâcher
pileon insult accusation | Des *charlatans* qui tuent des animaux pour du fric
pileon complaint | Je viens de lire l'histoire de {pet}, je suis sous le choc. Vous devez des explications à sa famille.
campaign accusation crisis | {tag} Cette clinique a laissé mourir {pet} et refuse de s'expliquer. Partagez, boycottez.
campaign harassment crisis | {tag} Ne confiez plus vos animaux à {clinic}. {staff} doit rendre des comptes.
campaign crisis | {tag} Mettez 1 étoile à {clinic} pour que tout le monde sache
defend praise | J'étais dans la salle d'attente ce jour-là, l'équipe a tout fait. Arrêtez ce harcèlement.
defend praise | On soutient toute l'équipe ❤️ {staff} a sauvé notre chien l'an dernier
defend praise | Les gens qui insultent sans connaître les faits, franchement... courage à vous
defend praise | Perdre un animal c'est horrible mais menacer le personnel ça ne le ramènera pas
`
