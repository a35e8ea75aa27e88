# loa — lloc per als lectors, català.

## Site frame

site-name = Loa — Notícies del Vietnam
site-tagline = L’actualitat del Vietnam, en la teva llengua
skip-to-content = Vés al contingut principal
nav-label = Seccions
nav-home = Portada
language-switcher-label = Llegeix aquesta pàgina en una altra llengua
footer-text = Loa republica informació de diaris vietnamites i enllaça cada notícia amb la seva font. Les traduccions automàtiques estan indicades i poden contenir errors.
meta-description-home = Les últimes notícies del Vietnam, traduïdes a la teva llengua.

## Sections

category-news = Notícies
category-political-system = Sistema polític
category-local = Províncies
category-heritage = Patrimoni
category-figures = Personatges
category-business = Economia
category-product = Productes
category-travel = Viatges
category-video = Vídeo

## Front page and lists

home-latest = Últimes notícies
home-empty = Encara no s’ha publicat cap notícia en aquesta llengua.
list-empty = Aquesta secció encara no té notícies.
author-heading = Notícies de { $author }
pagination-label = Paginació
pagination-previous = Pàgina anterior
pagination-next = Pàgina següent
pagination-page-of = Pàgina { $page } de { $pages }

## Article page

article-published = Publicat
article-updated = Actualitzat
article-places = Llocs
article-by = Per { $author }
article-source = Font: { $outlet }
article-machine-translation = Aquesta notícia s’ha traduït automàticament.
article-original-language = Llengua original: { $language }
comments-heading = { $count ->
    [one] { $count } comentari
   *[other] { $count } comentaris
}
comments-empty = Encara no hi ha comentaris. Sigues el primer a opinar.
comment-form-heading = Deixa un comentari
comment-form-name = El teu nom
comment-form-body = El teu comentari
comment-form-hint = Els comentaris es publiquen quan un moderador els ha llegit. Com a màxim, { $max } caràcters.
comment-form-submit = Envia el comentari
comment-form-trap = Deixa aquest camp buit.
comment-form-thanks = Gràcies. El teu comentari apareixerà quan un moderador l’hagi llegit.
comment-form-invalid = Escriu el teu nom i un comentari de { $max } caràcters com a màxim.
comment-form-throttled = Has enviat diversos comentaris en poc temps. Espera uns minuts, si us plau.
related-same-topic = Sobre el mateix tema
related-same-topic-empty = Encara no hi ha altres notícies sobre aquest tema.
related-same-category = Més en aquesta secció
related-same-category-empty = Encara no hi ha altres notícies en aquesta secció.
related-same-author = Més d’aquest autor
related-same-author-empty = Encara no hi ha altres notícies d’aquest autor.
videos-heading = Vídeos
videos-empty = No hi ha cap vídeo disponible.
video-link = Mira el vídeo: { $title }
video-play = Reprodueix: { $title }
video-loads-from = En reproduir-lo, el vídeo es carrega des de { $host }.
video-back = Torna a la notícia
article-unavailable = Aquesta notícia no està disponible en aquesta llengua.
article-available-in = La pots llegir en:

## Search

search-label = Cerca al lloc
search-placeholder = Noms, llocs, temes…
search-button = Cerca
search-heading = Cerca
search-results = { $count ->
    [one] { $count } notícia trobada
   *[other] { $count } notícies trobades
}
search-no-results = Cap notícia no coincideix amb la cerca. Prova-ho amb menys paraules o amb unes altres.
search-prompt = Escriu un nom, un lloc o un tema per cercar entre totes les notícies.
search-refine = Afinar els resultats
search-facet-category = Secció
search-facet-lang = Llengua
search-facet-author = Autor
search-facet-place = Lloc
search-sort-label = Ordre
search-sort-relevance = Més pertinents
search-sort-date = Més recents primer
search-all-languages = Totes les llengües
search-dates-label = Publicat entre
search-date-from = Des del
search-date-to = Fins al
search-active-filters = Filtres actius
search-remove-filter = Treu el filtre: { $filter }
search-clear-filters = Treu tots els filtres
search-bad-date = No s’ha pogut llegir la data; trieu-la al calendari o escriviu-la com a any-mes-dia.

## Errors

not-found-title = No s’ha trobat la pàgina
not-found-body = La pàgina que cerques no existeix o ha canviat d’adreça.
not-found-home = Vés a la portada
error-title = Alguna cosa ha fallat
error-body = No s’ha pogut mostrar la pàgina. Torna-ho a provar d’aquí a un moment.
rate-limited-title = Massa sol·licituds
rate-limited-body = Has enviat moltes sol·licituds en poc temps. Espera un minut i torna-ho a provar.

## Dates: the month names carry their preposition ("de gener", "d’abril").

date-format = { $day } { $month } de { $year }
month-1 = de gener
month-2 = de febrer
month-3 = de març
month-4 = d’abril
month-5 = de maig
month-6 = de juny
month-7 = de juliol
month-8 = d’agost
month-9 = de setembre
month-10 = d’octubre
month-11 = de novembre
month-12 = de desembre

## Language names

language-vi = vietnamita
language-en = anglès
language-ru = rus
language-uk = ucraïnès
language-be = belarús
language-es = castellà
language-fr = francès
language-ca = català
language-pt = portuguès
language-it = italià
language-gl = gallec
language-ro = romanès
language-de = alemany
language-zh = xinès
language-ja = japonès
language-ko = coreà
language-id = indonesi

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Redacció
newsroom-sign-in-heading = Accés a la redacció
newsroom-username = Nom d’usuari
newsroom-password = Contrasenya
newsroom-sign-in = Inicia la sessió
newsroom-sign-out = Tanca la sessió
newsroom-sign-in-failed = El nom d’usuari o la contrasenya no són correctes.
newsroom-sign-in-throttled = Massa intents fallits. Torna-ho a provar d’aquí a uns minuts.
newsroom-signed-in-as = Sessió iniciada com a { $name } ({ $role })
newsroom-role-editor = responsable d’edició
newsroom-role-translator = traductor
newsroom-role-moderator = moderador
newsroom-forbidden = El teu rol no et permet fer això.
newsroom-review-heading = Traduccions pendents de revisió
newsroom-review-empty = No hi ha cap traducció pendent de revisió.
newsroom-review-open = Llegeix i decideix
newsroom-held-because = Motius de la retenció:
newsroom-status-machine-translated = pendent de revisió
newsroom-status-failed = marcada com a fallida
newsroom-status-reviewed = revisada
newsroom-status-published = publicada
newsroom-segment-source = Text original ({ $language })
newsroom-segment-translation = Traducció ({ $language })
newsroom-segment-label = Fragment { $number }
newsroom-save-corrections = Desa les correccions
newsroom-corrected = { $count ->
    [0] No s’ha canviat cap segment.
    [one] S’ha corregit i memoritzat un segment.
   *[other] S’han corregit i memoritzat { $count } segments.
}
newsroom-publish = Publica
newsroom-withdraw = Retira
newsroom-decided = La versió en { $language } ara està { $status }.
newsroom-history-heading = Historial
newsroom-history-empty = Ningú no ha decidit encara sobre aquesta versió.
newsroom-action-published = Publicada per { $name }.
newsroom-action-withdrawn = Retirada per { $name }.
newsroom-action-corrected = { $count ->
    [one] { $name } ha corregit un segment.
   *[other] { $name } ha corregit { $count } segments.
}
newsroom-actor-command-line = la línia d’ordres del servidor
newsroom-comments-heading = Comentaris pendents de moderació
newsroom-comments-empty = No hi ha cap comentari pendent de moderació.
newsroom-comment-on = Sobre «{ $title }» ({ $language })
newsroom-approve = Aprova
newsroom-reject = Rebutja
newsroom-comment-decided = El comentari s’ha { $decision ->
    [approved] aprovat
   *[rejected] rebutjat
}.
newsroom-decision-not-allowed = Aquesta decisió no és possible per a aquesta versió en el seu estat actual.
form-refused = Aquest formulari s’ha enviat des d’un altre lloc, així que no s’ha acceptat.

## Why a translation is held: the checks' findings.

problem-empty = La traducció és buida: el motor de traducció no ha retornat cap text.
problem-identical = La traducció és idèntica al text original: el text no s’ha traduït.
problem-missing-numbers = Falten xifres del text original o s’han alterat: { $numbers }.
problem-missing-terms = Falten noms o termes del glossari: { $terms }.
problem-wrong-language = La traducció sembla escrita en { $detected }, no en { $expected }.
problem-unrecognised-language = No es pot confirmar que la traducció estigui en { $expected }.
problem-length-ratio = La traducció fa { $ratio } vegades la llargada del text original, fora del marge de { $min } a { $max }: pot ser que hi falti text o que n’hi hagi de repetit.
problem-unknown-words = { $count ->
    [one] { $count } paraula ha quedat sense traduir; el màxim admès aquí és { $limit }.
   *[other] { $count } paraules han quedat sense traduir; el màxim admès aquí és { $limit }.
}
problem-generation-errors = { $count ->
    [one] No s’ha pogut generar { $count } forma de paraula; el màxim admès aquí és { $limit }.
   *[other] No s’han pogut generar { $count } formes de paraula; el màxim admès aquí és { $limit }.
}
problem-title-empty = El títol traduït és buit.
problem-engine = Error del motor de traducció: { $detail }

## Feeds (Atom): their titles.

feed-title = Darreres notícies de { $site }
feed-title-category = { $category } a { $site }
feed-title-author = { $author } a { $site }
feed-title-place = { $place } a { $site }

## The API's documentation page (/api/docs)

api-docs-title = L’API JSON
api-docs-intro = Totes les lectures públiques d’aquest lloc en JSON, descrites per un document OpenAPI que els programes poden llegir.
api-docs-document = El document OpenAPI
api-docs-parameter = Paràmetre
api-docs-where = On
api-docs-meaning = Significat
api-docs-in-path = camí
api-docs-in-query = consulta
api-docs-answers = Respostes:

## A member's account page: API keys

account-title = El teu compte
account-keys-heading = Claus d’API
account-no-keys = Encara no tens cap clau d’API.
account-key-name = Nom de la clau nova
account-create-key = Crea una clau
account-key-created = Copia aquesta clau ara: només es mostra una vegada. Els programes l’envien com a Authorization: Bearer seguit de la clau.
account-revoke = Revoca
account-key-revoked = La clau està revocada: ja no obre res.
account-key-revoked-label = revocada
account-key-made = creada el { $date }
account-key-used = darrer ús el { $date }
account-key-never-used = sense ús
account-key-name-bad = Dona a la clau un nom de 80 caràcters com a màxim.

## Newsroom: sources
sources-title = Fonts
sources-add-heading = Segueix una font
sources-add-label = Adreça d’un canal, un mapa del lloc o una pàgina que n’enllaci un
sources-add-hint = RSS, Atom, JSON Feed o un mapa del lloc; també serveix una portada que indiqui el seu canal.
sources-add-submit = Segueix
sources-empty = Encara no hi ha fonts.
sources-caption = Fonts que segueix loa
sources-col-outlet = Mitjà i adreça
sources-col-state = Estat
sources-col-last-fetch = Darrera baixada
sources-col-error = Darrer error
sources-col-robots = Regles de robots.txt
sources-col-articles = Notícies
sources-col-actions = Accions
sources-kind-feed = canal
sources-kind-sitemap = mapa del lloc
sources-active = Se segueix
sources-paused = En pausa
sources-never = Mai
sources-failures-in-a-row = ({ $count } seguits)
sources-robots-allowed = Permès
sources-robots-refused = Denegat
sources-robots-unknown = Encara no llegit
sources-pause = Posa en pausa
sources-resume = Reprèn
sources-remove = Treu
sources-notice-added = Font seguida; la primera consulta ja s’ha fet.
sources-notice-paused = Font en pausa: no es consulta fins que es reprengui.
sources-notice-resumed = La font es torna a seguir.
sources-notice-removed = Font treta; les seves notícies es conserven.
sources-cannot-follow-here = Aquest node no pot seguir fonts noves.
sources-error-not-an-address = No és una adreça web (http o https).
sources-error-not-a-feed = Aquesta adreça no és cap canal ni mapa del lloc, i la pàgina no n’indica cap. No s’ha afegit res.
sources-error-unreachable = No s’ha pogut baixar l’adreça: { $reason }
sources-error-failed = No s’ha pogut desar la font. Torneu-ho a provar; l’error queda registrat.
sources-error-action = Aquesta acció no existeix per a una font.

## Newsroom: audit log
audit-title = Registre de decisions
audit-filter-member = Membre
audit-filter-action = Decisió
audit-filter-lang = Llengua
audit-filter-any = Qualsevol
audit-filter-submit = Filtra
audit-empty = Cap decisió no hi coincideix.
audit-caption = Decisions de la redacció, les més recents primer
audit-col-when = Quan
audit-col-who = Qui
audit-col-what = Decisió
audit-col-story = Notícia o font
audit-col-change = Què ha canviat
audit-kind-published = Publicada
audit-kind-withdrawn = Retirada
audit-kind-corrected = Corregida
audit-kind-approved = Comentari aprovat
audit-kind-rejected = Comentari rebutjat
audit-comment-pending = pendent de moderació
audit-comment-visible = visible
audit-comment-rejected = rebutjat
audit-segments = { $count ->
    [one] { $count } segment corregit
   *[other] { $count } segments corregits
}
audit-older = Decisions anteriors

## Newsroom: account access
account-notice-password-changed = Contrasenya canviada; s’ha tancat la sessió als altres navegadors.
account-notice-sessions-ended = S’ha tancat la sessió als altres navegadors.
account-sessions-heading = On teniu la sessió oberta
account-session = Sessió oberta el { $since }, vàlida fins al { $until }
account-session-this = aquest navegador
account-end-other-sessions = Tanca la sessió als altres llocs
account-password-heading = Canvieu la contrasenya
account-password-current = Contrasenya actual
account-password-new = Contrasenya nova (almenys { $min } caràcters)
account-password-repeat = Repetiu la contrasenya nova
account-password-submit = Canvia la contrasenya
account-password-short = La contrasenya nova ha de tenir almenys { $min } caràcters.
account-password-mismatch = Les dues contrasenyes noves no coincideixen.
account-password-wrong = La contrasenya actual no és correcta. No s’ha canviat res.

## Newsroom: a story
story-title = Notícia
story-saved = Secció, llocs i temes desats; totes les edicions s’actualitzen.
story-editions = Edicions
story-original = l’original
story-tags-heading = Secció, llocs i temes
story-category = Secció
story-places = Llocs (un per línia)
story-topics = Temes (un per línia)
story-tags-hint = Els canvis arriben a totes les edicions, la cerca i els canals.
story-save = Desa
story-error-category = Trieu una de les seccions.
story-error-tags = Com a màxim { $max } llocs i { $max } temes, de fins a { $chars } caràcters cadascun. No s’ha canviat res.
audit-kind-retagged = Reclassificada
newsroom-action-retagged = Reclassificada per { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date }, a les { $time } UTC
story-workflow-heading = Circuit de publicació
story-state-now = Estat: { $state }
story-state-draft = Esborrany
story-state-in_review = En revisió
story-state-scheduled = Programada
story-state-published = Publicada
story-state-withdrawn = Retirada
story-publishes-at = Es publica el { $time }
story-embargo-until = Embargament fins al { $time }
story-publish-at-label = Publica el (UTC)
story-embargo-label = Embargament fins al (UTC)
story-workflow-hint = Els lectors només veuen una notícia mentre és publicada. Les hores són UTC. Ningú no pot publicar una notícia abans que acabi l’embargament.
story-step-draft = Desa com a esborrany
story-step-review = Envia a revisió
story-step-publish = Publica ara
story-step-schedule = Programa
story-step-withdraw = Retira
story-workflow-saved = S’ha desat l’estat de la notícia; lectors, cerca i canals el segueixen.
story-error-time = No s’ha pogut llegir una hora; feu servir el calendari o la forma any-mes-dia hores:minuts.
story-error-no-time = Trieu quan publicar la notícia abans de programar-la.
story-error-past = L’hora { $time } ja ha passat; trieu-ne una de posterior. No s’ha canviat res.
story-error-embargoed = La notícia està sota embargament fins al { $time }; programeu-la per a llavors o més tard. No s’ha canviat res.
story-error-before-embargo = L’hora programada és anterior al final de l’embargament, el { $time }. No s’ha canviat res.
story-error-step = Aquest pas no és possible per a la notícia en l’estat actual. No s’ha canviat res.
audit-kind-workflow = Circuit de publicació
audit-actor-schedule = la programació
schedule-title = Notícies encara no públiques
schedule-empty = Totes les notícies són publicades: cap esborrany, cap en revisió, programada ni retirada.
schedule-col-story = Notícia
schedule-col-publish-at = Es publica
schedule-col-embargo = Embargament fins al
audit-kind-source_followed = Font seguida
audit-kind-source_paused = Font en pausa
audit-kind-source_resumed = Font represa
audit-kind-source_removed = Font eliminada
audit-embargo = embargament fins al { $time }
