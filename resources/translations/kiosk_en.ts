<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccessibilityPanel</name>
    <message>
        <source>Accessibilité</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Taille du texte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Grand</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>Très grand</source>
        <translation>Very large</translation>
    </message>
    <message>
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Texte clair sur fond noir</source>
        <translation>Light text on a black background</translation>
    </message>
    <message>
        <source>Tout en bas de l&apos;écran</source>
        <translation>Everything at the bottom of the screen</translation>
    </message>
    <message>
        <source>Pour toucher sans lever le bras&#xa0;: fauteuil, enfants</source>
        <translation>To touch without raising your arm: wheelchair users, children</translation>
    </message>
    <message>
        <source>Lecture à voix haute</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>La borne lit chaque bouton que tu touches</source>
        <translation>The kiosk reads out each button you touch</translation>
    </message>
    <message>
        <source>Pas de voix disponible sur cette borne</source>
        <translation>No voice available on this kiosk</translation>
    </message>
</context>
<context>
    <name>AddressStep</name>
    <message>
        <source>Son adresse</source>
        <translation>Their address</translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Chercher la commune</source>
        <translation>Look up the town</translation>
    </message>
    <message>
        <source>La borne n&apos;a pas pu chercher la commune&#xa0;: écris-la.</source>
        <translation>The kiosk couldn&apos;t look up the town: type it in.</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town or city</translation>
    </message>
    <message>
        <source>Numéro et rue</source>
        <translation>Number and street</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>AssistedScreen</name>
    <message>
        <source>M&apos;inscrire avec un·e conseiller·e</source>
        <translation>Sign up with a staff member</translation>
    </message>
    <message>
        <source>Adresse-toi à l&apos;accueil : un·e conseiller·e va t&apos;aider à commencer ton inscription. Tu peux aussi la commencer seul·e sur ton téléphone.</source>
        <translation>Ask at the front desk: a staff member will help you start signing up. You can also start on your own on your phone.</translation>
    </message>
    <message>
        <source>Écris l&apos;adresse e-mail de la personne.</source>
        <translation>Type in the person&apos;s email address.</translation>
    </message>
    <message>
        <source>Une adresse e-mail n&apos;a ni accent ni caractère spécial&#xa0;: vérifie-la.</source>
        <translation>An email address has no accents or special characters: check it.</translation>
    </message>
    <message>
        <source>Une adresse e-mail n&apos;a pas d&apos;espace&#xa0;: vérifie-la.</source>
        <translation>An email address has no spaces: check it.</translation>
    </message>
    <message>
        <source>Cette adresse est trop longue (120 caractères au plus).</source>
        <translation>This address is too long (120 characters at most).</translation>
    </message>
    <message>
        <source>Cette adresse ne semble pas complète, par exemple prenom.nom@gmail.com.</source>
        <translation>This address doesn&apos;t look complete. It should look like firstname.surname@gmail.com.</translation>
    </message>
    <message>
        <source>Écris le nom comme sur la pièce d&apos;identité.</source>
        <translation>Type in the name as it is on the ID.</translation>
    </message>
    <message>
        <source>Un nom ne contient pas de chiffre.</source>
        <translation>A name has no numbers in it.</translation>
    </message>
    <message>
        <source>Écris le nom en lettres latines, comme sur la pièce d&apos;identité française ou le titre de séjour.</source>
        <translation>Type the name in Latin letters, as on the French ID card or the residence permit.</translation>
    </message>
    <message>
        <source>Seuls les lettres, espaces, tirets et apostrophes sont acceptés.</source>
        <translation>Only letters, spaces, hyphens and apostrophes are allowed.</translation>
    </message>
    <message>
        <source>Un nom ne commence ni ne finit par un tiret ou une apostrophe.</source>
        <translation>A name can&apos;t start or end with a hyphen or an apostrophe.</translation>
    </message>
    <message>
        <source>Un seul tiret, espace ou apostrophe entre deux parties du nom.</source>
        <translation>Just one hyphen, space or apostrophe between two parts of the name.</translation>
    </message>
    <message>
        <source>Ce nom est trop long (100 caractères au plus).</source>
        <translation>This name is too long (100 characters at most).</translation>
    </message>
    <message>
        <source>Écris le code postal du domicile.</source>
        <translation>Type in the postcode of their home.</translation>
    </message>
    <message>
        <source>Un code postal a 5 chiffres, par exemple 69100.</source>
        <translation>A French postcode has 5 digits, for example 69100.</translation>
    </message>
    <message>
        <source>Ce territoire n&apos;est pas couvert par le pass Culture.</source>
        <translation>The pass Culture doesn&apos;t cover this area.</translation>
    </message>
    <message>
        <source>Choisis ou écris la commune.</source>
        <translation>Choose or type in the town.</translation>
    </message>
    <message>
        <source>Ce texte contient des caractères non acceptés.</source>
        <translation>This text has characters that aren&apos;t allowed.</translation>
    </message>
    <message>
        <source>Ce nom de commune est trop long.</source>
        <translation>This town name is too long.</translation>
    </message>
    <message>
        <source>Cette adresse est trop longue (200 caractères au plus).</source>
        <translation>This address is too long (200 characters at most).</translation>
    </message>
    <message>
        <source>Cette date n&apos;existe pas. Vérifie le jour et le mois.</source>
        <translation>This date does not exist. Check the day and the month.</translation>
    </message>
    <message>
        <source>Vérifie l&apos;année de naissance.</source>
        <translation>Check the year of birth.</translation>
    </message>
    <message>
        <source>La personne est trop jeune pour s&apos;inscrire aujourd&apos;hui.</source>
        <translation>The person is too young to sign up today.</translation>
    </message>
    <message>
        <source>La personne a passé l&apos;âge du pass Culture.</source>
        <translation>The person is over the age limit for the pass Culture.</translation>
    </message>
    <message>
        <source>À cet âge, l&apos;inscription se termine dans l&apos;application si elle a été commencée avant 19 ans.</source>
        <translation>At this age, signing up can only be finished in the app, if it was started before turning 19.</translation>
    </message>
    <message>
        <source>Choisis la situation de la personne.</source>
        <translation>Choose the person&apos;s current situation.</translation>
    </message>
    <message>
        <source>Cette réponse n&apos;est pas acceptée&#xa0;: vérifie-la.</source>
        <translation>This answer isn't accepted: check it.</translation>
    </message>
    <message>
        <source>Collégien·ne</source>
        <translation>Collège pupil</translation>
    </message>
    <message>
        <source>Lycéen·ne</source>
        <translation>Lycée student</translation>
    </message>
    <message>
        <source>Étudiant·e</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Employé·e</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Apprenti·e</source>
        <translation>Apprentice</translation>
    </message>
    <message>
        <source>Alternant·e</source>
        <translation>Work-study student</translation>
    </message>
    <message>
        <source>Volontaire</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Inactif·ve</source>
        <translation>Not working</translation>
    </message>
    <message>
        <source>Demandeur·se d&apos;emploi</source>
        <translation>Job seeker</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Jusqu&apos;à 150 € pour ta culture</source>
        <translation>Up to €150 for culture</translation>
    </message>
    <message>
        <source>Tu as 17 ou 18 ans&#xa0;? L&apos;État t&apos;offre un crédit pour tes livres, concerts, places de ciné…</source>
        <translation>17 or 18? The French State gives you credit for books, concerts, cinema tickets…</translation>
    </message>
    <message>
        <source>15 ou 16 ans&#xa0;? C&apos;est aussi pour toi</source>
        <translation>15 or 16? It&apos;s for you too</translation>
    </message>
    <message>
        <source>Crée ton compte et profite des sorties et ateliers gratuits près de chez toi.</source>
        <translation>Create your account and enjoy free outings and workshops near you.</translation>
    </message>
    <message>
        <source>Tout près d&apos;ici</source>
        <translation>Right around here</translation>
    </message>
    <message>
        <source>Spectacles, musées, librairies, cinémas&#xa0;: découvre ce qui se passe autour de la médiathèque.</source>
        <translation>Shows, museums, bookshops, cinemas: see what&apos;s on around the library.</translation>
    </message>
    <message>
        <source>On t&apos;aide à t&apos;inscrire</source>
        <translation>We&apos;ll help you sign up</translation>
    </message>
    <message>
        <source>Un·e conseiller·e de l&apos;accueil peut commencer ton inscription avec toi.</source>
        <translation>A staff member at the front desk can start your registration with you.</translation>
    </message>
    <message>
        <source>Bientôt près d&apos;ici</source>
        <translation>Coming up nearby</translation>
    </message>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Touche l&apos;écran pour commencer</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <source>Accessibilité&#xa0;: taille du texte, contraste, écran plus bas</source>
        <translation>Accessibility: text size, contrast, lower screen</translation>
    </message>
</context>
<context>
    <name>BirthDateStep</name>
    <message>
        <source>Quelle est ta date de naissance&#xa0;?</source>
        <translation>When were you born?</translation>
    </message>
    <message>
        <source>Fais tourner les roues. La borne oublie ta réponse dès que tu as fini.</source>
        <translation>Turn the wheels. The kiosk forgets your answer as soon as you are done.</translation>
    </message>
    <message>
        <source>Cette date n&apos;existe pas (ce mois-là n&apos;a pas autant de jours). Vérifie le jour et le mois.</source>
        <translation>This date does not exist (that month is shorter). Check the day and the month.</translation>
    </message>
    <message>
        <source>Cette date n&apos;est pas encore arrivée&#xa0;! Vérifie l&apos;année de ta naissance.</source>
        <translation>This date hasn&apos;t come yet! Check your year of birth.</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>BirthdateStep</name>
    <message>
        <source>Sa date de naissance</source>
        <translation>Their date of birth</translation>
    </message>
    <message>
        <source>Attention&#xa0;: elle ne pourra plus être changée ensuite.</source>
        <translation>Careful: it can&apos;t be changed afterwards.</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>BottomNav</name>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Accueil</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>ClosedScreen</name>
    <message>
        <source>La borne se repose&#xa0;: le lieu est fermé.</source>
        <translation>The kiosk is resting: this place is closed.</translation>
    </message>
    <message>
        <source>Réouverture %1.</source>
        <translation>Open again %1.</translation>
    </message>
    <message>
        <source>En attendant, tout le pass Culture est dans l&apos;application.</source>
        <translation>Meanwhile, all of the pass Culture is in the app.</translation>
    </message>
</context>
<context>
    <name>ComingSoon</name>
    <message>
        <source>Besoin d&apos;aide&#xa0;? L&apos;équipe de l&apos;accueil peut t&apos;accompagner.</source>
        <translation>Need help? The front desk team is here for you.</translation>
    </message>
    <message>
        <source>Scanne avec l&apos;appareil photo de ton téléphone</source>
        <translation>Scan with your phone&apos;s camera</translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <source>Avant de commencer</source>
        <translation>Before we start</translation>
    </message>
    <message>
        <source>Lis ce texte avec la personne&#xa0;: c&apos;est elle qui décide.</source>
        <translation>Read this text with the person: it&apos;s their decision.</translation>
    </message>
    <message>
        <source>Pour commencer ton inscription au pass Culture, la borne note ton adresse e-mail, ta date de naissance, tes nom et prénom comme sur ta pièce d&apos;identité, ton adresse et ta situation. Aucun mot de passe&#xa0;: tu le choisiras sur ton téléphone.

Ces informations sont envoyées au pass Culture (ministère de la Culture) pour créer ton compte. Sur la borne, elles sont chiffrées et effacées dès que le pass Culture les a reçues, au plus tard après 30 jours si la borne n&apos;a pas pu les envoyer.

Tu peux demander à les consulter, les corriger ou les effacer auprès du pass Culture (support.passculture.app) ou de l&apos;accueil. Texte version %1.</source>
        <translation>To start your pass Culture registration, the kiosk records your email address, your date of birth, your first name and surname as on your ID, your address and your current situation. No password: you&apos;ll choose it on your phone.

This information is sent to the pass Culture (French Ministry of Culture) to create your account. On the kiosk, it is encrypted and erased as soon as the pass Culture has received it, or after 30 days at the latest if the kiosk could not send it.

You can ask the pass Culture (support.passculture.app) or the front desk to show you, correct or erase this information. Text version %1.</translation>
    </message>
    <message>
        <source>La personne est d&apos;accord</source>
        <translation>The person agrees</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>Tu es toujours là&#xa0;?</source>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <source>%n seconde(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Sans réponse, la borne efface tout ce que tu as saisi pour protéger tes informations.</source>
        <translation>Without an answer, the kiosk erases everything you entered to protect your information.</translation>
    </message>
    <message>
        <source>Oui, je continue</source>
        <translation>Yes, I&apos;m here</translation>
    </message>
    <message>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>DateWheels</name>
    <message>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Année</source>
        <translation>Year</translation>
    </message>
</context>
<context>
    <name>DigitPad</name>
    <message>
        <source>Effacer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Effacer le dernier chiffre</source>
        <translation>Delete the last digit</translation>
    </message>
</context>
<context>
    <name>EmailStep</name>
    <message>
        <source>Son adresse e-mail</source>
        <translation>Their email address</translation>
    </message>
    <message>
        <source>C&apos;est là qu&apos;arrivera le lien pour finir l&apos;inscription. Elle sera vérifiée.</source>
        <translation>That&apos;s where the link to finish signing up will arrive. The address will be verified.</translation>
    </message>
    <message>
        <source>Adresse e-mail</source>
        <translation>Email address</translation>
    </message>
    <message>
        <source>prenom.nom@exemple.fr</source>
        <translation>firstname.surname@example.com</translation>
    </message>
    <message>
        <source>Tu voulais dire %1&#xa0;?</source>
        <translation>Did you mean %1?</translation>
    </message>
    <message>
        <source>Oui, corriger</source>
        <translation>Yes, fix it</translation>
    </message>
    <message>
        <source>Non, garder</source>
        <translation>No, keep it</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>FilterChip</name>
    <message>
        <source>Retirer le filtre %1</source>
        <translation>Remove filter: %1</translation>
    </message>
</context>
<context>
    <name>HandOff</name>
    <message>
        <source>Scanne pour réserver dans l&apos;application pass Culture</source>
        <translation>Scan to book in the pass Culture app</translation>
    </message>
    <message>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>C&apos;est imprimé&#xa0;! Récupère ton ticket.</source>
        <translation>It&apos;s printed! Take your ticket.</translation>
    </message>
    <message>
        <source>Pas d&apos;imprimante ici&#xa0;: scanne plutôt le QR code.</source>
        <translation>No printer here: scan the QR code instead.</translation>
    </message>
    <message>
        <source>L&apos;impression n&apos;a pas marché&#xa0;: scanne plutôt le QR code.</source>
        <translation>Printing didn&apos;t work: scan the QR code instead.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Salut&#xa0;! Qu&apos;est-ce qu&apos;on fait&#xa0;?</source>
        <translation>Hi! What would you like to do?</translation>
    </message>
    <message>
        <source>Suis-je éligible&#xa0;?</source>
        <translation>Am I eligible?</translation>
    </message>
    <message>
        <source>Découvre en une minute ce que le pass Culture t&apos;offre.</source>
        <translation>Find out in one minute what the pass Culture gives you.</translation>
    </message>
    <message>
        <source>Découvrir les offres près d&apos;ici</source>
        <translation>Discover offers nearby</translation>
    </message>
    <message>
        <source>Livres, concerts, ciné, expos… autour de toi.</source>
        <translation>Books, concerts, cinema, exhibitions… around you.</translation>
    </message>
    <message>
        <source>M&apos;inscrire avec un·e conseiller·e</source>
        <translation>Sign up with a staff member</translation>
    </message>
    <message>
        <source>Quelqu&apos;un de l&apos;équipe t&apos;accompagne pas à pas.</source>
        <translation>Someone from the team guides you step by step.</translation>
    </message>
    <message>
        <source>La borne ne garde rien&#xa0;: touche «&#xa0;Terminer&#xa0;» quand tu as fini.</source>
        <translation>The kiosk keeps nothing: touch “Finish” when you are done.</translation>
    </message>
</context>
<context>
    <name>IdentityStep</name>
    <message>
        <source>Son prénom et son nom</source>
        <translation>Their first name and surname</translation>
    </message>
    <message>
        <source>Exactement comme sur sa pièce d&apos;identité&#xa0;: la vérification d&apos;identité les comparera.</source>
        <translation>Exactly as on their ID: the identity check will compare them.</translation>
    </message>
    <message>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Nom de famille</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>KioskToggle</name>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Non</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Tout se passe en bas de l&apos;écran</source>
        <translation>Everything happens at the bottom of the screen</translation>
    </message>
</context>
<context>
    <name>NationalityStep</name>
    <message>
        <source>Quelle est ta nationalité&#xa0;?</source>
        <translation>What is your nationality?</translation>
    </message>
    <message>
        <source>Le pass Culture est ouvert à toutes les nationalités.</source>
        <translation>The pass Culture is open to every nationality.</translation>
    </message>
    <message>
        <source>Française</source>
        <translation>French</translation>
    </message>
    <message>
        <source>Une autre nationalité</source>
        <translation>Another nationality</translation>
    </message>
</context>
<context>
    <name>OfferCard</name>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>OfferDetail</name>
    <message>
        <source>Cette offre n&apos;est plus disponible. Reviens à la liste pour en choisir une autre.</source>
        <translation>This offer is no longer available. Go back to the list to pick another one.</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>à %1 de la borne</source>
        <translation>%1 from the kiosk</translation>
    </message>
    <message>
        <source>Tu peux réserver pour toi et une personne de ton choix.</source>
        <translation>You can book for yourself and someone of your choice.</translation>
    </message>
    <message>
        <source>Accessible aux personnes en situation de handicap auditif</source>
        <translation>Accessible to people with hearing impairments</translation>
    </message>
    <message>
        <source>Accessible aux personnes en situation de handicap psychique ou cognitif</source>
        <translation>Accessible to people with mental or cognitive disabilities</translation>
    </message>
    <message>
        <source>Accessible aux personnes en situation de handicap moteur</source>
        <translation>Accessible to people with motor disabilities</translation>
    </message>
    <message>
        <source>Accessible aux personnes en situation de handicap visuel</source>
        <translation>Accessible to people with visual impairments</translation>
    </message>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Réserve-la dans l&apos;application pass Culture&#xa0;: scanne le QR code.</source>
        <translation>Book it in the pass Culture app: scan the QR code.</translation>
    </message>
</context>
<context>
    <name>OfferRow</name>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
</context>
<context>
    <name>OfferSearchBar</name>
    <message>
        <source>Rechercher une offre</source>
        <translation>Search for an offer</translation>
    </message>
    <message>
        <source>Un concert, un livre, un lieu…</source>
        <translation>A concert, a book, a place…</translation>
    </message>
    <message>
        <source>Effacer la recherche</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <source>Filtres (%1)</source>
        <translation>Filters (%1)</translation>
    </message>
    <message>
        <source>Filtres</source>
        <translation>Filters</translation>
    </message>
</context>
<context>
    <name>OffersFilters</name>
    <message>
        <source>Filtres</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Tout effacer</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Précise</source>
        <translation>Narrow it down</translation>
    </message>
    <message>
        <source>Prix</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Tous les prix</source>
        <translation>Any price</translation>
    </message>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Jusqu&apos;à %1 €</source>
        <translation>Up to €%1</translation>
    </message>
    <message>
        <source>Quand&#xa0;?</source>
        <translation>When?</translation>
    </message>
    <message>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Ce week-end</source>
        <translation>This weekend</translation>
    </message>
    <message>
        <source>Cette semaine</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Toutes les dates</source>
        <translation>Any date</translation>
    </message>
    <message>
        <source>Distance de la borne</source>
        <translation>Distance from the kiosk</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>Partout</source>
        <translation>Anywhere</translation>
    </message>
    <message>
        <source>Accessibilité</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Handicap auditif</source>
        <translation>Hearing impairment</translation>
    </message>
    <message>
        <source>Handicap psychique ou cognitif</source>
        <translation>Mental or cognitive disability</translation>
    </message>
    <message>
        <source>Handicap moteur</source>
        <translation>Motor disability</translation>
    </message>
    <message>
        <source>Handicap visuel</source>
        <translation>Visual impairment</translation>
    </message>
    <message>
        <source>Autres</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>À deux (offre duo)</source>
        <translation>For two (duo offer)</translation>
    </message>
    <message>
        <source>Sur place</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sur place et en ligne</source>
        <translation>In person and online</translation>
    </message>
    <message>
        <source>Trier par</source>
        <translation>Sort by</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Voir les offres</source>
        <translation>See the offers</translation>
    </message>
    <message>
        <source>Aucune offre avec ces filtres</source>
        <translation>No offers with these filters</translation>
    </message>
    <message>
        <source>Voir plus de %L1 offres</source>
        <translation>See over %L1 offers</translation>
    </message>
    <message numerus="yes">
        <source>Voir les %Ln offre(s)</source>
        <translation>
            <numerusform>See %Ln offer</numerusform>
            <numerusform>See %Ln offers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OffersHome</name>
    <message>
        <source>Un instant, on prépare les offres…</source>
        <translation>Just a moment, we&apos;re getting the offers ready…</translation>
    </message>
    <message>
        <source>Les offres arrivent dès que la borne a pu se synchroniser. Reviens dans un moment, ou retrouve-les dans l&apos;application pass Culture.</source>
        <translation>The offers will show up as soon as the kiosk has synced. Come back in a little while, or find them in the pass Culture app.</translation>
    </message>
    <message>
        <source>Cette semaine</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Tout près d&apos;ici</source>
        <translation>Right around here</translation>
    </message>
    <message>
        <source>Voir tout</source>
        <translation>See all</translation>
    </message>
</context>
<context>
    <name>OffersResults</name>
    <message>
        <source>Plus de %L1 offres</source>
        <translation>Over %L1 offers</translation>
    </message>
    <message numerus="yes">
        <source>%Ln offre(s)</source>
        <translation>
            <numerusform>%Ln offer</numerusform>
            <numerusform>%Ln offers</numerusform>
        </translation>
    </message>
    <message>
        <source>Aucun résultat.</source>
        <translation>No results.</translation>
    </message>
    <message>
        <source>Essaie un autre mot, ou moins de filtres.</source>
        <translation>Try another word, or fewer filters.</translation>
    </message>
    <message>
        <source>Retirer ce filtre</source>
        <translation>Remove this filter</translation>
    </message>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Jusqu&apos;à %1</source>
        <translation>Up to %1</translation>
    </message>
    <message>
        <source>À moins de %1</source>
        <translation>Within %1</translation>
    </message>
    <message>
        <source>10 km</source>
        <translation>10 km</translation>
    </message>
    <message>
        <source>À deux</source>
        <translation>For two</translation>
    </message>
    <message>
        <source>Essaie sans le filtre «&#xa0;%1&#xa0;».</source>
        <translation>Try without the “%1” filter.</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Sur place</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Handicap auditif</source>
        <translation>Hearing impairment</translation>
    </message>
    <message>
        <source>Handicap psychique ou cognitif</source>
        <translation>Mental or cognitive disability</translation>
    </message>
    <message>
        <source>Handicap moteur</source>
        <translation>Motor disability</translation>
    </message>
    <message>
        <source>Handicap visuel</source>
        <translation>Visual impairment</translation>
    </message>
    <message>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Ce week-end</source>
        <translation>This weekend</translation>
    </message>
    <message>
        <source>Cette semaine</source>
        <translation>This week</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Espace personnel</source>
        <translation>Staff area</translation>
    </message>
    <message>
        <source>Code personnel</source>
        <translation>Personal code</translation>
    </message>
    <message numerus="yes">
        <source>%n chiffre(s) saisi(s)</source>
        <translation>
            <numerusform>%n digit entered</numerusform>
            <numerusform>%n digits entered</numerusform>
        </translation>
    </message>
    <message>
        <source>Code incorrect. Réessaie.</source>
        <translation>Wrong code. Try again.</translation>
    </message>
    <message numerus="yes">
        <source>Trop d&apos;essais&#xa0;: le clavier est bloqué %n minute(s).</source>
        <translation>
            <numerusform>Too many tries: the keypad is locked for %n minute.</numerusform>
            <numerusform>Too many tries: the keypad is locked for %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>L&apos;espace personnel est indisponible sur cette borne.</source>
        <translation>The staff area is not available on this kiosk.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>PostalCodeStep</name>
    <message>
        <source>Quel est ton code postal&#xa0;?</source>
        <translation>What is your postcode?</translation>
    </message>
    <message>
        <source>Il sert à compter ton âge à la bonne heure, en outre-mer aussi. Tu peux passer cette question.</source>
        <translation>It tells us your local time, overseas too, to count your age right. You can skip this question.</translation>
    </message>
    <message>
        <source>Code postal saisi&#xa0;: %1</source>
        <translation>Postcode entered: %1</translation>
    </message>
    <message>
        <source>Un code postal a 5 chiffres, par exemple 75011. Complète-le, ou touche «&#xa0;Je ne sais pas&#xa0;».</source>
        <translation>A French postcode has 5 digits, for example 75011. Complete it, or touch “I don’t know”.</translation>
    </message>
    <message>
        <source>Je ne sais pas</source>
        <translation>I don&apos;t know</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>PricePill</name>
    <message>
        <source>Gratuit</source>
        <translation>Free</translation>
    </message>
</context>
<context>
    <name>QrCode</name>
    <message>
        <source>QR code à scanner avec ton téléphone</source>
        <translation>QR code to scan with your phone</translation>
    </message>
</context>
<context>
    <name>ResidenceStep</name>
    <message>
        <source>Tu vis en France depuis plus d&apos;un an&#xa0;?</source>
        <translation>Have you lived in France for more than a year?</translation>
    </message>
    <message>
        <source>C&apos;est la condition pour les jeunes qui n&apos;ont pas la nationalité française.</source>
        <translation>This is the condition for young people who are not French nationals.</translation>
    </message>
    <message>
        <source>Oui, plus d&apos;un an</source>
        <translation>Yes, more than a year</translation>
    </message>
    <message>
        <source>Non, moins d&apos;un an</source>
        <translation>No, less than a year</translation>
    </message>
</context>
<context>
    <name>ResultStep</name>
    <message>
        <source>%1 à tes %2 ans, le %3.</source>
        <translation>%1 when you turn %2, on %3.</translation>
    </message>
    <message>
        <source>Ton crédit sera valable jusqu&apos;au %1, la veille de tes 21 ans.</source>
        <translation>Your credit will be valid until %1, the day before you turn 21.</translation>
    </message>
    <message>
        <source>Bonus de %1 en plus à 18 ans si le quotient familial de ta famille est de %2 ou moins, ou si tu touches l&apos;AAH ou l&apos;AEEH. Tu le demandes dans l&apos;application.</source>
        <translation>An extra %1 bonus at 18 if your family&apos;s quotient familial is %2 or less, or if you receive the AAH or AEEH disability allowance. You ask for it in the app.</translation>
    </message>
    <message>
        <source>Bonne nouvelle&#xa0;: tu as droit au pass Culture&#xa0;!</source>
        <translation>Good news: you can get the pass Culture!</translation>
    </message>
    <message>
        <source>à dépenser en culture</source>
        <translation>to spend on culture</translation>
    </message>
    <message>
        <source>Inscris-toi au plus tard le %1.</source>
        <translation>Sign up by %1 at the latest.</translation>
    </message>
    <message>
        <source>Crée ton compte sur ton téléphone</source>
        <translation>Create your account on your phone</translation>
    </message>
    <message>
        <source>dès maintenant</source>
        <translation>right now</translation>
    </message>
    <message>
        <source>Et ce n&apos;est pas fini&#xa0;:</source>
        <translation>And that&apos;s not all:</translation>
    </message>
    <message>
        <source>Tu peux déjà profiter des offres gratuites&#xa0;!</source>
        <translation>You can already enjoy free offers!</translation>
    </message>
    <message>
        <source>Crée ton compte pour réserver des sorties, ateliers et spectacles gratuits.</source>
        <translation>Create your account to book free outings, workshops and shows.</translation>
    </message>
    <message>
        <source>Ensuite, ton crédit arrive&#xa0;:</source>
        <translation>Then your credit arrives:</translation>
    </message>
    <message>
        <source>C&apos;est encore un peu tôt</source>
        <translation>It&apos;s a little early</translation>
    </message>
    <message>
        <source>Reviens à partir du %1 (tes %2 ans)&#xa0;: tu pourras créer ton compte.</source>
        <translation>Come back from %1 (when you turn %2): you will be able to create your account.</translation>
    </message>
    <message>
        <source>Ce qui t&apos;attend&#xa0;:</source>
        <translation>What awaits you:</translation>
    </message>
    <message>
        <source>Le pass Culture se demande avant 19 ans</source>
        <translation>The pass Culture must be requested before 19</translation>
    </message>
    <message>
        <source>Tu as commencé ton inscription avant tes 19 ans&#xa0;? Termine-la dans l&apos;application&#xa0;: scanne le QR code.</source>
        <translation>Did you start signing up before you turned 19? Finish it in the app: scan the QR code.</translation>
    </message>
    <message>
        <source>Sinon, l&apos;équipe de la médiathèque peut te proposer d&apos;autres bons plans.</source>
        <translation>Otherwise, the library team can suggest other good deals.</translation>
    </message>
    <message>
        <source>Termine ton inscription sur ton téléphone</source>
        <translation>Finish signing up on your phone</translation>
    </message>
    <message>
        <source>Le pass Culture est réservé aux 15-18 ans</source>
        <translation>The pass Culture is for 15 to 18 year olds</translation>
    </message>
    <message>
        <source>Tu ne peux plus en profiter, mais la médiathèque a plein d&apos;autres choses à te proposer&#xa0;: demande à l&apos;accueil&#xa0;!</source>
        <translation>You can no longer get it, but the library has plenty of other things for you: ask at the front desk!</translation>
    </message>
    <message>
        <source>Le pass Culture n&apos;est pas encore ouvert dans ta commune</source>
        <translation>The pass Culture is not open in your area yet</translation>
    </message>
    <message>
        <source>Il n&apos;est pas disponible dans la Province Nord de Nouvelle-Calédonie ni dans les îles Loyauté. Vérifie ton code postal ou demande à l&apos;accueil.</source>
        <translation>It is not available in the North Province of New Caledonia or the Loyalty Islands. Check your postcode or ask at the front desk.</translation>
    </message>
    <message>
        <source>Il faut vivre en France depuis plus d&apos;un an</source>
        <translation>You need to have lived in France for more than a year</translation>
    </message>
    <message>
        <source>Le pass Culture est ouvert aux jeunes de nationalité française, et aux autres quand ils vivent en France depuis plus d&apos;un an. Reviens quand ce sera ton cas&#xa0;!</source>
        <translation>The pass Culture is open to young French nationals, and to others once they have lived in France for more than a year. Come back when that is your case!</translation>
    </message>
    <message>
        <source>Refaire le test</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Voir les sorties près d&apos;ici</source>
        <translation>See what&apos;s on nearby</translation>
    </message>
    <message>
        <source>Scanne avec l&apos;appareil photo de ton téléphone</source>
        <translation>Scan with your phone&apos;s camera</translation>
    </message>
    <message>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>1. Ouvre l&apos;e-mail du pass Culture envoyé à %1 et confirme ton adresse.</source>
        <translation>1. Open the pass Culture email sent to %1 and confirm your address.</translation>
    </message>
    <message>
        <source>2. Choisis ton mot de passe sur ton téléphone (la borne ne le connaît pas).</source>
        <translation>2. Choose your password on your phone (the kiosk doesn&apos;t know it).</translation>
    </message>
    <message>
        <source>3. Vérifie ton identité sur ton téléphone avec ta pièce d&apos;identité originale (5 minutes), ou avec ÉduConnect si tu es lycéen·ne, ou par la procédure manuelle (quelques jours).</source>
        <translation>3. Verify your identity on your phone with your original ID (5 minutes), or with ÉduConnect if you&apos;re at lycée, or through the manual process (a few days).</translation>
    </message>
    <message>
        <source>4. Confirme sur l&apos;honneur que tes informations sont exactes&#xa0;: ton crédit est alors disponible.</source>
        <translation>4. Confirm on your honour that your information is correct: your credit is then available.</translation>
    </message>
    <message>
        <source>C&apos;est envoyé&#xa0;!</source>
        <translation>It&apos;s sent!</translation>
    </message>
    <message>
        <source>C&apos;est enregistré, ça partira tout seul</source>
        <translation>It&apos;s saved and will be sent automatically</translation>
    </message>
    <message>
        <source>Le pass Culture a refusé ces informations</source>
        <translation>The pass Culture turned down this information</translation>
    </message>
    <message>
        <source>La borne n&apos;a pas pu enregistrer l&apos;inscription</source>
        <translation>The kiosk couldn&apos;t save the registration</translation>
    </message>
    <message>
        <source>Scanne le QR code pour finir ton inscription sur ton téléphone.</source>
        <translation>Scan the QR code to finish signing up on your phone.</translation>
    </message>
    <message>
        <source>La borne l&apos;enverra dès que le réseau sera revenu, puis un e-mail arrivera à %1.</source>
        <translation>The kiosk will send it as soon as the network is back, then an email will arrive at %1.</translation>
    </message>
    <message>
        <source>Préviens l&apos;accueil. La personne peut aussi s&apos;inscrire sur son téléphone.</source>
        <translation>Let the front desk know. The person can also sign up on their phone.</translation>
    </message>
    <message>
        <source>Imprimer le ticket</source>
        <translation>Print the ticket</translation>
    </message>
    <message>
        <source>Ton inscription au pass Culture</source>
        <translation>Your pass Culture registration</translation>
    </message>
    <message>
        <source>Ton inscription partira bientôt</source>
        <translation>Your registration will be sent soon</translation>
    </message>
    <message>
        <source>La borne enverra ton inscription dès que le réseau sera revenu&#xa0;; un e-mail arrivera ensuite.</source>
        <translation>The kiosk will send your registration as soon as the network is back; an email will follow.</translation>
    </message>
    <message>
        <source>Nouvelle inscription</source>
        <translation>New registration</translation>
    </message>
    <message>
        <source>C&apos;est imprimé&#xa0;! Récupère ton ticket.</source>
        <translation>It&apos;s printed! Take your ticket.</translation>
    </message>
    <message>
        <source>Pas d&apos;imprimante ici&#xa0;: scanne plutôt le QR code.</source>
        <translation>No printer here: scan the QR code instead.</translation>
    </message>
    <message>
        <source>L&apos;impression n&apos;a pas marché&#xa0;: scanne plutôt le QR code.</source>
        <translation>Printing didn&apos;t work: scan the QR code instead.</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>On vérifie ensemble</source>
        <translation>Let&apos;s check together</translation>
    </message>
    <message>
        <source>Relis avec la personne. Touche «&#xa0;Modifier&#xa0;» pour corriger une ligne.</source>
        <translation>Read it through with the person. Touch “Edit” to correct a line.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Date de naissance</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Prénom et nom</source>
        <translation>First name and surname</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Current situation</translation>
    </message>
    <message>
        <source>Bons plans par e-mail&#xa0;: oui</source>
        <translation>Good deals by email: yes</translation>
    </message>
    <message>
        <source>Bons plans par e-mail&#xa0;: non</source>
        <translation>Good deals by email: no</translation>
    </message>
    <message>
        <source>Modifier</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Aucun mot de passe ici&#xa0;: la personne le choisira sur son téléphone.</source>
        <translation>No password here: the person will choose it on their phone.</translation>
    </message>
    <message>
        <source>Envoi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Envoyer</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>SessionTools</name>
    <message>
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Lire l&apos;écran à voix haute</source>
        <translation>Read the screen aloud</translation>
    </message>
    <message>
        <source>Accessibilité&#xa0;: taille du texte, contraste, écran plus bas</source>
        <translation>Accessibility: text size, contrast, lower screen</translation>
    </message>
    <message>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Efface tout ce que tu as saisi et revient à l&apos;accueil</source>
        <translation>Erases everything you entered and goes back to the start</translation>
    </message>
</context>
<context>
    <name>StaffRibbon</name>
    <message>
        <source>MODE ASSISTÉ — %1</source>
        <translation>ASSISTED MODE — %1</translation>
    </message>
    <message>
        <source>Espace personnel</source>
        <translation>Staff area</translation>
    </message>
    <message>
        <source>Verrouiller</source>
        <translation>Lock</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Cet espace est réservé au personnel de l&apos;accueil.</source>
        <translation>This area is for front desk staff only.</translation>
    </message>
    <message>
        <source>Espace personnel</source>
        <translation>Staff area</translation>
    </message>
    <message>
        <source>Nouvelle inscription</source>
        <translation>New registration</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Dernière réussie</source>
        <translation>Last successful</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>en ligne</source>
        <translation>online</translation>
    </message>
    <message>
        <source>hors ligne</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Offres réservables</source>
        <translation>Bookable offers</translation>
    </message>
    <message>
        <source>Écart d&apos;horloge</source>
        <translation>Clock offset</translation>
    </message>
    <message>
        <source>inconnu</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Synchroniser maintenant</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Tester l&apos;imprimante</source>
        <translation>Test the printer</translation>
    </message>
    <message>
        <source>Test d&apos;impression</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>Si tu lis ceci, l&apos;imprimante fonctionne.</source>
        <translation>If you can read this, the printer works.</translation>
    </message>
    <message>
        <source>Ticket imprimé.</source>
        <translation>Ticket printed.</translation>
    </message>
    <message>
        <source>Aucune imprimante ne répond.</source>
        <translation>No printer is responding.</translation>
    </message>
    <message>
        <source>Inscriptions à envoyer</source>
        <translation>Registrations to send</translation>
    </message>
    <message>
        <source>En attente</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>À revoir</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>Envoyées aujourd&apos;hui</source>
        <translation>Sent today</translation>
    </message>
    <message>
        <source>Problème&#xa0;: la file d&apos;envoi est indisponible ou a été réparée. Préviens l&apos;informatique.</source>
        <translation>Problem: the sending queue is unavailable or has been repaired. Let IT know.</translation>
    </message>
    <message>
        <source>N° %1 · %2 · %3</source>
        <translation>No. %1 · %2 · %3</translation>
    </message>
    <message>
        <source>refusée</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>en attente</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>Réessayer</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Aujourd&apos;hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Éligibilités vérifiées</source>
        <translation>Eligibility checks</translation>
    </message>
    <message>
        <source>Inscriptions commencées</source>
        <translation>Registrations started</translation>
    </message>
    <message>
        <source>Offres consultées</source>
        <translation>Offers viewed</translation>
    </message>
    <message>
        <source>%1&#xa0;: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>StatusStep</name>
    <message>
        <source>Sa situation</source>
        <translation>Their current situation</translation>
    </message>
    <message>
        <source>Recevoir les bons plans du pass Culture par e-mail</source>
        <translation>Get good deals from the pass Culture by email</translation>
    </message>
    <message>
        <source>Facultatif. Désinscription possible à tout moment.</source>
        <translation>Optional. They can unsubscribe at any time.</translation>
    </message>
    <message>
        <source>Continuer</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>StepTitle</name>
    <message>
        <source>Étape %1 sur %2</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>TrainingRibbon</name>
    <message>
        <source>MODE FORMATION · démonstration, aucune donnée n&apos;est envoyée</source>
        <translation>TRAINING MODE · demonstration, no data is sent</translation>
    </message>
</context>
<context>
    <name>VenueLink</name>
    <message>
        <source>Voir le lieu&#xa0;: %1</source>
        <translation>See the place: %1</translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>à %1 de la borne</source>
        <translation>%1 from the kiosk</translation>
    </message>
    <message>
        <source>%1&#xa0;: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>fermé</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>Accessible à tous les handicaps (auditif, psychique, moteur, visuel)</source>
        <translation>Accessible for all disabilities (hearing, mental, motor, visual)</translation>
    </message>
    <message>
        <source>Handicap auditif</source>
        <translation>Hearing impairment</translation>
    </message>
    <message>
        <source>Handicap psychique ou cognitif</source>
        <translation>Mental or cognitive disability</translation>
    </message>
    <message>
        <source>Handicap moteur</source>
        <translation>Motor disability</translation>
    </message>
    <message>
        <source>Handicap visuel</source>
        <translation>Visual impairment</translation>
    </message>
    <message>
        <source>Retrouve ce lieu et ses offres dans l&apos;application pass Culture&#xa0;: scanne le QR code.</source>
        <translation>Find this place and its offers in the pass Culture app: scan the QR code.</translation>
    </message>
    <message>
        <source>Ses offres</source>
        <translation>Offers here</translation>
    </message>
</context>
<context>
    <name>taxonomy</name>
    <message>
        <source>Arts et loisirs créatifs</source>
        <extracomment>Every label the central API sends today (DOMAIN.md §4), marked for translation.</extracomment>
        <translation>Arts and crafts</translation>
    </message>
    <message>
        <source>Cartes jeunes</source>
        <translation>Youth cards</translation>
    </message>
    <message>
        <source>Cinéma</source>
        <translation>Cinema</translation>
    </message>
    <message>
        <source>Concerts et festivals</source>
        <translation>Concerts and festivals</translation>
    </message>
    <message>
        <source>Évènements en ligne</source>
        <translation>Online events</translation>
    </message>
    <message>
        <source>Films, séries et documentaires</source>
        <translation>Films, series and documentaries</translation>
    </message>
    <message>
        <source>Jeux et jeux vidéos</source>
        <translation>Games and video games</translation>
    </message>
    <message>
        <source>Livres</source>
        <translation>Books</translation>
    </message>
    <message>
        <source>Médias et presse</source>
        <translation>Media and press</translation>
    </message>
    <message>
        <source>Musées et visites</source>
        <translation>Museums and visits</translation>
    </message>
    <message>
        <source>Musique</source>
        <translation>Music</translation>
    </message>
    <message>
        <source>Conférences et rencontres</source>
        <translation>Talks and meet-ups</translation>
    </message>
    <message>
        <source>Spectacles</source>
        <translation>Shows</translation>
    </message>
    <message>
        <source>Abonnement (bibliothèques, médiathèques...)</source>
        <translation>Membership (libraries, media libraries...)</translation>
    </message>
    <message>
        <source>Abonnement concert</source>
        <translation>Concert subscription</translation>
    </message>
    <message>
        <source>Abonnement jeux vidéos</source>
        <translation>Video game subscription</translation>
    </message>
    <message>
        <source>Abonnement livres numériques</source>
        <translation>E-book subscription</translation>
    </message>
    <message>
        <source>Abonnement ludothèque</source>
        <translation>Games library membership</translation>
    </message>
    <message>
        <source>Abonnement musée, carte ou pass</source>
        <translation>Museum membership, card or pass</translation>
    </message>
    <message>
        <source>Abonnement médiathèque</source>
        <translation>Media library membership</translation>
    </message>
    <message>
        <source>Abonnement plateforme musicale</source>
        <translation>Music platform subscription</translation>
    </message>
    <message>
        <source>Abonnement plateforme streaming</source>
        <translation>Streaming subscription</translation>
    </message>
    <message>
        <source>Abonnement pratique artistique</source>
        <translation>Arts classes subscription</translation>
    </message>
    <message>
        <source>Abonnement presse en ligne</source>
        <translation>Online press subscription</translation>
    </message>
    <message>
        <source>Abonnement spectacle</source>
        <translation>Shows subscription</translation>
    </message>
    <message>
        <source>Achat instrument</source>
        <translation>Instrument purchase</translation>
    </message>
    <message>
        <source>Application culturelle</source>
        <translation>Cultural app</translation>
    </message>
    <message>
        <source>Atelier, stage de pratique artistique</source>
        <translation>Arts workshop or course</translation>
    </message>
    <message>
        <source>Autre support numérique</source>
        <translation>Other digital media</translation>
    </message>
    <message>
        <source>Autre type d’évènement musical</source>
        <translation>Other music event</translation>
    </message>
    <message>
        <source>Bon d’achat instrument</source>
        <translation>Instrument voucher</translation>
    </message>
    <message>
        <source>CD</source>
        <translation>CD</translation>
    </message>
    <message>
        <source>Captation musicale</source>
        <translation>Recorded music performance</translation>
    </message>
    <message>
        <source>Carte cinéma illimité</source>
        <translation>Unlimited cinema card</translation>
    </message>
    <message>
        <source>Carte cinéma multi-séances</source>
        <translation>Multi-screening cinema card</translation>
    </message>
    <message>
        <source>Carte jeunes</source>
        <translation>Youth card</translation>
    </message>
    <message>
        <source>Catégorie technique Jeu support physique</source>
        <translation>Technical category: physical game</translation>
    </message>
    <message>
        <source>Catégorie technique de thing d’activation</source>
        <translation>Technical category: activation item</translation>
    </message>
    <message>
        <source>Catégorie technique d’oeuvre d’art</source>
        <translation>Technical category: artwork</translation>
    </message>
    <message>
        <source>Catégorie technique d’évènement d’activation</source>
        <translation>Technical category: activation event</translation>
    </message>
    <message>
        <source>Cinéma plein air</source>
        <translation>Open-air cinema</translation>
    </message>
    <message>
        <source>Concert</source>
        <translation>Concert</translation>
    </message>
    <message>
        <source>Concours - jeux</source>
        <translation>Games competition</translation>
    </message>
    <message>
        <source>Conférence</source>
        <translation>Talk</translation>
    </message>
    <message>
        <source>Découverte des métiers</source>
        <translation>Discovering careers</translation>
    </message>
    <message>
        <source>Escape game</source>
        <translation>Escape room</translation>
    </message>
    <message>
        <source>Festival</source>
        <translation>Festival</translation>
    </message>
    <message>
        <source>Festival de cinéma</source>
        <translation>Film festival</translation>
    </message>
    <message>
        <source>Festival de musique</source>
        <translation>Music festival</translation>
    </message>
    <message>
        <source>Festival d’arts visuels / arts numériques</source>
        <translation>Visual / digital arts festival</translation>
    </message>
    <message>
        <source>Festival et salon du livre</source>
        <translation>Book festival and fair</translation>
    </message>
    <message>
        <source>Jeux en ligne</source>
        <translation>Online games</translation>
    </message>
    <message>
        <source>Live stream d’évènement</source>
        <translation>Event livestream</translation>
    </message>
    <message>
        <source>Livestream musical</source>
        <translation>Music livestream</translation>
    </message>
    <message>
        <source>Livre</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>Livre audio sur support physique</source>
        <translation>Audiobook (physical copy)</translation>
    </message>
    <message>
        <source>Livre audio à télécharger</source>
        <translation>Downloadable audiobook</translation>
    </message>
    <message>
        <source>Livre numérique, e-book</source>
        <translation>E-book</translation>
    </message>
    <message>
        <source>Location instrument</source>
        <translation>Instrument hire</translation>
    </message>
    <message>
        <source>Matériel arts créatifs</source>
        <translation>Art supplies</translation>
    </message>
    <message>
        <source>Musée vente à distance</source>
        <translation>Museum (sold online)</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Sheet music</translation>
    </message>
    <message>
        <source>Plateforme de pratique artistique</source>
        <translation>Arts learning platform</translation>
    </message>
    <message>
        <source>Podcast</source>
        <translation>Podcast</translation>
    </message>
    <message>
        <source>Pratique artistique - livestream</source>
        <translation>Arts class - livestream</translation>
    </message>
    <message>
        <source>Pratique artistique - vente à distance</source>
        <translation>Arts class - sold online</translation>
    </message>
    <message>
        <source>Rencontre</source>
        <translation>Meet-up</translation>
    </message>
    <message>
        <source>Rencontre en ligne</source>
        <translation>Online meet-up</translation>
    </message>
    <message>
        <source>Rencontres - jeux</source>
        <translation>Games meet-up</translation>
    </message>
    <message>
        <source>Salon, Convention</source>
        <translation>Fair, convention</translation>
    </message>
    <message>
        <source>Spectacle enregistré</source>
        <translation>Recorded show</translation>
    </message>
    <message>
        <source>Spectacle vivant - vente à distance</source>
        <translation>Live show - sold online</translation>
    </message>
    <message>
        <source>Spectacle, représentation</source>
        <translation>Show, performance</translation>
    </message>
    <message>
        <source>Support physique (DVD, Blu-ray...)</source>
        <translation>Physical media (DVD, Blu-ray...)</translation>
    </message>
    <message>
        <source>Séance de cinéma</source>
        <translation>Cinema screening</translation>
    </message>
    <message>
        <source>Séance d’essai</source>
        <translation>Trial session</translation>
    </message>
    <message>
        <source>Téléchargement de musique</source>
        <translation>Music download</translation>
    </message>
    <message>
        <source>Vidéo à la demande</source>
        <translation>Video on demand</translation>
    </message>
    <message>
        <source>Vinyles et autres supports</source>
        <translation>Vinyl and other formats</translation>
    </message>
    <message>
        <source>Visite</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>Visite guidée</source>
        <translation>Guided tour</translation>
    </message>
    <message>
        <source>Visite virtuelle</source>
        <translation>Virtual tour</translation>
    </message>
    <message>
        <source>Évènement cinéma</source>
        <translation>Cinema event</translation>
    </message>
    <message>
        <source>Évènement et atelier patrimoine</source>
        <translation>Heritage event and workshop</translation>
    </message>
    <message>
        <source>Évènements - jeux</source>
        <translation>Games events</translation>
    </message>
</context>
</TS>
