# loa — sito per i lettori, italiano.

## Site frame

site-name = Loa — Notizie dal Vietnam
site-tagline = L’attualità del Vietnam, nella tua lingua
skip-to-content = Vai al contenuto principale
nav-label = Sezioni
nav-home = Prima pagina
language-switcher-label = Leggi questa pagina in un’altra lingua
footer-text = Loa ripubblica articoli dei giornali vietnamiti e collega ogni notizia alla sua fonte. Le traduzioni automatiche sono segnalate e possono contenere errori.
meta-description-home = Le ultime notizie dal Vietnam, tradotte nella tua lingua.

## Sections

category-news = Notizie
category-political-system = Sistema politico
category-local = Province
category-heritage = Patrimonio
category-figures = Personaggi
category-business = Economia
category-product = Prodotti
category-travel = Viaggi
category-video = Video

## Front page and lists

home-latest = Ultime notizie
home-empty = In questa lingua non è stata ancora pubblicata nessuna notizia.
list-empty = Questa sezione non ha ancora notizie.
author-heading = Articoli di { $author }
pagination-label = Paginazione
pagination-previous = Pagina precedente
pagination-next = Pagina successiva
pagination-page-of = Pagina { $page } di { $pages }

## Article page

article-published = Pubblicato il
article-updated = Aggiornato il
article-places = Luoghi
article-by = Di { $author }
article-source = Fonte: { $outlet }
article-machine-translation = Questo articolo è stato tradotto automaticamente.
article-original-language = Lingua originale: { $language }
comments-heading = { $count ->
    [one] { $count } commento
   *[other] { $count } commenti
}
comments-empty = Ancora nessun commento. Sii il primo a dire la tua.
comment-form-heading = Lascia un commento
comment-form-name = Il tuo nome
comment-form-body = Il tuo commento
comment-form-hint = I commenti compaiono dopo essere stati letti da un moderatore. Al massimo { $max } caratteri.
comment-form-submit = Invia il commento
comment-form-trap = Lascia vuoto questo campo.
comment-form-thanks = Grazie. Il tuo commento comparirà dopo che un moderatore l’avrà letto.
comment-form-invalid = Indica il tuo nome e scrivi un commento di non più di { $max } caratteri.
comment-form-throttled = Hai inviato diversi commenti in poco tempo. Attendi qualche minuto, per favore.
related-same-topic = Sullo stesso tema
related-same-topic-empty = Non ci sono ancora altri articoli su questo tema.
related-same-category = Altro da questa sezione
related-same-category-empty = Non ci sono ancora altri articoli in questa sezione.
related-same-author = Altro dello stesso autore
related-same-author-empty = Non ci sono ancora altri articoli di questo autore.
videos-heading = Video correlati
videos-empty = Nessun video disponibile.
video-link = Guarda il video: { $title }
video-play = Riproduci: { $title }
video-loads-from = La riproduzione carica il video da { $host }.
video-back = Torna all’articolo
article-unavailable = Questo articolo non è disponibile in questa lingua.
article-available-in = Puoi leggerlo in:

## Search

search-label = Cerca nel sito
search-placeholder = Nomi, luoghi, argomenti…
search-button = Cerca
search-heading = Ricerca
search-results = { $count ->
    [one] { $count } articolo trovato
   *[other] { $count } articoli trovati
}
search-no-results = Nessun articolo corrisponde alla ricerca. Prova con meno parole o con parole diverse.
search-prompt = Scrivi un nome, un luogo o un argomento per cercare tra tutti gli articoli.
search-refine = Affina i risultati
search-facet-category = Sezione
search-facet-lang = Lingua
search-facet-author = Autore
search-facet-place = Luogo
search-sort-label = Ordine
search-sort-relevance = Più pertinenti
search-sort-date = Più recenti prima
search-all-languages = Tutte le lingue
search-dates-label = Pubblicato tra
search-date-from = Dal
search-date-to = Al
search-active-filters = Filtri attivi
search-remove-filter = Togli il filtro: { $filter }
search-clear-filters = Togli tutti i filtri
search-bad-date = Impossibile leggere la data; sceglila dal calendario o scrivila come anno-mese-giorno.

## Errors

not-found-title = Pagina non trovata
not-found-body = La pagina che cerchi non esiste o è stata spostata.
not-found-home = Torna alla prima pagina
error-title = Qualcosa è andato storto
error-body = Non è stato possibile mostrare la pagina. Riprova tra un momento.
rate-limited-title = Troppe richieste
rate-limited-body = Hai inviato molte richieste in poco tempo. Attendi un minuto e riprova.

## Dates

date-format = { $day } { $month } { $year }
month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre

## Language names

language-vi = vietnamita
language-en = inglese
language-ru = russo
language-uk = ucraino
language-be = bielorusso
language-es = spagnolo
language-fr = francese
language-ca = catalano
language-pt = portoghese
language-it = italiano
language-gl = galiziano
language-ro = rumeno
language-de = tedesco
language-zh = cinese
language-ja = giapponese
language-ko = coreano
language-id = indonesiano

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Redazione
newsroom-sign-in-heading = Accesso alla redazione
newsroom-username = Nome utente
newsroom-password = Password
newsroom-sign-in = Accedi
newsroom-sign-out = Esci
newsroom-sign-in-failed = Il nome utente o la password non sono corretti.
newsroom-sign-in-throttled = Troppi tentativi non riusciti. Riprova tra qualche minuto.
newsroom-signed-in-as = Accesso effettuato come { $name } ({ $role })
newsroom-role-editor = redattore
newsroom-role-translator = traduttore
newsroom-role-moderator = moderatore
newsroom-forbidden = Il tuo ruolo non lo consente.
newsroom-review-heading = Traduzioni in attesa di revisione
newsroom-review-empty = Nessuna traduzione è in attesa di revisione.
newsroom-review-open = Leggi e decidi
newsroom-held-because = Motivi del blocco:
newsroom-status-machine-translated = in attesa di revisione
newsroom-status-failed = contrassegnata come non riuscita
newsroom-status-reviewed = revisionata
newsroom-status-published = pubblicata
newsroom-segment-source = Testo originale ({ $language })
newsroom-segment-translation = Traduzione ({ $language })
newsroom-segment-label = Segmento { $number }
newsroom-save-corrections = Salva le correzioni
newsroom-corrected = { $count ->
    [0] Nessun segmento è stato modificato.
    [one] Un segmento è stato corretto e memorizzato.
   *[other] { $count } segmenti sono stati corretti e memorizzati.
}
newsroom-publish = Pubblica
newsroom-withdraw = Ritira
newsroom-decided = La versione in { $language } ora è { $status }.
newsroom-history-heading = Cronologia
newsroom-history-empty = Nessuno ha ancora deciso su questa versione.
newsroom-action-published = Pubblicata da { $name }.
newsroom-action-withdrawn = Ritirata da { $name }.
newsroom-action-corrected = { $count ->
    [one] { $name } ha corretto un segmento.
   *[other] { $name } ha corretto { $count } segmenti.
}
newsroom-actor-command-line = la riga di comando del server
newsroom-comments-heading = Commenti in attesa di moderazione
newsroom-comments-empty = Nessun commento è in attesa di moderazione.
newsroom-comment-on = Su «{ $title }» ({ $language })
newsroom-approve = Approva
newsroom-reject = Rifiuta
newsroom-comment-decided = Il commento è stato { $decision ->
    [approved] approvato
   *[rejected] rifiutato
}.
newsroom-decision-not-allowed = Questa decisione non è possibile per questa versione nel suo stato attuale.
form-refused = Questo modulo è stato inviato da un altro sito, quindi non è stato accettato.

## Why a translation is held: the checks' findings.

problem-empty = La traduzione è vuota: il motore di traduzione non ha restituito alcun testo.
problem-identical = La traduzione è identica al testo originale: il testo non è stato tradotto.
problem-missing-numbers = Alcuni numeri del testo originale mancano o sono stati modificati: { $numbers }.
problem-missing-terms = Mancano nomi o termini del glossario: { $terms }.
problem-wrong-language = La traduzione sembra scritta in { $detected }, non in { $expected }.
problem-unrecognised-language = Non è possibile confermare che la traduzione sia in { $expected }.
problem-length-ratio = La traduzione è lunga { $ratio } volte il testo originale, fuori dall’intervallo da { $min } a { $max }: potrebbe mancare del testo o esserci ripetizioni.
problem-unknown-words = { $count ->
    [one] { $count } parola è rimasta non tradotta; il massimo consentito qui è { $limit }.
   *[other] { $count } parole sono rimaste non tradotte; il massimo consentito qui è { $limit }.
}
problem-generation-errors = { $count ->
    [one] Non è stato possibile generare { $count } forma di parola; il massimo consentito qui è { $limit }.
   *[other] Non è stato possibile generare { $count } forme di parola; il massimo consentito qui è { $limit }.
}
problem-title-empty = Il titolo tradotto è vuoto.
problem-engine = Errore del motore di traduzione: { $detail }

## Feeds (Atom): their titles.

feed-title = Ultime notizie da { $site }
feed-title-category = { $category } su { $site }
feed-title-author = { $author } su { $site }
feed-title-place = { $place } su { $site }

## The API's documentation page (/api/docs)

api-docs-title = L’API JSON
api-docs-intro = Tutte le letture pubbliche di questo sito in JSON, descritte da un documento OpenAPI leggibile dai programmi.
api-docs-document = Il documento OpenAPI
api-docs-parameter = Parametro
api-docs-where = Dove
api-docs-meaning = Significato
api-docs-in-path = percorso
api-docs-in-query = stringa di query
api-docs-answers = Risposte:

## A member's account page: API keys

account-title = Il tuo account
account-keys-heading = Chiavi API
account-no-keys = Non hai ancora nessuna chiave API.
account-key-name = Nome della nuova chiave
account-create-key = Crea una chiave
account-key-created = Copia ora questa chiave: viene mostrata una sola volta. I programmi la inviano come Authorization: Bearer seguito dalla chiave.
account-revoke = Revoca
account-key-revoked = La chiave è revocata: non apre più nulla.
account-key-revoked-label = revocata
account-key-made = creata il { $date }
account-key-used = ultimo uso il { $date }
account-key-never-used = mai usata
account-key-name-bad = Dai alla chiave un nome di al massimo 80 caratteri.

## Newsroom: sources
sources-title = Fonti
sources-add-heading = Segui una fonte
sources-add-label = Indirizzo di un feed, di una mappa del sito o di una pagina che ne indichi uno
sources-add-hint = RSS, Atom, JSON Feed o mappa del sito; va bene anche una home page che dichiari il suo feed.
sources-add-submit = Segui
sources-empty = Ancora nessuna fonte.
sources-caption = Fonti seguite da loa
sources-col-outlet = Testata e indirizzo
sources-col-state = Stato
sources-col-last-fetch = Ultimo scaricamento
sources-col-error = Ultimo errore
sources-col-robots = Regole robots.txt
sources-col-articles = Articoli
sources-col-actions = Azioni
sources-kind-feed = feed
sources-kind-sitemap = mappa del sito
sources-active = Seguita
sources-paused = In pausa
sources-never = Mai
sources-failures-in-a-row = ({ $count } di fila)
sources-robots-allowed = Consentito
sources-robots-refused = Negato
sources-robots-unknown = Non ancora letto
sources-pause = Metti in pausa
sources-resume = Riprendi
sources-remove = Rimuovi
sources-notice-added = Fonte seguita; la prima consultazione è fatta.
sources-notice-paused = Fonte in pausa: non viene consultata finché non riprende.
sources-notice-resumed = La fonte è di nuovo seguita.
sources-notice-removed = Fonte rimossa; i suoi articoli restano.
sources-cannot-follow-here = Questo nodo non può seguire nuove fonti.
sources-error-not-an-address = Non è un indirizzo web (http o https).
sources-error-not-a-feed = Quell’indirizzo non è un feed né una mappa del sito, e la pagina non ne indica. Non è stato aggiunto nulla.
sources-error-unreachable = Impossibile scaricare l’indirizzo: { $reason }
sources-error-failed = Impossibile salvare la fonte. Riprovate; il guasto è registrato.
sources-error-action = Questa azione non esiste per una fonte.

## Newsroom: audit log
audit-title = Registro delle decisioni
audit-filter-member = Membro
audit-filter-action = Decisione
audit-filter-lang = Lingua
audit-filter-any = Qualsiasi
audit-filter-submit = Filtra
audit-empty = Nessuna decisione corrisponde.
audit-caption = Decisioni della redazione, le più recenti prima
audit-col-when = Quando
audit-col-who = Chi
audit-col-what = Decisione
audit-col-story = Articolo o fonte
audit-col-change = Cosa è cambiato
audit-kind-published = Pubblicata
audit-kind-withdrawn = Ritirata
audit-kind-corrected = Corretta
audit-kind-approved = Commento approvato
audit-kind-rejected = Commento respinto
audit-comment-pending = in attesa di moderazione
audit-comment-visible = visibile
audit-comment-rejected = respinto
audit-segments = { $count ->
    [one] { $count } segmento corretto
   *[other] { $count } segmenti corretti
}
audit-older = Decisioni precedenti

## Newsroom: account access
account-notice-password-changed = Password cambiata; gli altri browser sono disconnessi.
account-notice-sessions-ended = Gli altri browser sono disconnessi.
account-sessions-heading = Dove hai effettuato l’accesso
account-session = Accesso del { $since }, valido fino al { $until }
account-session-this = questo browser
account-end-other-sessions = Esci da tutti gli altri dispositivi
account-password-heading = Cambia la password
account-password-current = Password attuale
account-password-new = Nuova password (almeno { $min } caratteri)
account-password-repeat = Ripeti la nuova password
account-password-submit = Cambia password
account-password-short = La nuova password deve avere almeno { $min } caratteri.
account-password-mismatch = Le due nuove password non coincidono.
account-password-wrong = La password attuale non è giusta. Non è cambiato nulla.

## Newsroom: a story
story-title = Articolo
story-saved = Sezione, luoghi e temi salvati; tutte le edizioni si aggiornano.
story-editions = Edizioni
story-original = l’originale
story-tags-heading = Sezione, luoghi e temi
story-category = Sezione
story-places = Luoghi (uno per riga)
story-topics = Temi (uno per riga)
story-tags-hint = Le modifiche valgono per tutte le edizioni, la ricerca e i feed.
story-save = Salva
story-error-category = Scegli una delle sezioni.
story-error-tags = Al massimo { $max } luoghi e { $max } temi, ciascuno fino a { $chars } caratteri. Non è cambiato nulla.
audit-kind-retagged = Riclassificato
newsroom-action-retagged = Riclassificato da { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date } alle { $time } UTC
story-workflow-heading = Flusso di pubblicazione
story-state-now = Stato: { $state }
story-state-draft = Bozza
story-state-in_review = In revisione
story-state-scheduled = Programmata
story-state-published = Pubblicata
story-state-withdrawn = Ritirata
story-publishes-at = Esce il { $time }
story-embargo-until = Sotto embargo fino al { $time }
story-publish-at-label = Pubblica il (UTC)
story-embargo-label = Embargo fino al (UTC)
story-workflow-hint = I lettori vedono una notizia solo mentre è pubblicata. Gli orari sono UTC. Nessuno può pubblicare una notizia prima della fine dell’embargo.
story-step-draft = Salva come bozza
story-step-review = Invia in revisione
story-step-publish = Pubblica ora
story-step-schedule = Programma
story-step-withdraw = Ritira
story-workflow-saved = Lo stato della notizia è stato salvato; lettori, ricerca e feed si aggiornano.
story-error-time = Non è stato possibile leggere un orario; usa il calendario o la forma anno-mese-giorno ore:minuti.
story-error-no-time = Scegli quando pubblicare la notizia prima di programmarla.
story-error-past = L’orario { $time } è già passato; scegline uno successivo. Non è stato cambiato nulla.
story-error-embargoed = La notizia è sotto embargo fino al { $time }; programmala per allora o più tardi. Non è stato cambiato nulla.
story-error-before-embargo = L’orario programmato precede la fine dell’embargo, il { $time }. Non è stato cambiato nulla.
story-error-step = Questo passaggio non è possibile per la notizia nel suo stato attuale. Non è stato cambiato nulla.
audit-kind-workflow = Flusso di pubblicazione
audit-actor-schedule = la programmazione
schedule-title = Notizie non ancora pubbliche
schedule-empty = Tutte le notizie sono pubblicate: nessuna in bozza, in revisione, programmata o ritirata.
schedule-col-story = Notizia
schedule-col-publish-at = Esce il
schedule-col-embargo = Embargo fino al
audit-kind-source_followed = Fonte seguita
audit-kind-source_paused = Fonte in pausa
audit-kind-source_resumed = Fonte ripresa
audit-kind-source_removed = Fonte rimossa
audit-embargo = embargo fino al { $time }
