# loa — sitio para lectores, español.

## Site frame

site-name = Loa — Noticias de Vietnam
site-tagline = La actualidad de Vietnam, en tu idioma
skip-to-content = Saltar al contenido principal
nav-label = Secciones
nav-home = Portada
language-switcher-label = Leer esta página en otro idioma
footer-text = Loa republica información de periódicos vietnamitas y enlaza cada noticia con su fuente. Las traducciones automáticas están señaladas y pueden contener errores.
meta-description-home = Las últimas noticias de Vietnam, traducidas a tu idioma.

## Sections

category-news = Noticias
category-political-system = Sistema político
category-local = Provincias
category-heritage = Patrimonio
category-figures = Personajes
category-business = Economía
category-product = Productos
category-travel = Viajes
category-video = Vídeo

## Front page and lists

home-latest = Últimas noticias
home-empty = Todavía no se ha publicado ninguna noticia en este idioma.
list-empty = Esta sección todavía no tiene noticias.
author-heading = Noticias de { $author }
pagination-label = Páginas
pagination-previous = Página anterior
pagination-next = Página siguiente
pagination-page-of = Página { $page } de { $pages }

## Article page

article-published = Publicado
article-updated = Actualizado
article-places = Lugares
article-by = Por { $author }
article-source = Fuente: { $outlet }
article-machine-translation = Esta noticia se ha traducido automáticamente.
article-original-language = Idioma original: { $language }
comments-heading = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}
comments-empty = Todavía no hay comentarios. Sé el primero en opinar.
comment-form-heading = Deja un comentario
comment-form-name = Tu nombre
comment-form-body = Tu comentario
comment-form-hint = Los comentarios se publican cuando un moderador los ha leído. Como máximo, { $max } caracteres.
comment-form-submit = Enviar el comentario
comment-form-trap = Deja este campo vacío.
comment-form-thanks = Gracias. Tu comentario aparecerá en cuanto un moderador lo haya leído.
comment-form-invalid = Escribe tu nombre y un comentario de { $max } caracteres como máximo.
comment-form-throttled = Has enviado varios comentarios en poco tiempo. Espera unos minutos, por favor.
related-same-topic = Sobre el mismo tema
related-same-topic-empty = Todavía no hay otras noticias sobre este tema.
related-same-category = Más en esta sección
related-same-category-empty = Todavía no hay otras noticias en esta sección.
related-same-author = Más de este autor
related-same-author-empty = Todavía no hay otras noticias de este autor.
videos-heading = Vídeos
videos-empty = No hay vídeos disponibles.
video-link = Ver el vídeo: { $title }
video-play = Reproducir: { $title }
video-loads-from = Al reproducirlo, el vídeo se carga desde { $host }.
video-back = Volver a la noticia
article-unavailable = Esta noticia no está disponible en este idioma.
article-available-in = Puedes leerla en:

## Search

search-label = Buscar en el sitio
search-placeholder = Nombres, lugares, temas…
search-button = Buscar
search-heading = Búsqueda
search-results = { $count ->
    [one] { $count } noticia encontrada
   *[other] { $count } noticias encontradas
}
search-no-results = Ninguna noticia coincide con tu búsqueda. Prueba con menos palabras o con otras.
search-prompt = Escribe un nombre, un lugar o un tema para buscar entre todas las noticias.
search-refine = Afinar los resultados
search-facet-category = Sección
search-facet-lang = Idioma
search-facet-author = Autor
search-facet-place = Lugar
search-sort-label = Orden
search-sort-relevance = Más relevantes
search-sort-date = Más recientes primero
search-all-languages = Todos los idiomas
search-dates-label = Publicado entre
search-date-from = Desde
search-date-to = Hasta
search-active-filters = Filtros activos
search-remove-filter = Quitar filtro: { $filter }
search-clear-filters = Quitar todos los filtros
search-bad-date = No se pudo leer la fecha; elíjala en el calendario o escríbala como año-mes-día.

## Errors

not-found-title = Página no encontrada
not-found-body = La página que buscas no existe o ha cambiado de dirección.
not-found-home = Ir a la portada
error-title = Algo ha fallado
error-body = No se ha podido mostrar la página. Vuelve a intentarlo dentro de un momento.
rate-limited-title = Demasiadas solicitudes
rate-limited-body = Has enviado muchas solicitudes en poco tiempo. Espera un minuto y vuelve a intentarlo.

## Dates

date-format = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## Language names

language-vi = vietnamita
language-en = inglés
language-ru = ruso
language-uk = ucraniano
language-be = bielorruso
language-es = español
language-fr = francés
language-ca = catalán
language-pt = portugués
language-it = italiano
language-gl = gallego
language-ro = rumano
language-de = alemán
language-zh = chino
language-ja = japonés
language-ko = coreano
language-id = indonesio

## The newsroom: pages for editors, translators and moderators.

newsroom-title = Redacción
newsroom-sign-in-heading = Acceso a la redacción
newsroom-username = Nombre de usuario
newsroom-password = Contraseña
newsroom-sign-in = Iniciar sesión
newsroom-sign-out = Cerrar sesión
newsroom-sign-in-failed = El nombre de usuario o la contraseña no son correctos.
newsroom-sign-in-throttled = Demasiados intentos fallidos. Vuelve a intentarlo dentro de unos minutos.
newsroom-signed-in-as = Sesión iniciada como { $name } ({ $role })
newsroom-role-editor = responsable de edición
newsroom-role-translator = traductor
newsroom-role-moderator = moderador
newsroom-forbidden = Tu rol no te permite hacer esto.
newsroom-review-heading = Traducciones pendientes de revisión
newsroom-review-empty = No hay ninguna traducción pendiente de revisión.
newsroom-review-open = Leer y decidir
newsroom-held-because = Motivos de la retención:
newsroom-status-machine-translated = pendiente de revisión
newsroom-status-failed = marcada como fallida
newsroom-status-reviewed = revisada
newsroom-status-published = publicada
newsroom-segment-source = Texto original ({ $language })
newsroom-segment-translation = Traducción ({ $language })
newsroom-segment-label = Segmento { $number }
newsroom-save-corrections = Guardar las correcciones
newsroom-corrected = { $count ->
    [0] No se cambió ningún segmento.
    [one] Se corrigió y memorizó un segmento.
   *[other] Se corrigieron y memorizaron { $count } segmentos.
}
newsroom-publish = Publicar
newsroom-withdraw = Retirar
newsroom-decided = La versión en { $language } está ahora { $status }.
newsroom-history-heading = Historial
newsroom-history-empty = Nadie ha decidido aún sobre esta versión.
newsroom-action-published = Publicada por { $name }.
newsroom-action-withdrawn = Retirada por { $name }.
newsroom-action-corrected = { $count ->
    [one] { $name } corrigió un segmento.
   *[other] { $name } corrigió { $count } segmentos.
}
newsroom-actor-command-line = la línea de órdenes del servidor
newsroom-comments-heading = Comentarios pendientes de moderación
newsroom-comments-empty = No hay ningún comentario pendiente de moderación.
newsroom-comment-on = Sobre «{ $title }» ({ $language })
newsroom-approve = Aprobar
newsroom-reject = Rechazar
newsroom-comment-decided = El comentario ha sido { $decision ->
    [approved] aprobado
   *[rejected] rechazado
}.
newsroom-decision-not-allowed = Esta decisión no es posible para esta versión en su estado actual.
form-refused = Este formulario se envió desde otro sitio, así que no se aceptó.

## Why a translation is held: the checks' findings.

problem-empty = La traducción está vacía: el motor de traducción no devolvió ningún texto.
problem-identical = La traducción es idéntica al texto original: el texto no se tradujo.
problem-missing-numbers = Faltan cifras del texto original o se han alterado: { $numbers }.
problem-missing-terms = Faltan nombres o términos del glosario: { $terms }.
problem-wrong-language = La traducción parece escrita en { $detected }, no en { $expected }.
problem-unrecognised-language = No se puede confirmar que la traducción esté en { $expected }.
problem-length-ratio = La traducción mide { $ratio } veces lo que el texto original, fuera del margen de { $min } a { $max }: puede faltar texto o haber repeticiones.
problem-unknown-words = { $count ->
    [one] { $count } palabra quedó sin traducir; el máximo admitido aquí es { $limit }.
   *[other] { $count } palabras quedaron sin traducir; el máximo admitido aquí es { $limit }.
}
problem-generation-errors = { $count ->
    [one] No se pudo generar { $count } forma de palabra; el máximo admitido aquí es { $limit }.
   *[other] No se pudieron generar { $count } formas de palabra; el máximo admitido aquí es { $limit }.
}
problem-title-empty = El título traducido está vacío.
problem-engine = Error del motor de traducción: { $detail }

## Feeds (Atom): their titles.

feed-title = Últimas noticias de { $site }
feed-title-category = { $category } en { $site }
feed-title-author = { $author } en { $site }
feed-title-place = { $place } en { $site }

## The API's documentation page (/api/docs)

api-docs-title = La API JSON
api-docs-intro = Todas las lecturas públicas de este sitio en JSON, descritas por un documento OpenAPI que los programas pueden leer.
api-docs-document = El documento OpenAPI
api-docs-parameter = Parámetro
api-docs-where = Dónde
api-docs-meaning = Significado
api-docs-in-path = ruta
api-docs-in-query = consulta
api-docs-answers = Respuestas:

## A member's account page: API keys

account-title = Tu cuenta
account-keys-heading = Claves de API
account-no-keys = Aún no tienes ninguna clave de API.
account-key-name = Nombre de la nueva clave
account-create-key = Crear una clave
account-key-created = Copia esta clave ahora: solo se muestra una vez. Los programas la envían como Authorization: Bearer seguido de la clave.
account-revoke = Revocar
account-key-revoked = La clave está revocada: ya no abre nada.
account-key-revoked-label = revocada
account-key-made = creada el { $date }
account-key-used = último uso el { $date }
account-key-never-used = sin usar
account-key-name-bad = Da a la clave un nombre de 80 caracteres como máximo.

## Newsroom: sources
sources-title = Fuentes
sources-add-heading = Seguir una fuente
sources-add-label = Dirección de un canal, un mapa del sitio o una página que enlace uno
sources-add-hint = RSS, Atom, JSON Feed o un mapa del sitio; también sirve una portada que indique su canal.
sources-add-submit = Seguir
sources-empty = Aún no hay fuentes.
sources-caption = Fuentes que sigue loa
sources-col-outlet = Medio y dirección
sources-col-state = Estado
sources-col-last-fetch = Última descarga
sources-col-error = Último error
sources-col-robots = Reglas de robots.txt
sources-col-articles = Noticias
sources-col-actions = Acciones
sources-kind-feed = canal
sources-kind-sitemap = mapa del sitio
sources-active = Siguiendo
sources-paused = En pausa
sources-never = Nunca
sources-failures-in-a-row = ({ $count } seguidos)
sources-robots-allowed = Permitido
sources-robots-refused = Denegado
sources-robots-unknown = Sin leer aún
sources-pause = Pausar
sources-resume = Reanudar
sources-remove = Quitar
sources-notice-added = Fuente seguida; su primera consulta ya está hecha.
sources-notice-paused = Fuente en pausa: no se consulta hasta que se reanude.
sources-notice-resumed = La fuente vuelve a seguirse.
sources-notice-removed = Fuente quitada; sus noticias se conservan.
sources-cannot-follow-here = Este nodo no puede seguir fuentes nuevas.
sources-error-not-an-address = No es una dirección web (http o https).
sources-error-not-a-feed = Esa dirección no es un canal ni un mapa del sitio, y la página no indica ninguno. No se ha añadido nada.
sources-error-unreachable = No se pudo descargar esa dirección: { $reason }
sources-error-failed = No se pudo guardar la fuente. Inténtelo de nuevo; el fallo queda registrado.
sources-error-action = Esa acción no existe para una fuente.

## Newsroom: audit log
audit-title = Registro de decisiones
audit-filter-member = Miembro
audit-filter-action = Decisión
audit-filter-lang = Idioma
audit-filter-any = Cualquiera
audit-filter-submit = Filtrar
audit-empty = Ninguna decisión coincide.
audit-caption = Decisiones de la redacción, las más recientes primero
audit-col-when = Cuándo
audit-col-who = Quién
audit-col-what = Decisión
audit-col-story = Noticia o fuente
audit-col-change = Qué cambió
audit-kind-published = Publicada
audit-kind-withdrawn = Retirada
audit-kind-corrected = Corregida
audit-kind-approved = Comentario aprobado
audit-kind-rejected = Comentario rechazado
audit-comment-pending = pendiente de moderación
audit-comment-visible = visible
audit-comment-rejected = rechazado
audit-segments = { $count ->
    [one] { $count } segmento corregido
   *[other] { $count } segmentos corregidos
}
audit-older = Decisiones anteriores

## Newsroom: account access
account-notice-password-changed = Contraseña cambiada; se ha cerrado la sesión en los demás navegadores.
account-notice-sessions-ended = Se ha cerrado la sesión en los demás navegadores.
account-sessions-heading = Dónde tiene la sesión abierta
account-session = Sesión abierta el { $since }, válida hasta el { $until }
account-session-this = este navegador
account-end-other-sessions = Cerrar la sesión en los demás sitios
account-password-heading = Cambiar la contraseña
account-password-current = Contraseña actual
account-password-new = Contraseña nueva (al menos { $min } caracteres)
account-password-repeat = Repita la contraseña nueva
account-password-submit = Cambiar contraseña
account-password-short = La contraseña nueva debe tener al menos { $min } caracteres.
account-password-mismatch = Las dos contraseñas nuevas no coinciden.
account-password-wrong = La contraseña actual no es correcta. No se ha cambiado nada.

## Newsroom: a story
story-title = Noticia
story-saved = Sección, lugares y temas guardados; todas las ediciones se actualizan.
story-editions = Ediciones
story-original = el original
story-tags-heading = Sección, lugares y temas
story-category = Sección
story-places = Lugares (uno por línea)
story-topics = Temas (uno por línea)
story-tags-hint = Los cambios llegan a todas las ediciones, la búsqueda y los canales.
story-save = Guardar
story-error-category = Elija una de las secciones.
story-error-tags = Como máximo { $max } lugares y { $max } temas, de hasta { $chars } caracteres cada uno. No se ha cambiado nada.
audit-kind-retagged = Reclasificada
newsroom-action-retagged = Reclasificada por { $name }.

## Story workflow: states, the schedule and embargoes

date-time-format = { $date }, a las { $time } UTC
story-workflow-heading = Flujo de publicación
story-state-now = Estado: { $state }
story-state-draft = Borrador
story-state-in_review = En revisión
story-state-scheduled = Programada
story-state-published = Publicada
story-state-withdrawn = Retirada
story-publishes-at = Se publica el { $time }
story-embargo-until = Embargo hasta el { $time }
story-publish-at-label = Publicar el (UTC)
story-embargo-label = Embargo hasta (UTC)
story-workflow-hint = Los lectores solo ven una noticia mientras está publicada. Las horas son UTC. Nadie puede publicar una noticia antes de que termine su embargo.
story-step-draft = Guardar como borrador
story-step-review = Enviar a revisión
story-step-publish = Publicar ahora
story-step-schedule = Programar
story-step-withdraw = Retirar
story-workflow-saved = Se guardó el estado de la noticia; lectores, búsqueda y canales lo siguen.
story-error-time = No se pudo leer una hora; use el calendario o la forma año-mes-día horas:minutos.
story-error-no-time = Elija cuándo publicar la noticia antes de programarla.
story-error-past = La hora { $time } ya pasó; elija una posterior. No se cambió nada.
story-error-embargoed = La noticia está bajo embargo hasta el { $time }; prográmela para entonces o más tarde. No se cambió nada.
story-error-before-embargo = La hora programada es anterior al fin del embargo, el { $time }. No se cambió nada.
story-error-step = Ese paso no está disponible para la noticia en su estado actual. No se cambió nada.
audit-kind-workflow = Flujo de publicación
audit-actor-schedule = la programación
schedule-title = Noticias aún no públicas
schedule-empty = Todas las noticias están publicadas: ninguna en borrador, en revisión, programada ni retirada.
schedule-col-story = Noticia
schedule-col-publish-at = Se publica
schedule-col-embargo = Embargo hasta
audit-kind-source_followed = Fuente seguida
audit-kind-source_paused = Fuente en pausa
audit-kind-source_resumed = Fuente reanudada
audit-kind-source_removed = Fuente eliminada
audit-embargo = embargo hasta el { $time }
