<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CountdownOverlay</name>
    <message numerus="yes">
        <source>%n seconde(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OffersFilters</name>
    <message numerus="yes">
        <source>Voir les %Ln offre(s)</source>
        <translation>
            <numerusform>Voir %Ln offre</numerusform>
            <numerusform>Voir les %Ln offres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OffersResults</name>
    <message numerus="yes">
        <source>%Ln offre(s)</source>
        <translation>
            <numerusform>%Ln offre</numerusform>
            <numerusform>%Ln offres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message numerus="yes">
        <source>%n chiffre(s) saisi(s)</source>
        <translation>
            <numerusform>%n chiffre saisi</numerusform>
            <numerusform>%n chiffres saisis</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trop d&apos;essais&#xa0;: le clavier est bloqué %n minute(s).</source>
        <translation>
            <numerusform>Trop d&apos;essais&#xa0;: le clavier est bloqué %n minute.</numerusform>
            <numerusform>Trop d&apos;essais&#xa0;: le clavier est bloqué %n minutes.</numerusform>
        </translation>
    </message>
</context>
</TS>
