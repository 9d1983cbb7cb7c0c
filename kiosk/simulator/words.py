"""French word lists the demo data combines into realistic names (all fictitious).

Names of people, bands, books and shows are made up by combining these lists; places are
real towns of the Lyon metropolitan area (see :mod:`kiosk.simulator.data`). Nothing here
names a real business's product.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Inès", "Chloé", "Jade", "Louise", "Zoé", "Lina", "Sarah",
    "Nora", "Yasmine", "Aïcha", "Élise", "Margaux", "Lucas", "Hugo", "Louis", "Nathan",
    "Gabriel", "Adam", "Raphaël", "Arthur", "Mathis", "Théo", "Karim", "Samir", "Mamadou",
    "Yanis", "Bastien", "Julien", "Antoine", "Thomas", "Malik", "Sofiane", "Océane",
    "Clémence", "Maëlle", "Anouk", "Iris", "Noé", "Salomé", "Ismaël", "Fatou", "Paul",
)  # fmt: skip

LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Benali", "Diallo", "Nguyen", "Traoré", "Haddad",
    "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Perrin", "Chevalier", "Da Silva",
)  # fmt: skip

TITLE_HEADS = (
    "Les Ombres", "La Nuit", "Le Silence", "Les Jardins", "La Mémoire", "L'Écho",
    "Le Dernier Été", "Les Lumières", "La Traversée", "Le Souffle", "Les Oiseaux",
    "La Ligne", "Le Chant", "Les Rêveurs", "La Maison", "L'Heure bleue", "Le Vent",
    "Les Vagues", "La Fugue", "Le Secret", "Les Heures claires", "La Promesse", "Le Passage",
    "Les Invisibles", "La Dernière Lettre", "Le Pont", "Les Étoiles filantes", "La Tempête",
)  # fmt: skip

TITLE_TAILS = (
    "de la Croix-Rousse", "du Rhône", "des canuts", "d'octobre", "de minuit",
    "sous la pluie", "du bout du monde", "des Monts d'Or", "de la Saône", "d'ailleurs",
    "sans fin", "de l'hiver", "des étoiles", "du quartier", "de Fourvière", "d'un été",
    "des grands lacs", "de la ville basse", "du dernier train", "au bord de l'eau",
    "des lucioles", "de Villeurbanne", "entre deux rives", "de la nuit blanche",
)  # fmt: skip

FILM_TITLES = (
    "Au-delà des collines", "Le Grand Départ", "Nuits fauves", "Les Enfants du fleuve",
    "Tout reste à faire", "Cœurs battants", "La Mécanique des rêves", "Hors-champ",
    "Le Garçon et la mer", "Petites Victoires", "Sous le même ciel", "Les Intrépides",
    "Vent debout", "Mémoires d'un robot", "La Fille du phare", "Dernière Séance",
    "L'Été de nos quinze ans", "Les Funambules", "Opération Tournesol", "À toute allure",
)  # fmt: skip

ENSEMBLE_KINDS = ("Quartet", "Trio", "Collectif", "Duo", "Ensemble", "Orchestre", "Big Band")

ENSEMBLE_NAMES = (
    "Ambre", "Sirocco", "Ébène", "Lumen", "Opale", "Mistral", "Azur", "Boréal", "Cobalt",
    "Aurore", "Saphir", "Nomade", "Tramontane", "Canopée", "Marée haute", "Brindille",
)  # fmt: skip

BAND_NAMES = (
    "Les Canuts Électriques", "Les Gones Sonores", "La Fanfare du Lundi", "Les Traboules",
    "Pixel Paradis", "Les Oiseaux de Nuit", "Radio Caramel", "Les Voix du Quartier",
    "Kalimba Sound System", "Les Mauvaises Herbes", "Chorale Arc-en-ciel", "Néon Bleu",
)  # fmt: skip

PLACES = (
    "Fourvière", "la Croix-Rousse", "la Saône", "la Guillotière", "Gerland", "la Part-Dieu",
    "Gratte-Ciel", "Vaulx", "la Doua", "Perrache", "Confluence", "la Tête d'Or",
)  # fmt: skip

MUSIC_GENRES = (
    "jazz", "rap", "électro", "rock", "pop", "classique", "reggae", "chanson française",
    "musiques du monde", "soul", "folk", "metal",
)  # fmt: skip

DISCIPLINES = (
    "BD", "linogravure", "slam", "photo argentique", "beatmaking", "sérigraphie",
    "danse hip-hop", "théâtre d'impro", "écriture", "céramique", "street art",
    "montage vidéo", "chant", "aquarelle", "MAO", "stop motion", "fanzine", "couture",
    "manga", "DJing", "graff", "podcast",
)  # fmt: skip

TOPICS = (
    "les métiers du jeu vidéo", "l'histoire du hip-hop", "la BD aujourd'hui",
    "l'intelligence artificielle et la création", "les femmes dans l'art",
    "le cinéma d'animation", "l'écologie en BD", "les fake news", "la ville de demain",
    "le patrimoine industriel lyonnais", "la musique et le cerveau", "les mangas",
    "écrire sa première chanson", "le street art à Lyon", "le climat expliqué simplement",
)  # fmt: skip

ROLES = ("autrice", "auteur", "illustratrice", "illustrateur", "réalisatrice", "réalisateur",
         "musicienne", "musicien", "photographe", "journaliste", "game designer")  # fmt: skip

EXHIBITIONS = (
    "Couleurs du Japon", "Lyon, 2000 ans d'histoire", "Le Temps des canuts",
    "Photographier la ville", "Bande dessinée et révoltes", "Sciences en jeu",
    "Trésors gallo-romains", "Objets du quotidien", "L'Art en mouvement", "Lumières d'Afrique",
)  # fmt: skip

HERITAGE = (
    "les traboules du Vieux-Lyon", "le quartier des Gratte-Ciel", "les pentes de la Croix-Rousse",
    "les théâtres romains", "les murs peints", "l'Hôtel de Ville", "les bords de Saône",
    "la cité Tony-Garnier", "le parc de la Tête d'Or", "les ateliers de soierie",
)  # fmt: skip

PLAYS = (
    "Le Bal des oubliés", "Cyrano, version slam", "Molière en baskets", "La Cantatrice chauve",
    "Les Fourberies de Scapin", "Antigone 2.0", "Rêves de cirque", "Le Petit Prince",
    "Huis clos", "Roméo et Juliette", "Ubu roi", "Les Précieuses ridicules", "Le Cid",
)  # fmt: skip

SHOW_KINDS = ("Théâtre", "Danse", "Cirque", "Humour", "Marionnettes", "Stand-up", "Opéra")

INSTRUMENTS = (
    "Guitare classique", "Ukulélé", "Violon", "Clavier arrangeur", "Batterie électronique",
    "Guitare électrique", "Flûte traversière", "Saxophone alto", "Basse électrique",
    "Contrôleur DJ", "Cajón", "Trompette",
)  # fmt: skip

BOARD_GAMES = ("jeux de société", "échecs", "Mario Kart", "jeux de rôle", "e-sport",
               "jeux coopératifs", "quiz musical", "Just Dance")  # fmt: skip

ESCAPE_THEMES = (
    "Le Laboratoire secret", "Évasion de la bibliothèque", "Le Trésor des canuts",
    "Mission Apollo", "La Malédiction du pharaon", "Le Manoir hanté",
)  # fmt: skip

PUBLISHERS = (
    "Éditions des Traboules", "Le Chardon", "Éditions La Fontaine", "Presses du Rhône",
    "Éditions Lumière", "Le Carré Noir", "Éditions du Gone", "Bulles & Cie",
)  # fmt: skip

PLATFORMS = (
    "CinéStream", "Lirelib", "Podcastine", "Arcadia Jeux", "Studio Mélodie", "ÉcranLibre",
    "Musicolab", "PresseJeunes", "Atelier en ligne",
)  # fmt: skip

STREETS = (
    "rue de la République", "avenue Jean-Jaurès", "place de la Mairie", "rue Victor-Hugo",
    "boulevard du 11-Novembre-1918", "cours Émile-Zola", "rue Paul-Bert", "rue Pasteur",
    "avenue Roger-Salengro", "rue Anatole-France", "place du Marché", "rue des Écoles",
    "chemin des Vignes", "rue Gambetta", "rue Jean-Moulin", "avenue Henri-Barbusse",
    "rue Lamartine", "quai Perrache", "rue de la Gare", "place Bellecour",
)  # fmt: skip

DESCRIPTIONS = (
    "Une belle découverte pour les curieux et les curieuses.",
    "Réservation conseillée : les places sont limitées.",
    "Viens seul·e ou avec tes ami·es !",
    "Accessible à toutes et à tous, aucun prérequis.",
    "Un rendez-vous à ne pas manquer cette saison.",
    "L'équipe t'accueille avant et après pour échanger.",
    "Coup de cœur de l'équipe.",
    "Retrait sur place avec ta contremarque.",
)  # fmt: skip

# Names of famous people that streets and médiathèques in France are often named after.
HONOURED = (
    "Simone-Veil", "Louise-Michel", "Jacques-Prévert", "Aimé-Césaire", "George-Sand",
    "Colette", "Albert-Camus", "Marie-Curie", "Victor-Hugo", "Jules-Verne",
    "Olympe-de-Gouges", "Gisèle-Halimi", "Joséphine-Baker", "Romain-Rolland",
)  # fmt: skip

VENUE_NAMES: dict[str, tuple[str, ...]] = {
    "LIBRARY": ("Médiathèque {honoured}", "Bibliothèque municipale {de_town}",
                "Médiathèque {de_town}"),
    "CINEMA": ("Cinéma Le Rex", "Cinéma Le Méliès", "Cinéma L'Écran", "Cinéma Les Variétés",
               "Cinéma Le Studio", "Cinéma Le Lux", "Cinéma L'Alhambra", "Ciné {town}"),
    "MUSEUM": ("Musée d'Histoire {de_town}", "Musée de la Photographie",
               "Musée des Beaux-Arts {de_town}", "Musée de l'Imprimerie et du Livre",
               "Musée du Textile", "Musée des Sciences {de_town}"),
    "BOOKSTORE": ("Librairie La Plume", "Librairie Les Mots Passants", "Librairie Le Marque-Page",
                  "Librairie La Bulle", "Librairie Au Fil des Pages", "Librairie La Virgule",
                  "Librairie Les Mille Feuilles", "Librairie Le Chat Lettré"),
    "PERFORMANCE_HALL": ("Théâtre {de_town}", "Salle L'Échappée", "La Scène {de_town}",
                         "Le Carré", "L'Embarcadère", "Espace {honoured}", "L'Atrium"),
    "MUSIC_INSTRUMENT_STORE": ("Accords Musique", "La Clé de Sol", "Do Ré Mi Musique",
                               "Harmonie Instruments"),
    "RECORD_STORE": ("Disquaire Sillons", "Microsillon", "Face B Disques", "Vinyl Café"),
    "ARTS_CENTRE": ("Centre d'arts {de_town}", "La Fabrique", "Les Ateliers {honoured}"),
    "CREATIVE_ARTS_STORE": ("Beaux-Arts {town}", "L'Atelier du Peintre", "Papeterie Créative"),
    "CULTURAL_CENTRE": ("Centre culturel {honoured}", "Maison de la culture {de_town}"),
    "COMMUNITY_CENTRE": ("MJC {de_town}", "Maison de quartier {honoured}",
                         "Centre social {honoured}"),
    "HERITAGE_SITE": ("Château {de_town}", "Site archéologique {de_town}",
                      "Maison du patrimoine {de_town}"),
    "FESTIVAL": ("Festival Les Nuits {de_town}", "Festival Jeunes Pousses",
                 "Festival BD {de_town}"),
    "ART_GALLERY": ("Galerie Lumen", "Galerie Opale", "Galerie des Pentes"),
    "DISTRIBUTION_STORE": ("Espace culturel {de_town}", "Multimédia {town}"),
    "OTHER": ("{platform}",),
}  # fmt: skip
"""Name templates of the venues, by activity."""
