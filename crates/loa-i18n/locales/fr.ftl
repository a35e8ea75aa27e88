# loa — site des lecteurs, français.

## Site frame

site-name = Loa — L’actualité du Vietnam
site-tagline = Les nouvelles du Vietnam, dans votre langue
skip-to-content = Aller au contenu principal
nav-label = Rubriques
nav-home = À la une
language-switcher-label = Lire cette page dans une autre langue
footer-text = Loa republie des articles de journaux vietnamiens et renvoie chaque article à sa source. Les traductions automatiques sont signalées et peuvent comporter des erreurs.
meta-description-home = Les dernières nouvelles du Vietnam, traduites dans votre langue.

## Sections

category-news = Actualités
category-political-system = Système politique
category-local = Régions
category-heritage = Patrimoine
category-figures = Personnalités
category-business = Économie
category-product = Produits
category-travel = Voyages
category-video = Vidéo

## Front page and lists

home-latest = Derniers articles
home-empty = Aucun article n’a encore été publié dans cette langue.
list-empty = Cette rubrique ne contient encore aucun article.
author-heading = Articles de { $author }
pagination-label = Pagination
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-page-of = Page { $page } sur { $pages }

## Article page

article-published = Publié le
article-updated = Mis à jour le
article-places = Lieux
article-by = Par { $author }
article-source = Source : { $outlet }
article-machine-translation = Cet article a été traduit automatiquement.
article-original-language = Langue d’origine : { $language }
comments-heading = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
comments-empty = Aucun commentaire pour l’instant. Soyez le premier à donner votre avis.
comment-form-heading = Ajouter un commentaire
comment-form-name = Votre nom
comment-form-body = Votre commentaire
comment-form-hint = Les commentaires sont publiés après lecture par un modérateur. { $max } caractères au maximum.
comment-form-submit = Envoyer le commentaire
comment-form-trap = Laissez ce champ vide.
comment-form-thanks = Merci. Votre commentaire sera publié dès qu’un modérateur l’aura lu.
comment-form-invalid = Veuillez indiquer votre nom et un commentaire de { $max } caractères au maximum.
comment-form-throttled = Vous avez envoyé plusieurs commentaires en peu de temps. Veuillez patienter quelques minutes.
related-same-topic = Sur le même sujet
related-same-topic-empty = Aucun autre article sur ce sujet pour l’instant.
related-same-category = Dans la même rubrique
related-same-category-empty = Aucun autre article dans cette rubrique pour l’instant.
related-same-author = Du même auteur
related-same-author-empty = Aucun autre article de cet auteur pour l’instant.
videos-heading = Vidéos
videos-empty = Aucune vidéo disponible.
video-link = Voir la vidéo : { $title }
video-play = Lire : { $title }
video-loads-from = La lecture charge la vidéo depuis { $host }.
video-back = Retour à l’article
article-unavailable = Cet article n’est pas disponible dans cette langue.
article-available-in = Vous pouvez le lire en :

## Search

search-label = Rechercher sur le site
search-placeholder = Noms, lieux, sujets…
search-button = Rechercher
search-heading = Recherche
search-results = { $count ->
    [one] { $count } article trouvé
   *[other] { $count } articles trouvés
}
search-no-results = Aucun article ne correspond à votre recherche. Essayez avec moins de mots ou d’autres mots.
search-prompt = Saisissez un nom, un lieu ou un sujet pour chercher parmi tous les articles.
search-refine = Affiner les résultats
search-facet-category = Rubrique
search-facet-lang = Langue
search-facet-author = Auteur
search-facet-place = Lieu
search-sort-label = Ordre
search-sort-relevance = Les plus pertinents
search-sort-date = Les plus récents d’abord
search-all-languages = Toutes les langues
search-dates-label = Publié entre
search-date-from = Du
search-date-to = Au
search-active-filters = Filtres actifs
search-remove-filter = Retirer le filtre : { $filter }
search-clear-filters = Retirer tous les filtres
search-bad-date = Cette date est illisible ; choisissez-la dans le calendrier ou écrivez-la sous la forme année-mois-jour.

## Errors

not-found-title = Page introuvable
not-found-body = La page demandée n’existe pas ou a été déplacée.
not-found-home = Revenir à la une
error-title = Une erreur s’est produite
error-body = La page n’a pas pu être affichée. Veuillez réessayer dans un instant.
rate-limited-title = Trop de requêtes
rate-limited-body = Vous avez envoyé beaucoup de requêtes en peu de temps. Patientez une minute puis réessayez.

## Dates

date-format = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Language names

language-vi = vietnamien
language-en = anglais
language-ru = russe
language-uk = ukrainien
language-be = biélorusse
language-es = espagnol
language-fr = français
language-ca = catalan
language-pt = portugais
language-it = italien
language-gl = galicien
language-ro = roumain
language-de = allemand
language-zh = chinois
language-ja = japonais
language-ko = coréen
language-id = indonésien

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Rédaction
newsroom-sign-in-heading = Connexion à la rédaction
newsroom-username = Nom d’utilisateur
newsroom-password = Mot de passe
newsroom-sign-in = Se connecter
newsroom-sign-out = Se déconnecter
newsroom-sign-in-failed = Le nom d’utilisateur ou le mot de passe est incorrect.
newsroom-sign-in-throttled = Trop de tentatives infructueuses. Réessayez dans quelques minutes.
newsroom-signed-in-as = Connecté en tant que { $name } ({ $role })
newsroom-role-editor = éditeur
newsroom-role-translator = traducteur
newsroom-role-moderator = modérateur
newsroom-forbidden = Votre rôle ne le permet pas.
newsroom-review-heading = Traductions en attente de relecture
newsroom-review-empty = Aucune traduction n’est en attente de relecture.
newsroom-review-open = Lire et décider
newsroom-held-because = Motifs de la mise en attente :
newsroom-status-machine-translated = en attente de relecture
newsroom-status-failed = en échec
newsroom-status-reviewed = relue
newsroom-status-published = publiée
newsroom-segment-source = Texte d’origine ({ $language })
newsroom-segment-translation = Traduction ({ $language })
newsroom-segment-label = Segment n° { $number }
newsroom-save-corrections = Enregistrer les corrections
newsroom-corrected = { $count ->
    [0] Aucun segment n’a été modifié.
    [one] Un segment a été corrigé et mémorisé.
   *[other] { $count } segments ont été corrigés et mémorisés.
}
newsroom-publish = Publier
newsroom-withdraw = Retirer
newsroom-decided = La version en { $language } est désormais { $status }.
newsroom-history-heading = Historique
newsroom-history-empty = Personne n’a encore pris de décision sur cette version.
newsroom-action-published = Publiée par { $name }.
newsroom-action-withdrawn = Retirée par { $name }.
newsroom-action-corrected = { $count ->
    [one] { $name } a corrigé un segment.
   *[other] { $name } a corrigé { $count } segments.
}
newsroom-actor-command-line = la ligne de commande du serveur
newsroom-comments-heading = Commentaires en attente de modération
newsroom-comments-empty = Aucun commentaire n’est en attente de modération.
newsroom-comment-on = Sur « { $title } » ({ $language })
newsroom-approve = Approuver
newsroom-reject = Refuser
newsroom-comment-decided = Le commentaire a été { $decision ->
    [approved] approuvé
   *[rejected] refusé
}.
newsroom-decision-not-allowed = Cette décision n’est pas possible pour cette version dans son état actuel.
form-refused = Ce formulaire a été envoyé depuis un autre site et n’a donc pas été accepté.

## Why a translation is held: the checks' findings.

problem-empty = La traduction est vide : le moteur de traduction n’a renvoyé aucun texte.
problem-identical = La traduction est identique au texte d’origine : le texte n’a pas été traduit.
problem-missing-numbers = Des nombres du texte d’origine sont absents ou modifiés : { $numbers }.
problem-missing-terms = Des noms ou des termes du glossaire sont absents : { $terms }.
problem-wrong-language = La traduction semble rédigée en { $detected } et non en { $expected }.
problem-unrecognised-language = Impossible de confirmer que la traduction est en { $expected }.
problem-length-ratio = La traduction fait { $ratio } fois la longueur du texte d’origine, hors de la plage de { $min } à { $max } : du texte manque peut-être ou se répète.
problem-unknown-words = { $count ->
    [one] { $count } mot est resté non traduit ; le maximum admis ici est de { $limit }.
   *[other] { $count } mots sont restés non traduits ; le maximum admis ici est de { $limit }.
}
problem-generation-errors = { $count ->
    [one] { $count } forme de mot n’a pas pu être générée ; le maximum admis ici est de { $limit }.
   *[other] { $count } formes de mot n’ont pas pu être générées ; le maximum admis ici est de { $limit }.
}
problem-title-empty = Le titre traduit est vide.
problem-engine = Échec du moteur de traduction : { $detail }

## Feeds (Atom): their titles.

feed-title = Dernières nouvelles de { $site }
feed-title-category = { $category } sur { $site }
feed-title-author = { $author } sur { $site }
feed-title-place = { $place } sur { $site }

## The API's documentation page (/api/docs)

api-docs-title = L’API JSON
api-docs-intro = Toutes les lectures publiques de ce site en JSON, décrites par un document OpenAPI lisible par les programmes.
api-docs-document = Le document OpenAPI
api-docs-parameter = Paramètre
api-docs-where = Où
api-docs-meaning = Signification
api-docs-in-path = chemin
api-docs-in-query = requête
api-docs-answers = Réponses :

## A member's account page: API keys

account-title = Votre compte
account-keys-heading = Clés d’API
account-no-keys = Vous n’avez encore aucune clé d’API.
account-key-name = Nom de la nouvelle clé
account-create-key = Créer une clé
account-key-created = Copiez cette clé maintenant : elle n’est montrée qu’une fois. Les programmes l’envoient sous la forme Authorization: Bearer suivi de la clé.
account-revoke = Révoquer
account-key-revoked = La clé est révoquée : elle n’ouvre plus rien.
account-key-revoked-label = révoquée
account-key-made = créée le { $date }
account-key-used = dernière utilisation le { $date }
account-key-never-used = jamais utilisée
account-key-name-bad = Donnez à la clé un nom de 80 caractères au plus.

## Newsroom: sources
sources-title = Sources d’information
sources-add-heading = Suivre une source
sources-add-label = Adresse d’un flux, d’un plan de site ou d’une page qui en indique un
sources-add-hint = RSS, Atom, JSON Feed ou plan de site ; une page d’accueil qui déclare son flux convient aussi.
sources-add-submit = Suivre
sources-empty = Aucune source pour l’instant.
sources-caption = Sources suivies par loa
sources-col-outlet = Média et adresse
sources-col-state = État
sources-col-last-fetch = Dernière récupération
sources-col-error = Dernière erreur
sources-col-robots = Règles robots.txt
sources-col-articles = Articles
sources-col-actions = Actions
sources-kind-feed = flux
sources-kind-sitemap = plan de site
sources-active = Suivie
sources-paused = En pause
sources-never = Jamais
sources-failures-in-a-row = ({ $count } de suite)
sources-robots-allowed = Autorisé
sources-robots-refused = Refusé
sources-robots-unknown = Pas encore lu
sources-pause = Mettre en pause
sources-resume = Reprendre
sources-remove = Retirer
sources-notice-added = Source suivie ; sa première consultation est faite.
sources-notice-paused = Source en pause : elle n’est plus consultée jusqu’à sa reprise.
sources-notice-resumed = La source est de nouveau suivie.
sources-notice-removed = Source retirée ; ses articles sont conservés.
sources-cannot-follow-here = Ce nœud ne peut pas suivre de nouvelles sources.
sources-error-not-an-address = Ce n’est pas une adresse web (http ou https).
sources-error-not-a-feed = Cette adresse n’est ni un flux ni un plan de site, et la page n’en indique aucun. Rien n’a été ajouté.
sources-error-unreachable = Impossible de récupérer cette adresse : { $reason }
sources-error-failed = La source n’a pas pu être enregistrée. Réessayez ; l’incident est journalisé.
sources-error-action = Cette action n’existe pas pour une source.

## Newsroom: audit log
audit-title = Journal des décisions
audit-filter-member = Membre
audit-filter-action = Décision
audit-filter-lang = Langue
audit-filter-any = Toutes
audit-filter-submit = Filtrer
audit-empty = Aucune décision ne correspond.
audit-caption = Décisions de la rédaction, les plus récentes d’abord
audit-col-when = Quand
audit-col-who = Qui
audit-col-what = Décision
audit-col-story = Article ou source
audit-col-change = Ce qui a changé
audit-kind-published = Publiée
audit-kind-withdrawn = Retirée
audit-kind-corrected = Corrigée
audit-kind-approved = Commentaire approuvé
audit-kind-rejected = Commentaire refusé
audit-comment-pending = en attente de modération
audit-comment-visible = visible
audit-comment-rejected = refusé
audit-segments = { $count ->
    [one] { $count } segment corrigé
   *[other] { $count } segments corrigés
}
audit-older = Décisions plus anciennes

## Newsroom: account access
account-notice-password-changed = Mot de passe changé ; les autres navigateurs sont déconnectés.
account-notice-sessions-ended = Les autres navigateurs sont déconnectés.
account-sessions-heading = Où vous êtes connecté
account-session = Connexion le { $since }, valable jusqu’au { $until }
account-session-this = ce navigateur
account-end-other-sessions = Se déconnecter partout ailleurs
account-password-heading = Changer de mot de passe
account-password-current = Mot de passe actuel
account-password-new = Nouveau mot de passe (au moins { $min } caractères)
account-password-repeat = Nouveau mot de passe, à nouveau
account-password-submit = Changer le mot de passe
account-password-short = Le nouveau mot de passe doit compter au moins { $min } caractères.
account-password-mismatch = Les deux nouveaux mots de passe diffèrent.
account-password-wrong = Le mot de passe actuel est faux. Rien n’a changé.

## Newsroom: a story
story-title = Article
story-saved = Rubrique, lieux et thèmes enregistrés ; toutes les éditions suivent.
story-editions = Éditions
story-original = l’original
story-tags-heading = Rubrique, lieux et thèmes
story-category = Rubrique
story-places = Lieux (un par ligne)
story-topics = Thèmes (un par ligne)
story-tags-hint = Les changements touchent toutes les éditions, la recherche et les flux.
story-save = Enregistrer
story-error-category = Choisissez une des rubriques.
story-error-tags = Au plus { $max } lieux et { $max } thèmes, de { $chars } caractères au plus chacun. Rien n’a changé.
audit-kind-retagged = Reclassé
newsroom-action-retagged = Reclassé par { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date } à { $time } UTC
story-workflow-heading = Circuit de publication
story-state-now = État : { $state }
story-state-draft = Brouillon
story-state-in_review = En relecture
story-state-scheduled = Programmé
story-state-published = Publié
story-state-withdrawn = Retiré
story-publishes-at = Parution le { $time }
story-embargo-until = Sous embargo jusqu’au { $time }
story-publish-at-label = Publier le (UTC)
story-embargo-label = Embargo jusqu’au (UTC)
story-workflow-hint = Les lecteurs ne voient un article que lorsqu’il est publié. Les heures sont en UTC. Personne ne peut publier un article avant la fin de son embargo.
story-step-draft = Enregistrer comme brouillon
story-step-review = Envoyer en relecture
story-step-publish = Publier maintenant
story-step-schedule = Programmer
story-step-withdraw = Retirer
story-workflow-saved = L’état de l’article est enregistré ; lecteurs, recherche et flux suivent.
story-error-time = Une heure n’a pas pu être lue ; utilisez le calendrier ou la forme année-mois-jour heures:minutes.
story-error-no-time = Choisissez quand publier l’article avant de le programmer.
story-error-past = L’heure { $time } est déjà passée ; choisissez-en une plus tardive. Rien n’a été modifié.
story-error-embargoed = L’article est sous embargo jusqu’au { $time } ; programmez-le pour ce moment ou plus tard. Rien n’a été modifié.
story-error-before-embargo = L’heure programmée précède la fin de l’embargo, le { $time }. Rien n’a été modifié.
story-error-step = Cette étape n’est pas ouverte à l’article dans son état actuel. Rien n’a été modifié.
audit-kind-workflow = Circuit de publication
audit-actor-schedule = la programmation
schedule-title = Articles pas encore publics
schedule-empty = Tous les articles sont publiés : aucun brouillon, aucun article en relecture, programmé ou retiré.
schedule-col-story = Article
schedule-col-publish-at = Parution
schedule-col-embargo = Embargo jusqu’au
audit-kind-source_followed = Source suivie
audit-kind-source_paused = Source mise en pause
audit-kind-source_resumed = Source reprise
audit-kind-source_removed = Source retirée
audit-embargo = embargo jusqu’au { $time }
