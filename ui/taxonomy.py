"""Taxonomy labels (search groups, subcategories) in the visitor's language.

The central API names categories in French only; the labels it sends today are listed here
so that lupdate collects them and the English catalogue translates them. A label the API
adds later shows in French until a release translates it: better than nothing, and never
an error.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "taxonomy"

#: Every label the central API sends today (DOMAIN.md §4), marked for translation.
KNOWN_LABELS = frozenset({
    QT_TRANSLATE_NOOP("taxonomy", "Arts et loisirs créatifs"),
    QT_TRANSLATE_NOOP("taxonomy", "Cartes jeunes"),
    QT_TRANSLATE_NOOP("taxonomy", "Cinéma"),
    QT_TRANSLATE_NOOP("taxonomy", "Concerts et festivals"),
    QT_TRANSLATE_NOOP("taxonomy", "Évènements en ligne"),
    QT_TRANSLATE_NOOP("taxonomy", "Films, séries et documentaires"),
    QT_TRANSLATE_NOOP("taxonomy", "Jeux et jeux vidéos"),
    QT_TRANSLATE_NOOP("taxonomy", "Livres"),
    QT_TRANSLATE_NOOP("taxonomy", "Médias et presse"),
    QT_TRANSLATE_NOOP("taxonomy", "Musées et visites"),
    QT_TRANSLATE_NOOP("taxonomy", "Musique"),
    QT_TRANSLATE_NOOP("taxonomy", "Conférences et rencontres"),
    QT_TRANSLATE_NOOP("taxonomy", "Spectacles"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement (bibliothèques, médiathèques...)"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement concert"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement jeux vidéos"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement livres numériques"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement ludothèque"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement musée, carte ou pass"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement médiathèque"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement plateforme musicale"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement plateforme streaming"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement pratique artistique"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement presse en ligne"),
    QT_TRANSLATE_NOOP("taxonomy", "Abonnement spectacle"),
    QT_TRANSLATE_NOOP("taxonomy", "Achat instrument"),
    QT_TRANSLATE_NOOP("taxonomy", "Application culturelle"),
    QT_TRANSLATE_NOOP("taxonomy", "Atelier, stage de pratique artistique"),
    QT_TRANSLATE_NOOP("taxonomy", "Autre support numérique"),
    QT_TRANSLATE_NOOP("taxonomy", "Autre type d’évènement musical"),
    QT_TRANSLATE_NOOP("taxonomy", "Bon d’achat instrument"),
    QT_TRANSLATE_NOOP("taxonomy", "CD"),
    QT_TRANSLATE_NOOP("taxonomy", "Captation musicale"),
    QT_TRANSLATE_NOOP("taxonomy", "Carte cinéma illimité"),
    QT_TRANSLATE_NOOP("taxonomy", "Carte cinéma multi-séances"),
    QT_TRANSLATE_NOOP("taxonomy", "Carte jeunes"),
    QT_TRANSLATE_NOOP("taxonomy", "Catégorie technique Jeu support physique"),
    QT_TRANSLATE_NOOP("taxonomy", "Catégorie technique de thing d’activation"),
    QT_TRANSLATE_NOOP("taxonomy", "Catégorie technique d’oeuvre d’art"),
    QT_TRANSLATE_NOOP("taxonomy", "Catégorie technique d’évènement d’activation"),
    QT_TRANSLATE_NOOP("taxonomy", "Cinéma plein air"),
    QT_TRANSLATE_NOOP("taxonomy", "Concert"),
    QT_TRANSLATE_NOOP("taxonomy", "Concours - jeux"),
    QT_TRANSLATE_NOOP("taxonomy", "Conférence"),
    QT_TRANSLATE_NOOP("taxonomy", "Découverte des métiers"),
    QT_TRANSLATE_NOOP("taxonomy", "Escape game"),
    QT_TRANSLATE_NOOP("taxonomy", "Festival"),
    QT_TRANSLATE_NOOP("taxonomy", "Festival de cinéma"),
    QT_TRANSLATE_NOOP("taxonomy", "Festival de musique"),
    QT_TRANSLATE_NOOP("taxonomy", "Festival d’arts visuels / arts numériques"),
    QT_TRANSLATE_NOOP("taxonomy", "Festival et salon du livre"),
    QT_TRANSLATE_NOOP("taxonomy", "Jeux en ligne"),
    QT_TRANSLATE_NOOP("taxonomy", "Live stream d’évènement"),
    QT_TRANSLATE_NOOP("taxonomy", "Livestream musical"),
    QT_TRANSLATE_NOOP("taxonomy", "Livre"),
    QT_TRANSLATE_NOOP("taxonomy", "Livre audio sur support physique"),
    QT_TRANSLATE_NOOP("taxonomy", "Livre audio à télécharger"),
    QT_TRANSLATE_NOOP("taxonomy", "Livre numérique, e-book"),
    QT_TRANSLATE_NOOP("taxonomy", "Location instrument"),
    QT_TRANSLATE_NOOP("taxonomy", "Matériel arts créatifs"),
    QT_TRANSLATE_NOOP("taxonomy", "Musée vente à distance"),
    QT_TRANSLATE_NOOP("taxonomy", "Partition"),
    QT_TRANSLATE_NOOP("taxonomy", "Plateforme de pratique artistique"),
    QT_TRANSLATE_NOOP("taxonomy", "Podcast"),
    QT_TRANSLATE_NOOP("taxonomy", "Pratique artistique - livestream"),
    QT_TRANSLATE_NOOP("taxonomy", "Pratique artistique - vente à distance"),
    QT_TRANSLATE_NOOP("taxonomy", "Rencontre"),
    QT_TRANSLATE_NOOP("taxonomy", "Rencontre en ligne"),
    QT_TRANSLATE_NOOP("taxonomy", "Rencontres - jeux"),
    QT_TRANSLATE_NOOP("taxonomy", "Salon, Convention"),
    QT_TRANSLATE_NOOP("taxonomy", "Spectacle enregistré"),
    QT_TRANSLATE_NOOP("taxonomy", "Spectacle vivant - vente à distance"),
    QT_TRANSLATE_NOOP("taxonomy", "Spectacle, représentation"),
    QT_TRANSLATE_NOOP("taxonomy", "Support physique (DVD, Blu-ray...)"),
    QT_TRANSLATE_NOOP("taxonomy", "Séance de cinéma"),
    QT_TRANSLATE_NOOP("taxonomy", "Séance d’essai"),
    QT_TRANSLATE_NOOP("taxonomy", "Téléchargement de musique"),
    QT_TRANSLATE_NOOP("taxonomy", "Vidéo à la demande"),
    QT_TRANSLATE_NOOP("taxonomy", "Vinyles et autres supports"),
    QT_TRANSLATE_NOOP("taxonomy", "Visite"),
    QT_TRANSLATE_NOOP("taxonomy", "Visite guidée"),
    QT_TRANSLATE_NOOP("taxonomy", "Visite virtuelle"),
    QT_TRANSLATE_NOOP("taxonomy", "Évènement cinéma"),
    QT_TRANSLATE_NOOP("taxonomy", "Évènement et atelier patrimoine"),
    QT_TRANSLATE_NOOP("taxonomy", "Évènements - jeux"),
})


def translated_label(label: str) -> str:
    """``label`` in the language the kiosk shows now (French when not translated)."""
    return QCoreApplication.translate(CONTEXT, label) if label else ""
