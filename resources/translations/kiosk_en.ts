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
    <name>AssistedScreen</name>
    <message>
        <source>M&apos;inscrire avec un·e conseiller·e</source>
        <translation>Sign up with a staff member</translation>
    </message>
    <message>
        <source>Adresse-toi à l&apos;accueil&#xa0;: un·e conseiller·e va t&apos;aider à commencer ton inscription. Tu peux aussi la commencer seul·e sur ton téléphone.</source>
        <translation>Ask at the front desk: a staff member will help you start signing up. You can also start on your own phone.</translation>
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
    <name>OffersScreen</name>
    <message>
        <source>Les offres près d&apos;ici</source>
        <translation>Offers nearby</translation>
    </message>
    <message numerus="yes">
        <source>%Ln offre(s) t&apos;attendent autour de la médiathèque.</source>
        <translation>
            <numerusform>%Ln offer is waiting for you around the library.</numerusform>
            <numerusform>%Ln offers are waiting for you around the library.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bientôt, tu pourras parcourir ici les sorties, livres et ateliers autour de toi. En attendant, retrouve-les dans l&apos;application pass Culture.</source>
        <translation>Soon you will be able to browse outings, books and workshops around you here. Meanwhile, find them in the pass Culture app.</translation>
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
</TS>
