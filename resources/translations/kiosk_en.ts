<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AssistedScreen</name>
    <message>
        <source>M'inscrire avec un·e conseiller·e</source>
        <translation>Sign up with a staff member</translation>
    </message>
    <message>
        <source>Adresse-toi à l'accueil : un·e conseiller·e va t'aider à commencer ton inscription. Tu peux aussi la commencer seul·e sur ton téléphone.</source>
        <translation>Ask at the front desk: a staff member will help you start signing up. You can also start on your own phone.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Jusqu'à 150 € pour ta culture</source>
        <translation>Up to €150 for culture</translation>
    </message>
    <message>
        <source>Tu as 17 ou 18 ans ? L'État t'offre un crédit pour tes livres, concerts, places de ciné…</source>
        <translation>17 or 18? The French State gives you credit for books, concerts, cinema tickets…</translation>
    </message>
    <message>
        <source>15 ou 16 ans ? C'est aussi pour toi</source>
        <translation>15 or 16? It's for you too</translation>
    </message>
    <message>
        <source>Crée ton compte et profite des sorties et ateliers gratuits près de chez toi.</source>
        <translation>Create your account and enjoy free outings and workshops near you.</translation>
    </message>
    <message>
        <source>Tout près d'ici</source>
        <translation>Right around here</translation>
    </message>
    <message>
        <source>Spectacles, musées, librairies, cinémas : découvre ce qui se passe autour de la médiathèque.</source>
        <translation>Shows, museums, bookshops, cinemas: see what's on around the library.</translation>
    </message>
    <message>
        <source>On t'aide à t'inscrire</source>
        <translation>We'll help you sign up</translation>
    </message>
    <message>
        <source>Un·e conseiller·e de l'accueil peut commencer ton inscription avec toi.</source>
        <translation>A staff member at the front desk can start your registration with you.</translation>
    </message>
    <message>
        <source>Touche l'écran pour commencer</source>
        <translation>Touch the screen to start</translation>
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
        <source>Besoin d'aide ? L'équipe de l'accueil peut t'accompagner.</source>
        <translation>Need help? The front desk team is here for you.</translation>
    </message>
    <message>
        <source>Scanne avec l'appareil photo de ton téléphone</source>
        <translation>Scan with your phone's camera</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>Tu es toujours là ?</source>
        <translation>Are you still there?</translation>
    </message>
    <message numerus="yes">
        <source>%n seconde(s)</source>
        <translation>
            <numerusform>%n second</numerusform><numerusform>%n seconds</numerusform></translation>
    </message>
    <message>
        <source>Sans réponse, la borne efface tout ce que tu as saisi pour protéger tes informations.</source>
        <translation>Without an answer, the kiosk erases everything you entered to protect your information.</translation>
    </message>
    <message>
        <source>Oui, je continue</source>
        <translation>Yes, I'm here</translation>
    </message>
    <message>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>EligibilityScreen</name>
    <message>
        <source>Suis-je éligible ?</source>
        <translation>Am I eligible?</translation>
    </message>
    <message>
        <source>Le test d'éligibilité arrive très bientôt sur cette borne. En attendant, fais-le sur ton téléphone : ça prend une minute.</source>
        <translation>The eligibility check is coming to this kiosk very soon. Meanwhile, do it on your phone: it takes one minute.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Salut ! Qu'est-ce qu'on fait ?</source>
        <translation>Hi! What would you like to do?</translation>
    </message>
    <message>
        <source>Suis-je éligible ?</source>
        <translation>Am I eligible?</translation>
    </message>
    <message>
        <source>Découvre en une minute ce que le pass Culture t'offre.</source>
        <translation>Find out in one minute what the pass Culture gives you.</translation>
    </message>
    <message>
        <source>Découvrir les offres près d'ici</source>
        <translation>Discover offers nearby</translation>
    </message>
    <message>
        <source>Livres, concerts, ciné, expos… autour de toi.</source>
        <translation>Books, concerts, cinema, exhibitions… around you.</translation>
    </message>
    <message>
        <source>M'inscrire avec un·e conseiller·e</source>
        <translation>Sign up with a staff member</translation>
    </message>
    <message>
        <source>Quelqu'un de l'équipe t'accompagne pas à pas.</source>
        <translation>Someone from the team guides you step by step.</translation>
    </message>
    <message>
        <source>La borne ne garde rien : touche « Terminer » quand tu as fini.</source>
        <translation>The kiosk keeps nothing: touch “Finish” when you are done.</translation>
    </message>
</context>
<context>
    <name>OffersScreen</name>
    <message>
        <source>Les offres près d'ici</source>
        <translation>Offers nearby</translation>
    </message>
    <message>
        <source>Bientôt, tu pourras parcourir ici les sorties, livres et ateliers autour de toi. En attendant, retrouve-les dans l'application pass Culture.</source>
        <translation>Soon you will be able to browse outings, books and workshops around you here. Meanwhile, find them in the pass Culture app.</translation>
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
    <name>TopBar</name>
    <message>
        <source>Terminer</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Efface tout ce que tu as saisi et revient à l'accueil</source>
        <translation>Erases everything you entered and goes back to the start</translation>
    </message>
</context>
<context>
    <name>TrainingRibbon</name>
    <message>
        <source>MODE FORMATION · démonstration, aucune donnée n'est envoyée</source>
        <translation>TRAINING MODE · demonstration, no data is sent</translation>
    </message>
</context>
</TS>