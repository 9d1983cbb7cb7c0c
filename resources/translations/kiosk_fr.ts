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
    <name>OffersScreen</name>
    <message numerus="yes">
        <source>%Ln offre(s) t&apos;attendent autour de la médiathèque.</source>
        <translation>
            <numerusform>%Ln offre t&apos;attend autour de la médiathèque.</numerusform>
            <numerusform>%Ln offres t&apos;attendent autour de la médiathèque.</numerusform>
        </translation>
    </message>
</context>
</TS>
